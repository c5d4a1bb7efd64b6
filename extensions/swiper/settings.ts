// The swiper's settings, read from the environment at start.
import { z } from 'zod';

export const swiperSettings = z
  .object({
    CALOS_SWIPER_SEED: z.string().min(1).max(200).optional().describe('Fixes the draw order (tests, demos); unset, draws use the system random.'),
    CALOS_SWIPER_VISITOR_DAILY_SWIPES: z.coerce.number().int().min(1).max(1_000_000).default(500).describe('Swipes per anonymous widget visitor and 24 hours.'),
  })
  .transform((s) => ({ seed: s.CALOS_SWIPER_SEED ?? null, visitorDailySwipes: s.CALOS_SWIPER_VISITOR_DAILY_SWIPES }));
