// Example request and response of the usage analytics route, for the API reference (server/openapi-examples.ts).
import { usageInput, usageOutput } from '../../../shared/schemas/usage';
import { exampleIds, examples } from '../../openapi-examples';

const day = (date: string, requests: number, errors: number, p50Ms: number | null, p95Ms: number | null, p99Ms: number | null) => ({
  day: date,
  requests,
  errors,
  p50Ms,
  p95Ms,
  p99Ms,
});

export const summary = examples(
  { input: usageInput, output: usageOutput },
  {
    request: { applicationId: exampleIds.application, days: 3 },
    response: {
      from: '2026-12-05',
      to: '2026-12-07',
      totals: { requests: 5120, errors: 37, p50Ms: 10, p95Ms: 50, p99Ms: 100 },
      days: [day('2026-12-05', 2210, 14, 10, 50, 100), day('2026-12-06', 2384, 19, 10, 50, 100), day('2026-12-07', 526, 4, 10, 25, 50)],
      routes: [
        { route: 'POST /actions/execute', requests: 3902, errors: 31, p50Ms: 10, p95Ms: 50, p99Ms: 100 },
        { route: 'POST /skills/award-xp', requests: 1015, errors: 6, p50Ms: 10, p95Ms: 25, p99Ms: 50 },
        { route: 'GET /skills/leaderboard', requests: 203, errors: 0, p50Ms: 5, p95Ms: 25, p99Ms: 25 },
      ],
      keys: [
        { keyId: exampleIds.apiKey, name: 'Puzzle server', display: 'calos_sk_22oa…jxJQ', mode: 'live', requests: 5120, errors: 37, p50Ms: 10, p95Ms: 50, p99Ms: 100 },
      ],
    },
  },
);
