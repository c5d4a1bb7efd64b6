// Events of the actions engine (see server/events/catalogue.ts).
import { z } from 'zod';
import { defineEvent } from '../../events/catalogue';

export const actionExecuted = defineEvent({
  type: 'action.executed',
  description: 'An action ran for a user; its effects’ own events (xp.awarded …) follow.',
  data: z.object({
    userId: z.string(),
    actionCode: z.string(),
    executionId: z.string(),
    freeUse: z.boolean(),
    params: z.record(z.string(), z.unknown()),
    effects: z.array(z.object({ effectCode: z.string(), status: z.string() })),
  }),
});

export const actionFailed = defineEvent({
  type: 'action.failed',
  description: 'An action was refused (cooldown, daily limit, rate limit or a closed schedule).',
  data: z.object({
    userId: z.string(),
    actionCode: z.string(),
    executionId: z.string(),
    reason: z.string(),
    nextAvailableAt: z.string().nullable(),
  }),
});
