// Events of the mailer (their catalogue entries: server/events/catalogue.ts).
import { z } from 'zod';
import { eventType } from '../../../server/extensions/api';

export const couponRedeemed = eventType({
  type: 'coupon.redeemed',
  description: 'A user redeemed a coupon code; data lists the benefits it granted.',
  data: z.object({
    redemptionId: z.string(),
    userId: z.string(),
    campaignId: z.string(),
    campaignName: z.string(),
    benefits: z.array(z.record(z.string(), z.unknown())),
    redeemedAt: z.string(),
  }),
});
