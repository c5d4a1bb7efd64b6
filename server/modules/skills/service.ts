// Skills and progression: the catalogue, awarding XP (levels, the XP log, achievements, events and
// the leaderboard counts in the caller's transaction), leaderboards and a user's progress.
import type { Knex } from 'knex';
import { levelForXp, levelProgress, MAX_LEVEL, MAX_XP, XP_FOR_LEVEL } from '../../../shared/xp';
import type { Achievement, AwardXpResult, LeaderboardEntry, Skill, UserProgress } from '../../../shared/schemas/skills';
import type { Mode } from '../../../shared/schemas/developer';
import { prepared, transactionWithRetry, type Tx } from '../../db/index';
import { DomainError, notFound } from '../../errors';
import type { EventOutbox } from '../../events/outbox';
import type { Actor } from '../../trpc';
import { achievementConditions } from './conditions/index';
import type { ProgressChange, ProgressSnapshot } from './conditions/condition';
import * as progressionEvents from './events';
import { skillBucket, skillBucketEnd, TOTAL_LEVEL_BOARD, totalBucket, totalBucketRange, totalLevelEnd } from './rank-buckets';

interface SkillRow {
  id: string;
  code: string;
  name: string;
  description: string;
  icon: string;
}

const skillColumns = ['id', 'code', 'name', 'description', 'icon'] as const;
const toSkill = (row: SkillRow): Skill => ({ ...row, maxLevel: MAX_LEVEL });

