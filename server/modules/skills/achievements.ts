// Achievements: unlocking those whose condition now holds (once per user, by primary key), or one
// by code, with the achievement.unlocked event.
import type { Achievement } from '../../../shared/schemas/skills';
import type { Mode } from '../../../shared/schemas/developer';
import { realmOf, type Realm } from '../developer/realm';
import { levelForXp } from '../../../shared/xp';
import { prepared, type Tx } from '../../db/index';
import { notFound } from '../../errors';
import type { EventOutbox } from '../../events/outbox';
import { achievementConditions } from './conditions/index';
import type { ConditionProgress, ProgressChange, ProgressSnapshot } from './conditions/condition';
import * as progressionEvents from './events';

export const achievementOf = (row: { code: string; name: string; description: string; icon: string; rarity: Achievement['rarity']; points: number }): Achievement => ({
  code: row.code,
  name: row.name,
  description: row.description,
  icon: row.icon,
  rarity: row.rarity,
  points: row.points,
});

export interface AchievementRow {
  id: string;
  code: string;
  name: string;
  description: string;
  icon: string;
  rarity: Achievement['rarity'];
  points: number;
  condition: { type: string } & Record<string, unknown>;
}

/**
 * The changes any achievement's condition listens to, from the catalogue, kept per database for a
 * short while: most XP awards gain no level, and when no achievement listens to plain XP gains the
 * award skips reading the user's snapshot. An achievement added by hand counts within a minute.
 */
const triggerCache = new WeakMap<object, { at: number; triggers: Set<ProgressChange> }>();
const TRIGGER_TTL_MS = 60_000;

async function achievementTriggers(trx: Tx): Promise<Set<ProgressChange>> {
  // A transaction shares its root's client config: one entry per database.
  const key = (trx as unknown as { client: { config: object } }).client.config;
  const cached = triggerCache.get(key);
  if (cached && Date.now() - cached.at < TRIGGER_TTL_MS) return cached.triggers;
  const types = (await prepared<{ type: string }>(trx, 'skills.condition_types', `SELECT DISTINCT condition->>'type' AS type FROM achievements`, [])).map((r) => r.type);
  const triggers = new Set(types.flatMap((type) => achievementConditions.get(type)?.changesOn ?? []));
  triggerCache.set(key, { at: Date.now(), triggers });
  return triggers;
}

/**
 * Unlocks every achievement whose condition now holds, checking only conditions that `changes` can
 * make true; the primary key makes each unlock happen once.
 */
export async function unlockAchievements(trx: Tx, realm: Realm, userId: string, changes: readonly ProgressChange[]): Promise<Achievement[]> {
  const triggers = await achievementTriggers(trx);
  if (!changes.some((c) => triggers.has(c))) return []; // no achievement can be met by this change
  const rows = await prepared<{ skills: Array<{ code: string; xp: number }>; locked: AchievementRow[] }>(
    trx,
    'skills.snapshot',
    `SELECT
       (SELECT json_agg(json_build_object('code', s.code, 'xp', coalesce(us.xp, 0)))
          FROM skills s LEFT JOIN user_skills us ON us.skill_id = s.id AND us.mode = $1 AND us.user_id = $2) AS skills,
       (SELECT coalesce(json_agg(a.*), '[]') FROM achievements a
          WHERE NOT EXISTS (SELECT 1 FROM user_achievements ua WHERE ua.mode = $1 AND ua.user_id = $2 AND ua.achievement_id = a.id)) AS locked`,
    [realm, userId],
  );
  const locked = rows[0]!.locked.filter((a) =>
    achievementConditions.get(a.condition.type)?.changesOn.some((c) => changes.includes(c)),
  );
  if (!locked.length) return [];
  const skills = new Map<string, { xp: number; level: number }>();
  let totalXp = 0;
  let totalLevel = 0;
  for (const s of rows[0]!.skills) {
    const level = levelForXp(s.xp);
    skills.set(s.code, { xp: s.xp, level });
    totalXp += s.xp;
    totalLevel += level;
  }
  const progress: ProgressSnapshot = { skills, totalXp, totalLevel };
  const met: AchievementRow[] = [];
  for (const achievement of locked) {
    const condition = achievementConditions.get(achievement.condition.type);
    if (!condition) continue; // a condition type this version does not know yet: it stays locked
    const params = condition.params.safeParse(achievement.condition);
    if (params.success && (await condition.isMet({ trx, userId, realm, progress }, params.data))) met.push(achievement);
  }
  if (!met.length) return [];
  const inserted = await trx('user_achievements')
    .insert(met.map((a) => ({ mode: realm, user_id: userId, achievement_id: a.id })))
    .onConflict(['mode', 'user_id', 'achievement_id'])
    .ignore()
    .returning('achievement_id');
  const fresh = new Set(inserted.map((r: { achievement_id: string }) => r.achievement_id));
  return met.filter((a) => fresh.has(a.id)).map(achievementOf);
}

