// Platform-level procedures that touch no module's data.
import { z } from 'zod';
import { emptyInput } from '../../../shared/schemas/primitives';
import { examples } from '../../openapi-examples';
import { publicProcedure, router } from '../../trpc';

const pingOutput = z.object({ ok: z.literal(true), time: z.number().describe('Server time, ms since the epoch.') });

export const systemRouter = router({
  /** A database-free round trip: what the doors themselves cost (see bench/). */
  ping: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ping',
        tags: ['system'],
        summary: 'Answer without touching the database',
        description: 'Answers at once with the server’s clock, touching no data: a check that the API door is up. GET /readyz also checks the database.',
      },
      examples: examples({ output: pingOutput }, { response: { ok: true, time: 1796634000118 } }),
    })
    .input(emptyInput.optional())
    .output(pingOutput)
    .query(() => ({ ok: true as const, time: Date.now() })),
});
