// Skills and progression: awarding XP (levels, totals, the XP log, leaderboard moves, achievements
// and events, all in the caller's transaction) and a user's progress. The catalogue, achievements
// and leaderboards have their own files; their entry points are re-exported here.
import { levelForXp, levelProgress, MAX_XP } from '../../../shared/xp';
import type { AwardXpResult, UserProgress } from '../../../shared/schemas/skills';
import type { Mode } from '../../../shared/schemas/developer';
import { realmOf, type Realm } from '../developer/realm';
import { prepared, type Tx } from '../../db/index';
import { notFound } from '../../errors';
import { USERS, userProfile } from '../auth/users';
import type { Alongside, EventOutbox } from '../../events/outbox';
import { isUuid } from '../../ids';
import type { Actor } from '../../trpc';
import { achievementOf, emitUnlocked, unlockAchievements, type AchievementRow } from './achievements';
import { findSkill } from './catalogue';
import * as progressionEvents from './events';
import { bucketMoves } from './leaderboards';
import { skillBucket, TOTAL_LEVEL_BOARD, totalBucket } from './rank-buckets';

export { findSkill, getSkill, listSkills, skillCode } from './catalogue';
export { achievementExists, achievementOutlook, evaluateAchievements, unlockAchievement } from './achievements';
export { boardStanding, foldBucketDeltas, leaderboard, type LeaderboardQuery } from './leaderboards';

export interface AwardXpCommand {
  mode: Mode;
  userId: string;
  /** Skill id or code. */
  skill: string;
  xp: number;
  reason: string;
  /** Who awards it: an admin, an application's key, the actions engine (execution id) or a coupon benefit. */
  source: { kind: 'admin' | 'api_key' | 'action' | 'benefit'; id: string | null };
  /** The application whose key caused it; in test mode, the sandbox the XP goes to. */
  applicationId?: string | null;
}

/**
 * Adds XP to a user's skill inside the caller's transaction: the XP (capped), the totals, the
 * leaderboard counts, the XP log, achievements whose condition is now met, and the events.
 * Parallel awards to one user and skill never lose an update: the first statement is one upsert
 * that adds to the row under its row lock, and reports the XP before and after.
 */
export async function awardXp(trx: Tx, events: EventOutbox, command: AwardXpCommand): Promise<AwardXpResult> {
  const { multiplier: _, ...awarded } = await award(trx, events, command, null);
  return awarded;
}

/**
 * awardXp with the XP multiplied by the user's XP boost running at `at` for the skill (the award_xp
 * effect, live accounts' executions), read in the award's first statement; and the multiplier.
 */
export const awardBoostedXp = (trx: Tx, events: EventOutbox, command: AwardXpCommand, at: Date) => award(trx, events, command, at);

// The boost as activeXpMultiplier reads it (at least 1), and the XP it gives as the JS
// Math.min(MAX_XP, Math.floor(xp * multiplier)) would: float8 arithmetic is the same IEEE double.
const boostedXp = `b AS (SELECT greatest(1, coalesce((SELECT max(multiplier) FROM user_xp_boosts
         WHERE user_id = $2::uuid AND starts_at <= $5 AND ends_at > $5 AND (skill_code IS NULL OR skill_code = (SELECT code FROM s)))::float8, 1)) AS m),
          x AS (SELECT least(floor($4::float8 * b.m), ${MAX_XP})::int AS xp, b.m FROM b)`;

