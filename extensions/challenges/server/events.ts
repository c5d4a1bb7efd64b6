// Events of the code challenges (in the webhook catalogue with their payloads).
import { z } from 'zod';
import { eventType } from '../../../server/extensions/api';

export const entryGenerated = eventType({
  type: 'challenge.entry_generated',
  description: 'A model contestant\'s answer finished generating (`done`), or failed after its attempts (`failed`).',
  data: z.object({
    challengeId: z.string(),
    entryId: z.string(),
    profileId: z.string(),
    status: z.enum(['done', 'failed']),
    attempts: z.number().int(),
    length: z.number().int(),
  }),
});

export const winnerPicked = eventType({
  type: 'challenge.winner_picked',
  description: 'The teacher picked a challenge\'s winner (once per challenge). `userId` or `profileId` names the winner.',
  data: z.object({
    challengeId: z.string(),
    entryId: z.string(),
    userId: z.string().nullable(),
    profileId: z.string().nullable(),
    pickedBy: z.string(),
  }),
});
