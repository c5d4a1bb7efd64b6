// Fixed-window counters kept in the database (table rate_limit_windows), so a limit holds across every
// instance on the same database. Each hit is one atomic upsert: parallel requests cannot all read
// "under the limit" before any of them counts, because the row lock serialises the increments.
import type { Tx } from '../db/index';

export interface WindowHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * The upsert that counts one hit for each (key, 1, now()) row `source` yields, in windows of
 * `window` seconds (both SQL text), returning key, attempts and reset. hitWindow runs it alone;
 * the login folds it into a larger statement (server/modules/auth/login-queries.ts). The start is
 * kept to the millisecond, so it may lie up to half of one after now(): the reset is capped at the window.
 */
export function hitUpsertSql(source: string, window: string): string {
  const expired = `t.window_started_at <= now() - make_interval(secs => ${window})`;
  return `INSERT INTO rate_limit_windows AS t (key, attempts, window_started_at) ${source}
     ON CONFLICT (key) DO UPDATE SET
       attempts = CASE WHEN ${expired} THEN 1 ELSE t.attempts + 1 END,
       window_started_at = CASE WHEN ${expired} THEN now() ELSE t.window_started_at END
     RETURNING t.key, t.attempts,
       least(${window}, ceil(extract(epoch FROM t.window_started_at + make_interval(secs => ${window}) - now())))::int AS reset`;
}

export async function hitWindow(tx: Tx, key: string, windowSeconds: number): Promise<WindowHit> {
  const result = await tx.raw(hitUpsertSql(`VALUES (:key, 1, now())`, ':window'), { key, window: windowSeconds });
  const row = result.rows[0] as { attempts: number; reset: number };
  return { count: row.attempts, resetSeconds: Math.max(0, row.reset) };
}

/** A text[] literal (`{"a","b"}`), one bound parameter on PGlite and PostgreSQL alike. */
const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * One hit on each of several keys in one statement (one round trip, one commit), in key order so
 * that two requests hitting the same keys lock their rows in the same order. Answers in `keys`' order.
 */
export async function hitWindows(tx: Tx, keys: readonly string[], windowSeconds: number): Promise<WindowHit[]> {
  const sorted = [...new Set(keys)].sort();
  const result = await tx.raw(
    hitUpsertSql(`SELECT k, 1, now() FROM unnest(?::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n`, String(Math.trunc(windowSeconds))),
    [textArray(sorted)],
  );
  const byKey = new Map((result.rows as Array<{ key: string; attempts: number; reset: number }>).map((r) => [r.key, r]));
  return keys.map((key) => {
    const row = byKey.get(key)!;
    return { count: row.attempts, resetSeconds: Math.max(0, row.reset) };
  });
}

/** Takes one hit back (a request that turned out to be fine must not count against the client). */
export async function refundHit(tx: Tx, key: string): Promise<void> {
  await tx('rate_limit_windows').where({ key }).where('attempts', '>', 0).decrement('attempts', 1);
}

/** Takes one hit back from each of several keys in one statement (in key order, as hitWindows). */
export async function refundHits(tx: Tx, keys: readonly string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  await tx.raw(
    `UPDATE rate_limit_windows t SET attempts = t.attempts - 1
       FROM (SELECT key FROM rate_limit_windows WHERE key = ANY(?::text[]) AND attempts > 0 ORDER BY key FOR UPDATE) l
      WHERE t.key = l.key AND t.attempts > 0`,
    [textArray(sorted)],
  );
}

export async function clearWindow(tx: Tx, key: string): Promise<void> {
  await tx('rate_limit_windows').where({ key }).delete();
}