async function award(trx: Tx, events: EventOutbox, command: AwardXpCommand, boostAt: Date | null): Promise<AwardXpResult & { multiplier: number }> {
  const { mode, userId } = command;
  const realm = realmOf({ mode, applicationId: command.applicationId ?? null });
  const byId = isUuid(command.skill);
  const boosted = boostAt !== null;
  const rows = await prepared(
    trx,
    `skills.award.${byId ? 'id' : 'code'}${boosted ? '.boosted' : ''}`,
    `WITH s AS (SELECT id, code FROM skills WHERE ${byId ? 'id = $1::uuid' : 'code = $1'}),
          u AS (SELECT x.id FROM ${USERS} x WHERE x.id = $2::uuid)${boosted ? `,\n          ${boostedXp}` : ''}
     INSERT INTO user_skills AS us (mode, user_id, skill_id, xp, prev_xp, tiebreak)
     SELECT $3, u.id, s.id, ${boosted ? 'x.xp' : '$4'}, 0, nextval('progress_tiebreak_seq') FROM s, u${boosted ? ', x' : ''}
     ON CONFLICT (mode, user_id, skill_id) DO UPDATE
       SET prev_xp = us.xp,
           xp = LEAST(us.xp + EXCLUDED.xp, ${MAX_XP}),
           -- at the cap nothing changes, so the time it was reached does not either
           tiebreak = CASE WHEN us.xp < ${MAX_XP} THEN EXCLUDED.tiebreak ELSE us.tiebreak END,
           updated_at = now()
     RETURNING skill_id, xp, prev_xp, (SELECT code FROM s) AS code${boosted ? ', (SELECT xp FROM x) AS requested, (SELECT m FROM x) AS multiplier' : ''}`,
    [command.skill, userId, realm, command.xp, ...(boosted ? [boostAt] : [])],
  );
  const row = rows[0] as { skill_id: string; xp: number; prev_xp: number; code: string; requested?: number; multiplier?: number } | undefined;
  if (!row) {
    await findSkill(trx, command.skill);
    throw notFound('user', 'No such user.');
  }

  const xpAwarded = row.xp - row.prev_xp;
  const levelBefore = levelForXp(row.prev_xp);
  const level = levelForXp(row.xp);
  const levelsGained = level - levelBefore;

  const log = {
    mode: realm,
    user_id: userId,
    skill_id: row.skill_id,
    xp_requested: row.requested ?? command.xp,
    xp_awarded: xpAwarded,
    xp_after: row.xp,
    level_before: levelBefore,
    level_after: level,
    reason: command.reason,
    source_kind: command.source.kind,
    source_id: command.source.id,
  };
  let moves: Alongside | null = null;
  if (xpAwarded > 0) {
    const totals = await addToTotals(trx, realm, userId, xpAwarded, levelsGained, level, log);
    // Written with the xp.awarded event (nothing in between reads the boards).
    moves = bucketMoves(realm, [
      { board: row.code, from: row.prev_xp > 0 ? skillBucket(row.prev_xp) : null, to: skillBucket(row.xp) },
      {
        board: 'total',
        from: totals.before ? totalBucket(totals.before.level, totals.before.xp) : null,
        to: totalBucket(totals.after.level, totals.after.xp),
      },
      { board: TOTAL_LEVEL_BOARD, from: totals.before?.level ?? null, to: totals.after.level },
    ]);
  } else {
    await trx('xp_gain_log').insert(log);
  }
  const unlocked = xpAwarded > 0 ? await unlockAchievements(trx, realm, userId, levelsGained > 0 ? ['xp', 'level'] : ['xp']) : [];

  const emit = { mode, userId, applicationId: command.applicationId ?? null };
  if (xpAwarded > 0) {
    await events.emit(trx, {
      ...emit,
      event: progressionEvents.xpAwarded,
      data: { userId, skill: row.code, xpAwarded, xp: row.xp, level, reason: command.reason },
      ...(moves ? { alongside: moves } : {}),
    });
  }
  for (let l = levelBefore + 1; l <= level; l++) {
    await events.emit(trx, { ...emit, event: progressionEvents.levelUp, data: { userId, skill: row.code, level: l } });
  }
  for (const a of unlocked) await emitUnlocked(trx, events, { mode, userId, applicationId: command.applicationId ?? null }, a);
  return { userId, skill: row.code, xpAwarded, xp: row.xp, level, levelsGained, achievementsUnlocked: unlocked, multiplier: row.multiplier ?? 1 };
}

/**
 * Adds to the user's totals, and writes the XP log line in the same statement. Increments commute,
 * so parallel awards on other skills add up too.
 */