export async function listSkills(db: Tx): Promise<{ items: Skill[] }> {
  const rows: SkillRow[] = await db('skills').select(skillColumns).orderBy('sort_order');
  return { items: rows.map(toSkill) };
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

async function findSkill(db: Tx, idOrCode: string): Promise<SkillRow> {
  const row: SkillRow | undefined = await db('skills')
    .select(skillColumns)
    .where((w) => (isUuid(idOrCode) ? w.where('id', idOrCode) : w.where('code', idOrCode)))
    .first();
  if (!row) throw notFound('skill', `No skill "${idOrCode}".`);
  return row;
}

export async function getSkill(db: Tx, idOrCode: string) {
  const skill = await findSkill(db, idOrCode);
  return { ...toSkill(skill), levels: XP_FOR_LEVEL.slice(1).map((xp, i) => ({ level: i + 1, xp })) };
}

const achievementOf = (row: { code: string; name: string; description: string; icon: string; rarity: Achievement['rarity']; points: number }): Achievement => ({
  code: row.code,
  name: row.name,
  description: row.description,
  icon: row.icon,
  rarity: row.rarity,
  points: row.points,
});

export interface AwardXpCommand {
  mode: Mode;
  userId: string;
  /** Skill id or code. */
  skill: string;
  xp: number;
  reason: string;
  /** Who awards it: an admin, an application's key, the actions engine (execution id) or a coupon benefit. */
  source: { kind: 'admin' | 'api_key' | 'action' | 'benefit'; id: string | null };
  applicationId?: string | null;
}

/**
 * Adds XP to a user's skill inside the caller's transaction: the XP (capped), the totals, the
 * leaderboard counts, the XP log, achievements whose condition is now met, and the events.
 * Parallel awards to one user and skill never lose an update: the first statement is one upsert
 * that adds to the row under its row lock, and reports the XP before and after.
 */
export async function awardXp(trx: Tx, events: EventOutbox, command: AwardXpCommand): Promise<AwardXpResult> {
  const { mode, userId } = command;
  const byId = isUuid(command.skill);
  const rows = await prepared(
    trx,
    `skills.award.${byId ? 'id' : 'code'}`,
    `WITH s AS (SELECT id, code FROM skills WHERE ${byId ? 'id = $1::uuid' : 'code = $1'}),
          u AS (SELECT id FROM users WHERE id = $2::uuid)
     INSERT INTO user_skills AS us (mode, user_id, skill_id, xp, prev_xp, tiebreak)
     SELECT $3, u.id, s.id, $4, 0, nextval('progress_tiebreak_seq') FROM s, u
     ON CONFLICT (mode, user_id, skill_id) DO UPDATE
       SET prev_xp = us.xp,
           xp = LEAST(us.xp + EXCLUDED.xp, ${MAX_XP}),
           -- at the cap nothing changes, so the time it was reached does not either
           tiebreak = CASE WHEN us.xp < ${MAX_XP} THEN EXCLUDED.tiebreak ELSE us.tiebreak END,
           updated_at = now()
     RETURNING skill_id, xp, prev_xp, (SELECT code FROM s) AS code`,
    [command.skill, userId, mode, command.xp],
  );
  const row = rows[0] as { skill_id: string; xp: number; prev_xp: number; code: string } | undefined;
  if (!row) {
    await findSkill(trx, command.skill);
    throw notFound('user', 'No such user.');
  }

  const xpAwarded = row.xp - row.prev_xp;
  const levelBefore = levelForXp(row.prev_xp);
  const level = levelForXp(row.xp);
  const levelsGained = level - levelBefore;

  const log = {
    mode,
    user_id: userId,
    skill_id: row.skill_id,
    xp_requested: command.xp,
    xp_awarded: xpAwarded,
    xp_after: row.xp,
    level_before: levelBefore,
    level_after: level,
    reason: command.reason,
    source_kind: command.source.kind,
    source_id: command.source.id,
  };
  if (xpAwarded > 0) {
    const totals = await addToTotals(trx, mode, userId, xpAwarded, levelsGained, level, log);
    await moveBuckets(trx, mode, [
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
  const unlocked = xpAwarded > 0 ? await unlockAchievements(trx, mode, userId, levelsGained > 0 ? ['xp', 'level'] : ['xp']) : [];

  const emit = { mode, userId, applicationId: command.applicationId ?? null };
  if (xpAwarded > 0) {
    await events.emit(trx, { ...emit, event: progressionEvents.xpAwarded, data: { userId, skill: row.code, xpAwarded, xp: row.xp, level, reason: command.reason } });
  }
  for (let l = levelBefore + 1; l <= level; l++) {
    await events.emit(trx, { ...emit, event: progressionEvents.levelUp, data: { userId, skill: row.code, level: l } });
  }
  for (const a of unlocked) await emitUnlocked(trx, events, { mode, userId, applicationId: command.applicationId ?? null }, a);
  return { userId, skill: row.code, xpAwarded, xp: row.xp, level, levelsGained, achievementsUnlocked: unlocked };
}

/**
 * Adds to the user's totals, and writes the XP log line in the same statement. Increments commute,
 * so parallel awards on other skills add up too.
 */
async function addToTotals(trx: Tx, mode: Mode, userId: string, xp: number, levels: number, newSkillLevel: number, log: Record<string, unknown>) {
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
    [...Object.values(log), mode, userId, newSkillLevel, xp, levels],
  );
  const after = { level: rows[0]!.total_level, xp: rows[0]!.total_xp };
  // Every stored total has XP, so "XP before = 0" means this award created the row.
  const before = after.xp - xp > 0 ? { level: after.level - levels, xp: after.xp - xp } : null;
  return { before, after };
}

/**
 * Moves a user between buckets of the boards' counts by appending -1/+1 deltas: inserts only, so
 * parallel awards of users in the same bucket never wait for each other on a count row. Ranks sum
 * the counts and the deltas; foldBucketDeltas moves the deltas into the counts every few seconds.
 */
async function moveBuckets(trx: Tx, mode: Mode, moves: Array<{ board: string; from: number | null; to: number }>) {
  const boards: string[] = [];
  const buckets: number[] = [];
  const deltas: number[] = [];
  for (const move of moves) {
    if (move.from === move.to) continue;
    if (move.from !== null) {
      boards.push(move.board);
      buckets.push(move.from);
      deltas.push(-1);
    }
    boards.push(move.board);
    buckets.push(move.to);
    deltas.push(1);
  }
  if (!boards.length) return;
  await prepared(
    trx,
    'skills.bucket.move',
    `INSERT INTO leaderboard_bucket_deltas (mode, board, bucket, delta)
     SELECT $1, t.board, t.bucket, t.delta FROM unnest($2::text[], $3::int[], $4::int[]) AS t(board, bucket, delta)`,
    [mode, boards, buckets, deltas],
  );
}

/**
 * Folds the appended deltas into leaderboard_buckets. One statement deletes the deltas it folds and
 * adds them to the counts, so a reader (one statement, one snapshot) sees each move exactly once,
 * either as a delta or in a count. Folds on several instances serialise on the count rows' locks.
 */
export async function foldBucketDeltas(db: Tx): Promise<number> {
  const rows = await prepared<{ folded: number }>(
    db,
    'skills.bucket.fold',
    `WITH d AS (DELETE FROM leaderboard_bucket_deltas RETURNING mode, board, bucket, delta),
          f AS (INSERT INTO leaderboard_buckets AS b (mode, board, bucket, users)
                SELECT mode, board, bucket, sum(delta) FROM d GROUP BY mode, board, bucket
                ON CONFLICT (mode, board, bucket) DO UPDATE SET users = b.users + EXCLUDED.users
                RETURNING 1)
     SELECT (SELECT count(*) FROM d)::int AS folded`,
    [],
  );
  return rows[0]?.folded ?? 0;
}

interface AchievementRow {
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
async function unlockAchievements(trx: Tx, mode: Mode, userId: string, changes: readonly ProgressChange[]): Promise<Achievement[]> {
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
    [mode, userId],
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
    if (params.success && (await condition.isMet({ trx, userId, mode, progress }, params.data))) met.push(achievement);
  }
  if (!met.length) return [];
  const inserted = await trx('user_achievements')
    .insert(met.map((a) => ({ mode, user_id: userId, achievement_id: a.id })))
    .onConflict(['mode', 'user_id', 'achievement_id'])
    .ignore()
    .returning('achievement_id');
  const fresh = new Set(inserted.map((r: { achievement_id: string }) => r.achievement_id));
  return met.filter((a) => fresh.has(a.id)).map(achievementOf);
}

interface Recipient {
  mode: Mode;
  userId: string;
  applicationId?: string | null;
}

const emitUnlocked = (trx: Tx, events: EventOutbox, to: Recipient, a: Achievement) =>
  events.emit(trx, {
    mode: to.mode,
    userId: to.userId,
    applicationId: to.applicationId ?? null,
    event: progressionEvents.achievementUnlocked,
    data: { userId: to.userId, achievement: a.code, name: a.name, rarity: a.rarity, points: a.points },
  });

/** Unlocks every achievement whose condition now holds, with its event (the check_achievements effect). */
export async function evaluateAchievements(trx: Tx, events: EventOutbox, to: Recipient): Promise<Achievement[]> {
  const unlocked = await unlockAchievements(trx, to.mode, to.userId, ['xp', 'level', 'action']);
  for (const a of unlocked) await emitUnlocked(trx, events, to, a);
  return unlocked;
}

/** Unlocks one achievement by code, once; null when the user already has it (the unlock_achievement effect). */
export async function unlockAchievement(trx: Tx, events: EventOutbox, to: Recipient & { code: string }): Promise<Achievement | null> {
  const achievement = (await trx('achievements').where({ code: to.code }).first()) as AchievementRow | undefined;
  if (!achievement) throw notFound('achievement', `No achievement "${to.code}".`);
  const inserted = await trx('user_achievements')
    .insert({ mode: to.mode, user_id: to.userId, achievement_id: achievement.id })
    .onConflict(['mode', 'user_id', 'achievement_id'])
    .ignore()
    .returning('achievement_id');
  if (!inserted.length) return null;
  const unlocked = achievementOf(achievement);
  await emitUnlocked(trx, events, to, unlocked);
  return unlocked;
}

/** award-xp from the API: an administrator (live) or an application's key (its own mode). */
export async function awardXpFor(db: Knex, events: EventOutbox, actor: Actor, input: { userId: string; skill: string; xp: number; reason: string }) {
  const source: AwardXpCommand['source'] =
    actor.kind === 'apiKey' ? { kind: 'api_key', id: actor.key.keyId } : { kind: 'admin', id: actor.userId };
  return transactionWithRetry(db, (trx) =>
    awardXp(trx, events, {
      ...input,
      mode: actor.mode,
      source,
      applicationId: actor.kind === 'apiKey' ? actor.key.applicationId : null,
    }),
  );
}

// ── Leaderboards ────────────────────────────────────────────────────────────────────────────────

interface Board {
  code: string;
  /** Table, filter and the order columns (all DESC; the last is the tiebreak). */
  from: string;
  filter: string;
  filterValues: Knex.Value[];
  keys: string[];
  xpColumn: string;
  levelOf(row: Record<string, number>): number;
  /** Rows ahead of `row` inside its own bucket, as SQL and values. */
  sameBucketAhead(row: Record<string, number>): { sql: string; values: Knex.Value[] };
  /** The users counted in buckets above `row`'s own, as a SQL sum and its values. */
  countedAbove(mode: Mode, row: Record<string, number>): { sql: string; values: Knex.Value[] };
}

/** bucketSum reads the counts and the deltas with the same filter values. */
const twice = (values: Knex.Value[]) => [...values, ...values];

/** Users in a board's buckets above one: the folded counts plus the deltas not folded yet. */
const bucketSum = (extra: string) =>
  `((SELECT coalesce(sum(users), 0) FROM leaderboard_buckets WHERE mode = ? AND board = ? AND bucket > ?${extra})
    + (SELECT coalesce(sum(delta), 0) FROM leaderboard_bucket_deltas WHERE mode = ? AND board = ? AND bucket > ?${extra}))`;

async function boardFor(db: Tx, mode: Mode, code: string): Promise<Board> {
  if (code === 'total') {
    return {
      code,
      from: 'user_progress b',
      filter: 'b.mode = ?',
      filterValues: [mode],
      keys: ['total_level', 'total_xp', 'tiebreak'],
      xpColumn: 'total_xp',
      levelOf: (row) => row.total_level!,
      countedAbove: (mode, row) => ({
        sql: `${bucketSum('')} + ${bucketSum(' AND bucket < ?')}`,
        values: [
          ...twice([mode, TOTAL_LEVEL_BOARD, row.total_level!]),
          ...twice([mode, 'total', totalBucket(row.total_level!, row.total_xp!), totalLevelEnd(row.total_level!)]),
        ],
      }),
      sameBucketAhead: (row) => {
        const range = totalBucketRange(totalBucket(row.total_level!, row.total_xp!));
        return {
          sql: `b.total_level = ? AND b.total_xp >= ?${range.xpTo === null ? '' : ' AND b.total_xp < ?'} AND (b.total_xp, b.tiebreak) > (?, ?)`,
          values: [range.totalLevel, range.xpFrom, ...(range.xpTo === null ? [] : [range.xpTo]), row.total_xp!, row.tiebreak!],
        };
      },
    };
  }
  const skill = await findSkill(db, code);
  return {
    code: skill.code,
    from: 'user_skills b',
    filter: 'b.mode = ? AND b.skill_id = ?',
    filterValues: [mode, skill.id],
    keys: ['xp', 'tiebreak'],
    xpColumn: 'xp',
    levelOf: (row) => levelForXp(row.xp!),
    countedAbove: (mode, row) => ({ sql: bucketSum(''), values: twice([mode, skill.code, skillBucket(row.xp!)]) }),
    sameBucketAhead: (row) => {
      const end = skillBucketEnd(skillBucket(row.xp!));
      return {
        sql: `(b.xp, b.tiebreak) > (?, ?)${end === null ? '' : ' AND b.xp < ?'}`,
        values: [row.xp!, row.tiebreak!, ...(end === null ? [] : [end])],
      };
    },
  };
}

interface BoardCursor {
  keys: number[];
  rank: number;
}

const encodeBoardCursor = (cursor: BoardCursor) => Buffer.from(JSON.stringify([cursor.rank, ...cursor.keys])).toString('base64url');

function decodeBoardCursor(cursor: string, keyCount: number): BoardCursor {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(values) || values.length !== keyCount + 1 || !values.every((v) => Number.isSafeInteger(v))) throw new Error();
    return { rank: values[0] as number, keys: values.slice(1) as number[] };
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', {
      issues: [{ path: 'cursor', message: 'is not a cursor returned by this leaderboard' }],
    });
  }
}

