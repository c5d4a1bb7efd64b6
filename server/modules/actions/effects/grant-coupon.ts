// grant_coupon: issues the user a fresh single-use code of a mailer campaign, shown in the result
// (like a printed coupon, it is redeemed later through /api/mailer/redeem).
import { z } from 'zod';
import { couponKeys } from '../../mailer/coupon-code';
import { generateCoupons } from '../../mailer/campaigns';
import { defineEffect } from './effect';

export const grantCouponEffect = defineEffect({
  code: 'grant_coupon',
  name: 'Grant coupon',
  description: 'Issues one single-use code of the mailer campaign `campaignId`, valid `validDays` (default: the campaign’s end).',
  params: z.strictObject({ campaignId: z.uuid(), validDays: z.number().int().min(1).max(3650).optional() }),
  async checkReferences(trx, p) {
    return (await trx('mailer_campaigns').where({ id: p.campaignId, mode: 'live' }).first('id')) ? null : { field: 'campaignId', message: 'no such campaign' };
  },
  async apply(ctx, p) {
    if (ctx.mode === 'test') return { status: 'skipped', result: { reason: 'TEST_MODE' } };
    const expiresAt = p.validDays ? new Date(ctx.now.getTime() + p.validDays * 86_400_000).toISOString() : undefined;
    const issuer = { kind: 'user' as const, userId: ctx.userId, role: 'user' as const, mode: 'live' as const };
    const batch = await generateCoupons(ctx.trx, couponKeys(ctx.config.couponSecret), issuer, {
      campaignId: p.campaignId,
      count: 1,
      usesPerCode: 1,
      ...(expiresAt ? { expiresAt } : {}),
    });
    return { status: 'applied', result: { code: batch.codes[0], campaignId: p.campaignId, expiresAt: expiresAt ?? null } };
  },
});
