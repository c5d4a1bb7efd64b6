// Platform-level procedures that touch no module's data.
import { z } from 'zod';
import { emptyInput } from '../../../shared/schemas/primitives';
import { publicProcedure, router } from '../../trpc';

export const systemRouter = router({
  /** A database-free round trip: what the doors themselves cost (see bench/). */
  ping: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ping', tags: ['system'], summary: 'Answer without touching the database' } })
    .input(emptyInput.optional())
    .output(z.object({ ok: z.literal(true), time: z.number().describe('Server time, ms since the epoch.') }))
    .query(() => ({ ok: true as const, time: Date.now() })),
});
