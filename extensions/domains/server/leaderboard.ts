// The leaderboard of names: by Elo, or by votes (up minus down), best first, archived names left
// out; keyset pagination over (value, id) like the kernel's lists, with an opaque cursor. Ties share
// a rank.
import type { z } from 'zod';
import { DomainError, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { present, type DomainRow, type Viewer } from './portfolio';

type Order = z.output<typeof s.leaderboardInput>['by'];

// The cursor names its order, so that one order's position is never read as the other's.
const encode = (by: Order, value: number, id: string) => Buffer.from(JSON.stringify([by, value, id])).toString('base64url');

function decode(by: Order, cursor: string): { value: number; id: string } {
  try {
    const [order, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (order !== by || typeof value !== 'number' || !Number.isFinite(value) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return { value, id };
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', { issues: [{ path: 'cursor', message: 'is not a cursor returned by this list' }] });
  }
}

export async function leaderboard(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof s.leaderboardInput>): Promise<z.output<typeof s.leaderboardOutput>> {
  const expr = input.by === 'elo' ? 'elo' : '(votes_up - votes_down)';
  const after = input.cursor ? decode(input.by, input.cursor) : null;
  const { rows } = (await tx.raw(
    `SELECT * FROM (
       SELECT d.*, (d.votes_up - d.votes_down) AS score, ${expr}::float8 AS sort_value, rank() OVER (ORDER BY ${expr} DESC) AS rank
       FROM domains_domains d WHERE d.status <> 'archived'
     ) ranked
     ${after ? 'WHERE (sort_value, id) < (?::float8, ?::uuid)' : ''}
     ORDER BY sort_value DESC, id DESC LIMIT ?`,
    [...(after ? [after.value, after.id] : []), input.limit + 1],
  )) as { rows: Array<DomainRow & { score: number; sort_value: number; rank: string | number }> };
  const pageRows = rows.slice(0, input.limit);
  const shown = await present(kernel, tx, viewer, pageRows);
  const last = pageRows.at(-1);
  return {
    items: shown.map((d, i) => ({ ...d, rank: Number(pageRows[i]!.rank), score: Number(pageRows[i]!.score) })),
    nextCursor: rows.length > input.limit && last ? encode(input.by, Number(last.sort_value), last.id) : null,
  };
}
