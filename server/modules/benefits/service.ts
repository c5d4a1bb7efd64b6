// What a user holds: XP boosts and free-action grants. Other modules call these inside THEIR
// transaction (the actions engine while executing, the mailer while redeeming), so every function
// takes the caller's `trx` and opens none of its own.
//
// How boosts combine: the highest multiplier among the boosts running at a moment (for all skills
// or for the skill in question) applies; boosts never multiply together, so no stack of coupons can
// push XP past MAX_BOOST_MULTIPLIER. So that a second identical coupon is not wasted, a new boost
// with the same multiplier and skill as one still running starts when that one ends (two "2× for
// 24 h" give 48 h of 2×).
import type { EventOutbox } from '../../events/outbox';
import { awardXp } from '../skills/service';
import { prepared, type Tx } from '../../db/index';
import { DomainError } from '../../errors';
import type { AppliedBenefit, Benefit, FreeActions, XpBoost } from '../../../shared/schemas/benefits';

const HOUR_MS = 3_600_000;

interface BoostRow {
  id: string;
  user_id: string;
  multiplier: number;
  skill_code: string | null;
  starts_at: Date;
  ends_at: Date;
  source: string;
}

const toBoost = (r: BoostRow, at: Date): XpBoost => ({
  id: r.id,
  multiplier: Number(r.multiplier),
  skill: r.skill_code,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  active: r.starts_at.getTime() <= at.getTime() && r.ends_at.getTime() > at.getTime(),
  secondsLeft: Math.max(0, Math.ceil((r.ends_at.getTime() - at.getTime()) / 1000)),
  source: r.source,
});

export interface GrantXpBoostInput {
  userId: string;
  multiplier: number;
  hours: number;
  skill?: string | null;
  source: string;
  /** When the grant happens (default: now). */
  at?: Date;
}

export async function grantXpBoost(trx: Tx, input: GrantXpBoostInput): Promise<XpBoost> {
  const at = input.at ?? new Date();
  const skill = input.skill ?? null;
  // Two grants for one user at once would both see "nothing running" and overlap; the per-user
  // transaction lock makes the second wait until the first has written its row.
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`xp-boost:${input.userId}`]);
  const latest = (await trx('user_xp_boosts')
    .where({ user_id: input.userId, multiplier: input.multiplier, skill_code: skill })
    .where('ends_at', '>', at)
    .max('ends_at as ends_at')
    .first()) as { ends_at: Date | null } | undefined;
  const startsAt = latest?.ends_at && latest.ends_at > at ? new Date(latest.ends_at) : at;
  const endsAt = new Date(startsAt.getTime() + Math.round(input.hours * HOUR_MS));
  const [row] = (await trx('user_xp_boosts')
    .insert({
      user_id: input.userId,
      multiplier: input.multiplier,
      skill_code: skill,
      starts_at: startsAt,
      ends_at: endsAt,
      source: input.source,
    })
    .returning('*')) as BoostRow[];
  return toBoost(row!, at);
}

/**
 * The XP multiplier for an award to `skill` at `at`: the highest running boost that covers every
 * skill or this one, or 1 when none runs.
 */
export async function activeXpMultiplier(trx: Tx, input: { userId: string; skill: string; at?: Date }): Promise<number> {
  // The award_xp effect reads the same inside its award's first statement (skills awardBoostedXp).
  const [row] = await prepared<{ multiplier: number | string | null }>(
    trx,
    'benefits.multiplier',
    `SELECT max(multiplier) AS multiplier FROM user_xp_boosts
     WHERE user_id = $1 AND starts_at <= $2 AND ends_at > $2 AND (skill_code IS NULL OR skill_code = $3)`,
    [input.userId, input.at ?? new Date(), input.skill],
  );
  return row?.multiplier == null ? 1 : Math.max(1, Number(row.multiplier));
}

export async function grantFreeActions(
  trx: Tx,
  input: { userId: string; actionCode: string; uses: number; source: string },
): Promise<{ actionCode: string; uses: number; usesLeft: number }> {
  if (!Number.isInteger(input.uses) || input.uses < 1) {
    throw new DomainError('VALIDATION_FAILED', 'uses must be a positive whole number.', {
      issues: [{ path: 'uses', message: 'must be a positive whole number' }],
    });
  }
  await trx('user_free_actions').insert({
    user_id: input.userId,
    action_code: input.actionCode,
    uses_left: input.uses,
    source: input.source,
  });
  return { actionCode: input.actionCode, uses: input.uses, usesLeft: await freeUsesLeft(trx, input.userId, input.actionCode) };
}

