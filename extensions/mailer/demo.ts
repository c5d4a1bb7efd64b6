// The demo's mailer: a welcome campaign whose codes were granted to the demo account (one redeemed,
// the others still to redeem: their codes are printed at start-up), and this month's mailer, a
// printed batch that some players redeemed. Campaigns, batches and redemptions go through the mailer
// service; only the granted codes are written here, because their plaintext must be the published
// one (the service draws codes at random and keeps no plaintext).
import type { Knex } from 'knex';
import { dayTime, daysBefore, Random, type DemoContext, type Kernel } from '../../server/extensions/api';
import { createCampaignInput, generateCouponsInput } from './schemas';
import { createCampaign, generateCoupons, codeHint } from './server/campaigns';
import { setMyAddress } from './server/deliveries';
import { redeemCoupon } from './server/redemption';
import { CODE_ALPHABET, checkCharacter, couponKeys, formatCode, hashCode, parseCode, type CouponKeys } from './server/coupon-code';
import { mailerSettings } from './settings';

const DEMO_CODES = 3;
const DEMO_IP = '127.0.0.1';

/** The codes granted to the demo account: the same everywhere (a seeded stream), so they can be published. */
export function demoCouponCodes(): string[] {
  const random = new Random('calos-demo:coupons');
  return Array.from({ length: DEMO_CODES }, () => {
    const payload = Array.from({ length: 11 }, () => CODE_ALPHABET[random.int(0, CODE_ALPHABET.length - 1)]).join('');
    return formatCode(payload + checkCharacter(payload));
  });
}

const normalized = (code: string) => {
  const parsed = parseCode(code);
  if (parsed.kind !== 'ok') throw new Error(`demo data: ${code} is not a valid coupon code`);
  return parsed.normalized;
};

/** The demo account's granted codes it can still redeem (for the start-up banner). */
export async function unusedDemoCoupons(kernel: Kernel): Promise<string[]> {
  const db = kernel.db;
  const keys = couponKeys(kernel.settings(mailerSettings).couponSecret);
  const codes = demoCouponCodes();
  const unused = new Set(
    (await db('coupon_codes')
      .whereIn('code_hash', codes.map((c) => hashCode(keys, normalized(c))))
      .whereRaw('uses < uses_per_code')
      .pluck('code_hash')) as string[],
  );
  return codes.filter((c) => unused.has(hashCode(keys, normalized(c))));
}

/** Creates the campaigns, grants and redemptions; returns the demo account's unused codes. */
export async function seedDemoMailer(kernel: Kernel, ctx: DemoContext): Promise<{ campaigns: number; redemptions: number; demoCodes: string[] }> {
  const { trx, now } = ctx;
  const random = ctx.random('mailer');
  const settings = kernel.settings(mailerSettings);
  const keys = couponKeys(settings.couponSecret);
  const deps = { keys, throttle: settings.throttle };

  const welcome = await createCampaign(kernel, trx, ctx.operator, createCampaignInput.parse({
    name: 'Welcome pack',
    period: 'one_off',
    startsAt: daysBefore(now, 30).toISOString(),
    endsAt: daysBefore(now, -60).toISOString(),
    benefits: [
      { type: 'xp_boost', multiplier: 2, hours: 72 },
      { type: 'free_action', actionCode: 'security_scan', uses: 3 },
      { type: 'xp_grant', skill: 'writing', xp: 500 },
    ],
    maxRedemptions: 1000,
  }));
  const codes = demoCouponCodes();
  for (const code of codes) await grantCode(trx, keys, welcome.id, ctx.demo.id, code);
  await moveMailerRows(ctx, daysBefore(now, 5));
  await redeemCoupon(kernel, deps, { userId: ctx.demo.id, ip: DEMO_IP, code: codes[0]! });
  await moveMailerRows(ctx, dayTime(now, 2, 19.5));

  const month = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(now);
  const monthly = await createCampaign(kernel, trx, ctx.operator, createCampaignInput.parse({
    name: `${month} mailer`,
    period: 'monthly',
    startsAt: daysBefore(now, 20).toISOString(),
    endsAt: daysBefore(now, -10).toISOString(),
    benefits: [
      { type: 'xp_boost', multiplier: 1.5, hours: 24 },
      { type: 'free_action', actionCode: 'vote_like', uses: 10 },
    ],
    maxRedemptions: 500,
  }));
  const batch = await generateCoupons(trx, keys, ctx.operator, generateCouponsInput.parse({ campaignId: monthly.id, count: 40 }));
  await moveMailerRows(ctx, daysBefore(now, 19));
  const redeemers = random.sample(ctx.players, 9);
  for (const [i, player] of redeemers.entries()) {
    await redeemCoupon(kernel, deps, { userId: player.id, ip: DEMO_IP, code: batch.codes[i]! });
    await moveMailerRows(ctx, dayTime(now, random.int(1, 17), 8 + random.next() * 14));
  }

  // The demo account's address (nothing is queued to it: queueing would mail every opted-in user).
  await setMyAddress(trx, ctx.demo.id, {
    recipient: 'Demo User', line1: '1 Example Street', city: 'Springfield', postalCode: '12345', country: 'US', optedIn: true,
  });
  await trx('mailer_campaigns').whereIn('id', [welcome.id, monthly.id]).update({ created_at: trx.raw('starts_at - interval \'2 days\'') });
  return { campaigns: 2, redemptions: 1 + redeemers.length, demoCodes: codes.slice(1) };
}

/** A single-use code of `campaignId` issued to the user, as the grant_coupon effect issues one. */
async function grantCode(trx: Knex.Transaction, keys: CouponKeys, campaignId: string, userId: string, code: string) {
  const [batch] = (await trx('coupon_batches')
    .insert({ campaign_id: campaignId, count: 1, uses_per_code: 1, expires_at: null, created_by: null })
    .returning('id')) as Array<{ id: string }>;
  const value = normalized(code);
  await trx('coupon_codes').insert({
    batch_id: batch!.id,
    campaign_id: campaignId,
    code_hash: hashCode(keys, value),
    uses_per_code: 1,
    owner_user_id: userId,
    code_hint: codeHint(value),
  });
}

/**
 * Dates `at` the mailer's rows written since the last call (batches, codes, redemptions),
 * the benefits a redemption applied (a boost runs from then), and what the kernel wrote meanwhile.
 */
async function moveMailerRows(ctx: DemoContext, at: Date) {
  await ctx.trx.raw(
    `WITH batches AS (UPDATE coupon_batches SET created_at = :at WHERE created_at = :now),
          codes AS (UPDATE coupon_codes SET created_at = :at WHERE created_at = :now),
          redemptions AS (UPDATE coupon_redemptions SET created_at = :at WHERE created_at = :now),
          boosts AS (UPDATE user_xp_boosts SET starts_at = :at, ends_at = :at::timestamptz + (ends_at - starts_at), created_at = :at WHERE created_at = :now),
          grants AS (UPDATE user_free_actions SET created_at = :at, updated_at = :at WHERE created_at = :now)
     SELECT 1`,
    { at, now: ctx.now },
  );
  ctx.events.amend('coupon.redeemed', (data) => ({ ...data, redeemedAt: at.toISOString() }));
  await ctx.backdate(at);
}
