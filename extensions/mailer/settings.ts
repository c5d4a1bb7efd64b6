// The mailer's settings, read from the environment at start.
import { z } from 'zod';

/** Development only: NODE_ENV=production refuses to start without CALOS_COUPON_SECRET. */
export const DEV_COUPON_SECRET = 'calos-development-coupon-secret-do-not-use-in-production';

const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const mailerSettings = z
  .object({
    NODE_ENV: z.string().optional(),
    CALOS_COUPON_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('Coupon codes are hashed with it.'),
    CALOS_COUPON_MAX_PER_USER: count(1, 100_000, 20).describe('Redemption attempts per user in a window.'),
    CALOS_COUPON_MAX_PER_IP: count(1, 1_000_000, 200).describe('Redemption attempts per IP address (or IPv6 /64) in a window.'),
    CALOS_COUPON_WINDOW_SECONDS: count(1, 86_400, 900),
  })
  .superRefine((s, ctx) => {
    if (!s.CALOS_COUPON_SECRET && s.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['CALOS_COUPON_SECRET'], message: 'must be set in production (at least 32 random characters); coupon codes are hashed with it' });
    }
  })
  .transform((s) => ({
    couponSecret: s.CALOS_COUPON_SECRET ?? DEV_COUPON_SECRET,
    throttle: { maxPerUser: s.CALOS_COUPON_MAX_PER_USER, maxPerIp: s.CALOS_COUPON_MAX_PER_IP, windowSeconds: s.CALOS_COUPON_WINDOW_SECONDS },
  }));
