// grant_coupon: issues the user a fresh single-use code of a mailer campaign, redeemed later through
// /api/mailer/redeem like a printed one. The code is in execute's answer to the caller and nowhere
// else: the effect log, events and an idempotent replay keep its id and last 4 characters only.
import { z } from 'zod';
import { defineEffect } from '../../../server/extensions/api';
import { mailerSettings } from '../settings';
import { couponKeys } from './coupon-code';
import { issueCoupon } from './campaigns';

export const grantCouponEffect = defineEffect({
  code: 'grant_coupon',
  name: 'Grant coupon',
  description:
    'Issues one single-use code of the mailer campaign `campaignId`, valid `validDays` (default: the campaign’s end). The code is in execute’s answer only; the history keeps its last 4 characters (`codeHint`).',
  params: z.strictObject({ campaignId: z.uuid(), validDays: z.number().int().min(1).max(3650).optional() }),
  shownOnce: ['code'],
  async checkReferences(trx, p) {
    return (await trx('mailer_campaigns').where({ id: p.campaignId, mode: 'live' }).first('id')) ? null : { field: 'campaignId', message: 'no such campaign' };
  },
  async apply(ctx, p) {
    if (ctx.mode === 'test') return { status: 'skipped', result: { reason: 'TEST_MODE' } };
    // The mailer's own effect: the engine runs it with the mailer's kernel.
    const { couponSecret } = ctx.kernel!.settings(mailerSettings);
    const expiresAt = p.validDays ? new Date(ctx.now.getTime() + p.validDays * 86_400_000) : null;
    const coupon = await issueCoupon(ctx.trx, couponKeys(couponSecret), { campaignId: p.campaignId, userId: ctx.userId, expiresAt });
    return {
      status: 'applied',
      result: {
        code: coupon.code,
        couponId: coupon.couponId,
        codeHint: coupon.codeHint,
        campaignId: p.campaignId,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    };
  },
});
