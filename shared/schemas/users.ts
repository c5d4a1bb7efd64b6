// Finding users by name (administrators), shared by server and client: for the client's operator
// pages, which act on a user by id (award XP, open a schedule, record a league result).
import { z } from 'zod';
import { text, timestamp, uuid } from './primitives';

export const findUsersInput = z.strictObject({
  query: text(100).default('').describe('The start of a username, any case; empty for the newest users.'),
  limit: z.number().int().min(1).max(50).default(20).describe('How many, 1–50.'),
});
export const findUsersOutput = z.object({
  items: z.array(z.object({ id: uuid(), username: z.string(), role: z.enum(['user', 'admin']), createdAt: timestamp() })),
});