interface Recipient {
  mode: Mode;
  userId: string;
  /** The application whose key caused it; in test mode, the sandbox it happens in. */
  applicationId?: string | null;
}

const realmOfRecipient = (to: Recipient) => realmOf({ mode: to.mode, applicationId: to.applicationId ?? null });

export const emitUnlocked = (trx: Tx, events: EventOutbox, to: Recipient, a: Achievement) =>
  events.emit(trx, {
    mode: to.mode,
    userId: to.userId,
    applicationId: to.applicationId ?? null,
    event: progressionEvents.achievementUnlocked,
    data: { userId: to.userId, achievement: a.code, name: a.name, rarity: a.rarity, points: a.points },
  });

/** Unlocks every achievement whose condition now holds, with its event (the check_achievements effect). */
export async function evaluateAchievements(trx: Tx, events: EventOutbox, to: Recipient): Promise<Achievement[]> {
  const unlocked = await unlockAchievements(trx, realmOfRecipient(to), to.userId, ['xp', 'level', 'action']);
  for (const a of unlocked) await emitUnlocked(trx, events, to, a);
  return unlocked;
}

/** Unlocks one achievement by code, once; null when the user already has it (the unlock_achievement effect). */
export async function unlockAchievement(trx: Tx, events: EventOutbox, to: Recipient & { code: string }): Promise<Achievement | null> {
  const achievement = (await trx('achievements').where({ code: to.code }).first()) as AchievementRow | undefined;
  if (!achievement) throw notFound('achievement', `No achievement "${to.code}".`);
  const inserted = await trx('user_achievements')
    .insert({ mode: realmOfRecipient(to), user_id: to.userId, achievement_id: achievement.id })
    .onConflict(['mode', 'user_id', 'achievement_id'])
    .ignore()
    .returning('achievement_id');
  if (!inserted.length) return null;
  const unlocked = achievementOf(achievement);
  await emitUnlocked(trx, events, to, unlocked);
  return unlocked;
}

export interface AchievementProgress extends Achievement {
  current: number;
  target: number;
  unit: ConditionProgress['unit'];
  /** current ÷ target, at most 1. */
  progress: number;
}

/**
 * How many achievements the user has unlocked of how many, and the locked one closest to being
 * earned: the largest share of its target (the first in catalogue order on a tie), with its
 * progress. Conditions that cannot tell their progress are passed over.
 */
export async function achievementOutlook(db: Tx, realm: Realm, userId: string): Promise<{ unlocked: number; total: number; next: AchievementProgress | null }> {
  const rows = await prepared<{ skills: Array<{ code: string; xp: number }>; locked: Array<AchievementRow & { sort_order: number }>; unlocked: number; total: number }>(
    db,
    'skills.outlook',
    `SELECT
       (SELECT json_agg(json_build_object('code', s.code, 'xp', coalesce(us.xp, 0)))
          FROM skills s LEFT JOIN user_skills us ON us.skill_id = s.id AND us.mode = $1 AND us.user_id = $2) AS skills,
       (SELECT coalesce(json_agg(a.* ORDER BY a.sort_order, a.code), '[]') FROM achievements a
          WHERE NOT EXISTS (SELECT 1 FROM user_achievements ua WHERE ua.mode = $1 AND ua.user_id = $2 AND ua.achievement_id = a.id)) AS locked,
       (SELECT count(*)::int FROM user_achievements ua WHERE ua.mode = $1 AND ua.user_id = $2) AS unlocked,
       (SELECT count(*)::int FROM achievements) AS total`,
    [realm, userId],
  );
  const { skills: skillRows, locked, unlocked, total } = rows[0]!;
  const skills = new Map<string, { xp: number; level: number }>();
  for (const s of skillRows ?? []) skills.set(s.code, { xp: s.xp, level: levelForXp(s.xp) });
  const values = [...skills.values()];
  const context = {
    trx: db,
    userId,
    realm,
    progress: { skills, totalXp: values.reduce((sum, s) => sum + s.xp, 0), totalLevel: values.reduce((sum, s) => sum + s.level, 0) },
  };
  let next: AchievementProgress | null = null;
  for (const achievement of locked) {
    const condition = achievementConditions.get(achievement.condition.type);
    const params = condition?.params.safeParse(achievement.condition);
    if (!condition?.progress || !params?.success) continue;
    const { current, target, unit } = await condition.progress(context, params.data);
    const share = target > 0 ? Math.min(1, current / target) : 1;
    if (!next || share > next.progress) next = { ...achievementOf(achievement), current, target, unit, progress: share };
  }
  return { unlocked, total, next };
}
