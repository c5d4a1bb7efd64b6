// The leagues' settings, read from the environment at start.
import { z } from 'zod';

export const leaguesSettings = z.object({
  CALOS_LEAGUE_PAIR_RESULTS_PER_DAY: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(5)
    .describe('Results two players may report and confirm against each other in one open league in any 24 hours.'),
});
