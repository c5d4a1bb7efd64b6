// Usage analytics of a developer's API keys: requests, errors and latency per day, route and key.
import { z } from 'zod';
import { uuid } from './primitives';
import { mode } from './developer';

export const usageInput = z.strictObject({
  applicationId: uuid().optional().describe('One application; default: all of yours.'),
  days: z.number().int().min(1).max(90).default(30).describe('How many UTC days back, today included.'),
});

const latency = {
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
};
const counts = { requests: z.number().int(), errors: z.number().int(), ...latency };

export const usageOutput = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    totals: z.object(counts),
    days: z.array(z.object({ day: z.iso.date(), ...counts })),
    routes: z.array(z.object({ route: z.string(), ...counts })),
    keys: z.array(z.object({ keyId: uuid(), name: z.string(), display: z.string(), mode, ...counts })),
  })
  .describe(
    'Latency percentiles are the upper bound of the bucket that holds them (5, 10, 25, 50, 100, 250, 500, ' +
      '1000, 2500, 5000 ms; slower requests are reported as 5000). Errors are responses with status ≥ 400.',
  );
export type Usage = z.infer<typeof usageOutput>;