type BoardRow = Record<string, number> & { user_id: string; username: string };

async function boardRows(db: Tx, board: Board, where: { op: '<' | '>'; keys: number[] } | null, limit: number): Promise<BoardRow[]> {
  const columns = board.keys.map((k) => `b.${k}`).join(', ');
  const order = where?.op === '>' ? 'ASC' : 'DESC';
  const { rows } = await db.raw(
    `SELECT b.user_id, u.username, ${columns} FROM ${board.from} JOIN users u ON u.id = b.user_id
     WHERE ${board.filter}${where ? ` AND (${columns}) ${where.op} (${board.keys.map(() => '?').join(', ')})` : ''}
     ORDER BY ${board.keys.map((k) => `b.${k} ${order}`).join(', ')} LIMIT ?`,
    [...board.filterValues, ...(where?.keys ?? []), limit],
  );
  return rows;
}

const entryOf = (board: Board, row: BoardRow, rank: number): LeaderboardEntry => ({
  rank,
  userId: row.user_id,
  username: row.username,
  xp: row[board.xpColumn]!,
  level: board.levelOf(row),
});

/** The user's exact rank: the users in higher buckets (counted) plus those ahead in their own bucket. */
async function rankOf(db: Tx, mode: Mode, board: Board, row: BoardRow): Promise<number> {
  const ahead = board.sameBucketAhead(row);
  const above = board.countedAbove(mode, row);
  const { rows } = await db.raw(
    `SELECT ${above.sql} AS above, (SELECT count(*) FROM ${board.from} WHERE ${board.filter} AND ${ahead.sql}) AS same`,
    [...above.values, ...board.filterValues, ...ahead.values],
  );
  return 1 + Number(rows[0].above) + Number(rows[0].same);
}