async function freeUsesLeft(trx: Tx, userId: string, actionCode: string): Promise<number> {
  const row = (await trx('user_free_actions')
    .where({ user_id: userId, action_code: actionCode })
    .sum('uses_left as total')
    .first()) as { total: number | string | null } | undefined;
  return Number(row?.total ?? 0);
}

/**
 * Spends one free use of `actionCode`, oldest grant first; true when one was spent. Atomic: the
 * sub-select locks the chosen grant row FOR UPDATE, so a parallel caller waits on it; when the
 * holder commits, PostgreSQL re-checks `uses_left > 0` on the new row version and moves on to the
 * next open grant (or finds none). Two callers can never both spend the last use, and the CHECK
 * (uses_left >= 0) would refuse it even if they tried. The lock lasts until the caller's
 * transaction ends, so a rolled-back execution gives the use back.
 */
export async function consumeFreeAction(trx: Tx, input: { userId: string; actionCode: string }): Promise<boolean> {
  const result = await trx.raw(
    `UPDATE user_free_actions SET uses_left = uses_left - 1, updated_at = now()
      WHERE id = (SELECT id FROM user_free_actions
                   WHERE user_id = ? AND action_code = ? AND uses_left > 0
                   ORDER BY created_at, id
                   LIMIT 1
                   FOR UPDATE)
        AND uses_left > 0
      RETURNING id`,
    [input.userId, input.actionCode],
  );
  return (result.rows as unknown[]).length === 1;
}

/** The boosts not yet over (running or waiting their turn) and the free uses left per action. */
export async function inventory(db: Tx, userId: string, at: Date = new Date()): Promise<{ activeBoosts: XpBoost[]; freeActions: FreeActions[] }> {
  const boosts = (await db('user_xp_boosts')
    .where({ user_id: userId })
    .where('ends_at', '>', at)
    .orderBy([{ column: 'starts_at' }, { column: 'id' }])
    .limit(100)) as BoostRow[];
  const free = (await db('user_free_actions')
    .where({ user_id: userId })
    .where('uses_left', '>', 0)
    .groupBy('action_code')
    .orderBy('action_code')
    .select('action_code')
    .sum('uses_left as uses_left')) as Array<{ action_code: string; uses_left: number | string }>;
  return {
    activeBoosts: boosts.map((b) => toBoost(b, at)),
    freeActions: free.map((f) => ({ actionCode: f.action_code, usesLeft: Number(f.uses_left) })),
  };
}

/** Awards XP at once through the skills service (levels, achievements and events included). */
export async function applyXpGrant(
  trx: Tx,
  events: EventOutbox,
  input: { userId: string; skill: string; xp: number; source: string },
): Promise<{ skill: string; xp: number }> {
  const awarded = await awardXp(trx, events, {
    mode: 'live',
    userId: input.userId,
    skill: input.skill,
    xp: input.xp,
    reason: input.source,
    source: { kind: 'benefit', id: input.source },
  });
  return { skill: awarded.skill, xp: awarded.xpAwarded };
}

/** Applies one benefit template to a user, on the caller's transaction. */
export async function applyBenefit(
  trx: Tx,
  events: EventOutbox,
  userId: string,
  benefit: Benefit,
  source: string,
  at?: Date,
): Promise<AppliedBenefit> {
  switch (benefit.type) {
    case 'xp_boost': {
      const boost = await grantXpBoost(trx, { userId, multiplier: benefit.multiplier, hours: benefit.hours, skill: benefit.skill, source, at });
      return { type: 'xp_boost', boost };
    }
    case 'free_action': {
      const granted = await grantFreeActions(trx, { userId, actionCode: benefit.actionCode, uses: benefit.uses, source });
      return { type: 'free_action', ...granted };
    }
    case 'xp_grant': {
      const granted = await applyXpGrant(trx, events, { userId, skill: benefit.skill, xp: benefit.xp, source });
      return { type: 'xp_grant', ...granted };
    }
  }
}
