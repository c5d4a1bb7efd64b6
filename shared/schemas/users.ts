// Finding users by name (administrators), shared by server and client: for the client's operator
// pages, which act on a user by id (award XP, open a schedule, record a league result).
import { z } from 'zod';
import { listInput, text, timestamp, uuid } from './primitives';

export const findUsersInput = z.strictObject({
  query: text(100).default('').describe('The start of a username, any case; empty for the newest users.'),
  ...listInput,
});
export const findUsersOutput = z.object({
  items: z.array(z.object({ id: uuid(), username: z.string(), role: z.enum(['user', 'admin']), createdAt: timestamp() })),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one.'),
});
