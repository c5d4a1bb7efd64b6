// Redeeming a coupon code, and the user's inventory. Redemption is exactly-once: a code is used
// at most usesPerCode times in all and once per user, and a campaign never passes its budget,
// however many requests race on however many instances (see the comments on each step).
import { DomainError, addressBucket, conflict, isUniqueViolation, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import type { AppliedBenefit, Benefit } from '../../../shared/schemas/benefits';
import { parseCode, hashCode, type CouponKeys } from './coupon-code';
import { couponRedeemed } from './events';
import { claimBudgetSlot } from './budget-slots';

export interface RedeemDeps {
  keys: CouponKeys;
  throttle: { maxPerUser: number; maxPerIp: number; windowSeconds: number };
}

function typo(hint: string, message: string, extra: Record<string, unknown> = {}) {
  return new DomainError('VALIDATION_FAILED', `code: ${message}`, { issues: [{ path: 'code', message }], hint, ...extra });
}

/** A well-formed code or a 400 that says what is wrong with what was typed. */
function readCode(code: string): string {
  const parsed = parseCode(code);
  switch (parsed.kind) {
    case 'ok':
      return parsed.normalized;
    case 'invalid_characters':
      throw typo('INVALID_CHARACTERS', `codes never contain ${parsed.characters.join(', ')} (no 0, O, 1, I or L is ever used)`, {
        characters: parsed.characters,
      });
    case 'wrong_length':
      throw typo('WRONG_LENGTH', `a code has 12 characters (XXXX-XXXX-XXXX); this has ${parsed.length}`);
    case 'bad_check':
      throw typo('TYPO', 'this is not a valid code: a character is probably mistyped, check it against the card');
  }
}

/**
 * One hit on the account's and the address's counters (one statement); past either limit, 429 naming
 * it. A try stopped at its account's limit does not count against the address (its hit there is
 * taken back), so one account cannot spend the budget its address shares with others.
 */
async function throttle(kernel: Kernel, deps: RedeemDeps, userKey: string, ipKey: string) {
  const [user, ip] = await kernel.limits.hitMany(kernel.db, [userKey, ipKey], deps.throttle.windowSeconds);
  let over: { hit: typeof user; max: number; who: string } | null = null;
  if (user!.count > deps.throttle.maxPerUser) {
    await kernel.limits.refund(kernel.db, ipKey);
    over = { hit: user, max: deps.throttle.maxPerUser, who: 'account' };
  } else if (ip!.count > deps.throttle.maxPerIp) over = { hit: ip, max: deps.throttle.maxPerIp, who: 'address' };
  if (!over) return;
  throw new DomainError(
    'RATE_LIMITED',
    `Too many coupon attempts from this ${over.who}; try again later.`,
    { retryAfterSeconds: over.hit!.resetSeconds, nextAvailableAt: new Date(Date.now() + over.hit!.resetSeconds * 1000) },
    { policy: `coupon-${over.who}`, limit: over.max, windowSeconds: deps.throttle.windowSeconds, remaining: 0, resetSeconds: over.hit!.resetSeconds },
  );
}

interface CodeRow {
  id: string;
  campaign_id: string;
  expires_at: Date | null;
  name: string;
  starts_at: Date;
  ends_at: Date;
  benefits: Benefit[];
}

export async function redeemCoupon(kernel: Kernel, deps: RedeemDeps, input: { userId: string; ip: string; code: string }) {
  const normalized = readCode(input.code);
  // Guessing protection: every well-formed attempt counts against the user and the address, and a
  // success is refunded, so only failures use the budget (typos are caught above, before this).
  const userKey = `coupon:user:${input.userId}`;
  const ipKey = `coupon:ip:${addressBucket(input.ip)}`;
  await throttle(kernel, deps, userKey, ipKey);

  const result = await kernel.transaction(async (trx) => {
    const code = (await trx('coupon_codes as c')
      .join('mailer_campaigns as m', 'm.id', 'c.campaign_id')
      .where('c.code_hash', hashCode(deps.keys, normalized))
      .where('m.mode', 'live')
      .first('c.id', 'c.campaign_id', 'c.expires_at', 'm.name', 'm.starts_at', 'm.ends_at', 'm.benefits')) as CodeRow | undefined;
    if (!code) throw notFound('coupon', 'No coupon has this code.');
    const now = new Date();
    if (code.starts_at > now) {
      throw new DomainError('CONFLICT', 'This campaign has not started yet.', { reason: 'CAMPAIGN_NOT_STARTED', startsAt: code.starts_at });
    }
    const expiredAt = [code.expires_at, code.ends_at].filter((d): d is Date => d !== null && d <= now)[0];
    if (expiredAt) throw new DomainError('GONE', 'This coupon has expired.', { reason: 'EXPIRED', expiredAt });

    // Once per user: the unique index (code_id, user_id) is the guarantee. A parallel request by
    // the same user waits on this insert until the first commits, then fails here.
    let redemptionId: string;
    try {
      const [row] = (await trx('coupon_redemptions')
        .insert({ code_id: code.id, campaign_id: code.campaign_id, user_id: input.userId, benefits: JSON.stringify(code.benefits) })
        .returning(['id', 'created_at'])) as Array<{ id: string; created_at: Date }>;
      redemptionId = row!.id;
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('ALREADY_REDEEMED', 'You have already redeemed this code.');
      throw err;
    }

    // usesPerCode in all: one conditional increment. Its row lock serialises parallel redeemers of
    // the code; each re-checks `uses < uses_per_code` on the committed row, so no use is handed out twice.
    const used = await trx.raw(
      'UPDATE coupon_codes SET uses = uses + 1 WHERE id = ? AND uses < uses_per_code RETURNING uses',
      [code.id],
    );
    if (!(used.rows as unknown[]).length) throw conflict('ALREADY_REDEEMED', 'This code has already been used.');

    // The campaign's counter and budget: one of its slot rows, never the campaign row, so redemptions
    // of distinct codes do not queue on one lock (budget-slots.ts; taken after the code row).
    if (!(await claimBudgetSlot(trx, code.campaign_id))) {
      throw conflict('CAMPAIGN_EXHAUSTED', 'This campaign has handed out all its redemptions.');
    }

    const source = `coupon:${redemptionId}`;
    const applied: AppliedBenefit[] = [];
    for (const b of code.benefits) applied.push(await kernel.benefits.apply(trx, input.userId, b, source, now));

    await kernel.events.emit(trx, {
      event: couponRedeemed,
      data: {
        redemptionId,
        userId: input.userId,
        campaignId: code.campaign_id,
        campaignName: code.name,
        benefits: code.benefits,
        redeemedAt: now.toISOString(),
      },
      mode: 'live',
      userId: input.userId,
    });
    return {
      redemption: { id: redemptionId, campaignId: code.campaign_id, campaignName: code.name, redeemedAt: now },
      benefits: applied,
    };
  });

  // A success does not count as a guess (after the commit: holding the counter rows for the whole
  // transaction would serialise every redemption from one address).
  await kernel.limits.refundMany(kernel.db, [userKey, ipKey]);
  return result;
}

/**
 * What the user holds. Codes granted to them (grant_coupon) are listed by their last 4 characters:
 * the whole code was shown once, when it was granted, and is kept nowhere.
 */
export async function userInventory(kernel: Kernel, tx: Tx, userId: string) {
  const coupons = (await tx('coupon_redemptions as r')
    .join('mailer_campaigns as m', 'm.id', 'r.campaign_id')
    .join('coupon_codes as c', 'c.id', 'r.code_id')
    .where('r.user_id', userId)
    .orderBy([{ column: 'r.created_at', order: 'desc' }, { column: 'r.id', order: 'desc' }])
    .limit(50)
    .select('r.id', 'r.campaign_id', 'm.name', 'r.created_at', 'r.benefits', 'c.code_hint')) as Array<{
    id: string;
    campaign_id: string;
    name: string;
    created_at: Date;
    benefits: Benefit[];
    code_hint: string | null;
  }>;
  const granted = (await tx('coupon_codes as c')
    .join('mailer_campaigns as m', 'm.id', 'c.campaign_id')
    .where('c.owner_user_id', userId)
    .orderBy([{ column: 'c.created_at', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .limit(50)
    .select('c.id', 'c.campaign_id', 'm.name', 'c.code_hint', 'c.uses', 'c.uses_per_code', 'c.expires_at', 'm.ends_at', 'c.created_at')) as Array<{
    id: string;
    campaign_id: string;
    name: string;
    code_hint: string;
    uses: number;
    uses_per_code: number;
    expires_at: Date | null;
    ends_at: Date;
    created_at: Date;
  }>;
  const held = await kernel.benefits.inventory(tx, userId);
  const now = new Date();
  return {
    coupons: coupons.map((c) => ({
      redemptionId: c.id,
      campaignId: c.campaign_id,
      campaignName: c.name,
      redeemedAt: c.created_at,
      benefits: c.benefits,
      codeHint: c.code_hint,
    })),
    grantedCodes: granted.map((g) => {
      const expiresAt = g.expires_at && g.expires_at < g.ends_at ? g.expires_at : g.ends_at;
      return {
        couponId: g.id,
        campaignId: g.campaign_id,
        campaignName: g.name,
        codeHint: g.code_hint,
        status: g.uses >= g.uses_per_code ? ('used' as const) : expiresAt <= now ? ('expired' as const) : ('unused' as const),
        expiresAt,
        grantedAt: g.created_at,
      };
    }),
    ...held,
  };
}
