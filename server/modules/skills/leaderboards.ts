// Leaderboards per skill and for the total: pages by cursor, and a user's exact rank with their
// neighbours, from counts per bucket (rank-buckets.ts) kept by the awards' moves.
import type { Knex } from 'knex';
import type { LeaderboardEntry } from '../../../shared/schemas/skills';
import type { Realm } from '../developer/realm';
import { levelForXp } from '../../../shared/xp';
import { prepared, type Tx } from '../../db/index';
import { DomainError } from '../../errors';
import { requireUser, USERS } from '../auth/users';
import type { Alongside } from '../../events/outbox';
import { findSkill } from './catalogue';
import { skillBucket, skillBucketEnd, TOTAL_LEVEL_BOARD, totalBucket, totalBucketRange, totalLevelEnd } from './rank-buckets';

/**
 * The statement that moves a user between buckets of the boards' counts by appending -1/+1 deltas: inserts only, so
 * parallel awards of users in the same bucket never wait for each other on a count row. Ranks sum
 * the counts and the deltas; foldBucketDeltas moves the deltas into the counts every few seconds.
 */
export function bucketMoves(realm: Realm, moves: Array<{ board: string; from: number | null; to: number }>): Alongside | null {
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
  if (!boards.length) return null;
  // Written in the statement of the award's xp.awarded event (EmitInput.alongside): one round trip fewer.
  return {
    name: 'skills.bucket.move',
    sql: `INSERT INTO leaderboard_bucket_deltas (mode, board, bucket, delta)
          SELECT $1, t.board, t.bucket, t.delta FROM unnest($2::text[], $3::int[], $4::int[]) AS t(board, bucket, delta)`,
    values: [realm, boards, buckets, deltas],
  };
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
  countedAbove(realm: Realm, row: Record<string, number>): { sql: string; values: Knex.Value[] };
}

/** bucketSum reads the counts and the deltas with the same filter values. */
const twice = (values: Knex.Value[]) => [...values, ...values];

/** Users in a board's buckets above one: the folded counts plus the deltas not folded yet. */
const bucketSum = (extra: string) =>
  `((SELECT coalesce(sum(users), 0) FROM leaderboard_buckets WHERE mode = ? AND board = ? AND bucket > ?${extra})
    + (SELECT coalesce(sum(delta), 0) FROM leaderboard_bucket_deltas WHERE mode = ? AND board = ? AND bucket > ?${extra}))`;

async function boardFor(db: Tx, realm: Realm, code: string): Promise<Board> {
  if (code === 'total') {
    return {
      code,
      from: 'user_progress b',
      filter: 'b.mode = ?',
      filterValues: [realm],
      keys: ['total_level', 'total_xp', 'tiebreak'],
      xpColumn: 'total_xp',
      levelOf: (row) => row.total_level!,
      countedAbove: (realm, row) => ({
        sql: `${bucketSum('')} + ${bucketSum(' AND bucket < ?')}`,
        values: [
          ...twice([realm, TOTAL_LEVEL_BOARD, row.total_level!]),
          ...twice([realm, 'total', totalBucket(row.total_level!, row.total_xp!), totalLevelEnd(row.total_level!)]),
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
    filterValues: [realm, skill.id],
    keys: ['xp', 'tiebreak'],
    xpColumn: 'xp',
    levelOf: (row) => levelForXp(row.xp!),
    countedAbove: (realm, row) => ({ sql: bucketSum(''), values: twice([realm, skill.code, skillBucket(row.xp!)]) }),
    sameBucketAhead: (row) => {
      const end = skillBucketEnd(skillBucket(row.xp!));
      // `b.xp >= ?` follows from the row comparison but is what the planner can estimate: with only
      // the row comparison it guessed ~10 % of the board (~100,000 rows at 10 M users) instead of
      // the bucket's few hundred, and chose a parallel scan whose workers cost more than the count.
      return {
        sql: `b.xp >= ? AND (b.xp, b.tiebreak) > (?, ?)${end === null ? '' : ' AND b.xp < ?'}`,
        values: [row.xp!, row.xp!, row.tiebreak!, ...(end === null ? [] : [end])],
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

type BoardRow = Record<string, number> & { user_id: string; username: string; synthetic: boolean };

async function boardRows(db: Tx, board: Board, where: { op: '<' | '>'; keys: number[] } | null, limit: number): Promise<BoardRow[]> {
  const columns = board.keys.map((k) => `b.${k}`).join(', ');
  const order = where?.op === '>' ? 'ASC' : 'DESC';
  const { rows } = await db.raw(
    `SELECT b.user_id, u.username, u.synthetic, ${columns} FROM ${board.from} JOIN ${USERS} u ON u.id = b.user_id
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
  synthetic: row.synthetic,
  xp: row[board.xpColumn]!,
  level: board.levelOf(row),
});

/** The user's exact rank: the users in higher buckets (counted) plus those ahead in their own bucket. */
async function rankOf(db: Tx, realm: Realm, board: Board, row: BoardRow): Promise<number> {
  const ahead = board.sameBucketAhead(row);
  const above = board.countedAbove(realm, row);
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

export async function leaderboard(db: Tx, realm: Realm, input: LeaderboardQuery) {
  const board = await boardFor(db, realm, input.skill);
  if (input.around) return leaderboardAround(db, realm, board, input.around);
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

async function leaderboardAround(db: Tx, realm: Realm, board: Board, userId: string) {
  const { rows: mine } = await db.raw(
    `SELECT b.user_id, u.username, u.synthetic, ${board.keys.map((k) => `b.${k}`).join(', ')} FROM ${board.from} JOIN ${USERS} u ON u.id = b.user_id
     WHERE ${board.filter} AND b.user_id = ?`,
    [...board.filterValues, userId],
  );
  const me = mine[0] as BoardRow | undefined;
  if (!me) {
    await requireUser(db, userId);
    return { board: board.code, items: [], nextCursor: null, you: null };
  }
  const keys = board.keys.map((k) => me[k]!);
  const [rank, above, below] = await Promise.all([
    rankOf(db, realm, board, me),
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

/**
 * Where a user stands on a board (a skill code or `total`): their exact rank and how many users the
 * board lists, from the bucket counts; null when they have no XP on it.
 */
export async function boardStanding(db: Tx, realm: Realm, code: string, userId: string): Promise<{ rank: number; of: number } | null> {
  const board = await boardFor(db, realm, code);
  const { rows } = await db.raw(
    `SELECT b.user_id, ${board.keys.map((k) => `b.${k}`).join(', ')}, ${bucketSum('')} AS listed
     FROM ${board.from} WHERE ${board.filter} AND b.user_id = ?`,
    [...twice([realm, board.code, -1]), ...board.filterValues, userId],
  );
  const me = rows[0] as (BoardRow & { listed: string | number }) | undefined;
  if (!me) return null;
  return { rank: await rankOf(db, realm, board, me), of: Number(me.listed) };
}