export interface LeaderboardQuery {
  skill: string;
  limit: number;
  cursor?: string;
  around?: string;
}

export async function leaderboard(db: Tx, mode: Mode, input: LeaderboardQuery) {
  const board = await boardFor(db, mode, input.skill);
  if (input.around) return leaderboardAround(db, mode, board, input.around);
  const after = input.cursor ? decodeBoardCursor(input.cursor, board.keys.length) : null;
  const rows = await boardRows(db, board, after ? { op: '<', keys: after.keys } : null, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const firstRank = (after?.rank ?? 0) + 1;
  const items = page.map((row, i) => entryOf(board, row, firstRank + i));
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last ? encodeBoardCursor({ rank: firstRank + page.length - 1, keys: board.keys.map((k) => last[k]!) }) : null;
  return { board: board.code, items, nextCursor };
}

const NEIGHBOURS = 10;

async function leaderboardAround(db: Tx, mode: Mode, board: Board, userId: string) {
  const { rows: mine } = await db.raw(
    `SELECT b.user_id, u.username, ${board.keys.map((k) => `b.${k}`).join(', ')} FROM ${board.from} JOIN users u ON u.id = b.user_id
     WHERE ${board.filter} AND b.user_id = ?`,
    [...board.filterValues, userId],
  );
  const me = mine[0] as BoardRow | undefined;
  if (!me) {
    const exists = await db('users').where({ id: userId }).first('id');
    if (!exists) throw notFound('user', 'No such user.');
    return { board: board.code, items: [], nextCursor: null, you: null };
  }
  const keys = board.keys.map((k) => me[k]!);
  const [rank, above, below] = await Promise.all([
    rankOf(db, mode, board, me),
    boardRows(db, board, { op: '>', keys }, NEIGHBOURS),
    boardRows(db, board, { op: '<', keys }, NEIGHBOURS + 1),
  ]);
  const belowPage = below.slice(0, NEIGHBOURS);
  const items = [
    ...above.reverse().map((row, i, all) => entryOf(board, row, rank - (all.length - i))),
    entryOf(board, me, rank),
    ...belowPage.map((row, i) => entryOf(board, row, rank + 1 + i)),
  ];
  const last = belowPage.at(-1);
  const nextCursor =
    below.length > NEIGHBOURS && last ? encodeBoardCursor({ rank: rank + belowPage.length, keys: board.keys.map((k) => last[k]!) }) : null;
  return { board: board.code, items, nextCursor, you: entryOf(board, me, rank) };
}

// ── A user's progress ───────────────────────────────────────────────────────────────────────────

export async function userProgress(db: Tx, mode: Mode, userId: string): Promise<UserProgress> {
  const user = await db('users').where({ id: userId }).first('id', 'username');
  if (!user) throw notFound('user', 'No such user.');
  const [skills, achievements] = await Promise.all([
    db('skills as s')
      .leftJoin('user_skills as us', (j) => j.on('us.skill_id', 's.id').andOnVal('us.mode', mode).andOnVal('us.user_id', userId))
      .orderBy('s.sort_order')
      .select('s.code', 's.name', 's.icon', db.raw('coalesce(us.xp, 0) as xp')),
    db('achievements as a')
      .leftJoin('user_achievements as ua', (j) =>
        j.on('ua.achievement_id', 'a.id').andOnVal('ua.mode', mode).andOnVal('ua.user_id', userId),
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
