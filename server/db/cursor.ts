// Opaque list cursors for keyset pagination over (timestamp, id), newest first.
import type { Knex } from 'knex';
import { DomainError } from '../errors';

export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', {
      issues: [{ path: 'cursor', message: 'is not a cursor returned by this list' }],
    });
  }
}

const DEFAULT_PAGE_SIZE = 20;

export interface PageInput {
  limit: number;
  cursor?: string;
}

/**
 * Keyset pagination, newest first, over a `(created_at, id)`-ordered query: fetches one row more
 * than asked to know whether another page exists. `prefix` is the table alias ('d.' or '').
 */
export async function newestFirstPage<Row extends { created_at: Date; id: string }>(
  query: Knex.QueryBuilder,
  input: PageInput = { limit: DEFAULT_PAGE_SIZE },
  prefix = '',
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  query
    .orderBy([{ column: `${prefix}created_at`, order: 'desc' }, { column: `${prefix}id`, order: 'desc' }])
    .limit(input.limit + 1);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    query.whereRaw(`(${prefix}created_at, ${prefix}id) < (?, ?)`, [after.at, after.id]);
  }
  const fetched = (await query) as Row[];
  const rows = fetched.slice(0, input.limit);
  const last = rows.at(-1);
  return {
    rows,
    nextCursor: fetched.length > input.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}