async function addToTotals(trx: Tx, realm: Realm, userId: string, xp: number, levels: number, newSkillLevel: number, log: Record<string, unknown>) {
  const columns = Object.keys(log);
  const n = columns.length;
  const rows = await prepared<{ total_level: number; total_xp: number }>(
    trx,
    'skills.totals',
    `WITH log AS (INSERT INTO xp_gain_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}))
     INSERT INTO user_progress AS p (mode, user_id, total_level, total_xp, tiebreak)
     VALUES ($${n + 1}, $${n + 2}, (SELECT count(*) FROM skills) - 1 + $${n + 3}, $${n + 4}, nextval('progress_tiebreak_seq'))
     ON CONFLICT (mode, user_id) DO UPDATE
       SET total_level = p.total_level + $${n + 5}, total_xp = p.total_xp + EXCLUDED.total_xp,
           tiebreak = EXCLUDED.tiebreak, updated_at = now()
     RETURNING total_level, total_xp`,
    [...Object.values(log), realm, userId, newSkillLevel, xp, levels],
  );
  const after = { level: rows[0]!.total_level, xp: rows[0]!.total_xp };
  // Every stored total has XP, so "XP before = 0" means this award created the row.
  const before = after.xp - xp > 0 ? { level: after.level - levels, xp: after.xp - xp } : null;
  return { before, after };
}

/** award-xp from the API, in the procedure's transaction: an administrator (live) or an application's key (its own mode). */
export async function awardXpFor(trx: Tx, events: EventOutbox, actor: Actor, input: { userId: string; skill: string; xp: number; reason: string }) {
  const source: AwardXpCommand['source'] =
    actor.kind === 'apiKey' ? { kind: 'api_key', id: actor.key.keyId } : { kind: 'admin', id: actor.userId };
  return awardXp(trx, events, {
    ...input,
    mode: actor.mode,
    source,
    applicationId: actor.kind === 'apiKey' ? actor.key.applicationId : null,
  });
}

// ── A user's progress ───────────────────────────────────────────────────────────────────────────

export async function userProgress(db: Tx, realm: Realm, userId: string): Promise<UserProgress> {
  const user = await userProfile(db, userId);
  if (!user) throw notFound('user', 'No such user.');
  const [skills, achievements] = await Promise.all([
    db('skills as s')
      .leftJoin('user_skills as us', (j) => j.on('us.skill_id', 's.id').andOnVal('us.mode', realm).andOnVal('us.user_id', userId))
      .orderBy('s.sort_order')
      .select('s.code', 's.name', 's.icon', db.raw('coalesce(us.xp, 0) as xp')),
    db('achievements as a')
      .leftJoin('user_achievements as ua', (j) =>
        j.on('ua.achievement_id', 'a.id').andOnVal('ua.mode', realm).andOnVal('ua.user_id', userId),
      )
      .orderBy('a.sort_order')
      .select('a.code', 'a.name', 'a.description', 'a.icon', 'a.rarity', 'a.points', 'ua.unlocked_at'),
  ]);
  const skillItems = skills.map((s: { code: string; name: string; icon: string; xp: number }) => ({
    code: s.code,
    name: s.name,
    icon: s.icon,
    xp: s.xp,
    ...levelProgress(s.xp),
  }));
  return {
    userId,
    username: user.username,
    synthetic: user.synthetic,
    totalLevel: skillItems.reduce((sum, s) => sum + s.level, 0),
    totalXp: skillItems.reduce((sum, s) => sum + s.xp, 0),
    skills: skillItems,
    achievements: achievements.map((a: AchievementRow & { unlocked_at: Date | null }) => ({
      ...achievementOf(a),
      unlocked: a.unlocked_at !== null,
      unlockedAt: a.unlocked_at,
    })),
  };
}

/** XP the user gained at or after each instant (their XP log), in one read. */
export async function xpGainedSince(db: Tx, realm: Realm, userId: string, instants: Date[]): Promise<number[]> {
  const earliest = new Date(Math.min(...instants.map((d) => d.getTime())));
  const { rows } = await db.raw(
    `SELECT ${instants.map((_, i) => `coalesce(sum(xp_awarded) FILTER (WHERE created_at >= ?), 0)::int AS x${i}`).join(', ')}
     FROM xp_gain_log WHERE user_id = ? AND mode = ? AND created_at >= ?`,
    [...instants, userId, realm, earliest],
  );
  return instants.map((_, i) => (rows[0] as Record<string, number>)[`x${i}`]!);
}
