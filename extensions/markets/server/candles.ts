// OHLCV candles computed from the trades table on each query. A bucket is half-open [start, end);
// its trades are ordered by (timestamp, source, trade id): open the first, close the last, high and
// low the extremes, volume the exact numeric sum of sizes and `n` the count. Empty buckets are left
// out, or with `fill` carried forward (O=H=L=C = previous close, v 0, n 0) from the first to the
// last non-empty bucket of the range. A late trade lands in its own bucket and changes no other.
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { invalidField, notFound, type Kernel } from '../../../server/extensions/api';
import { alignUp, fixedGrid, gridStarts, localGrid, type Grid, type Interval } from './grid';
import { findSymbol, type SymbolRow } from './symbols';

export interface Candle {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
}

export interface CandleQuery {
  symbol: string;
  interval: Interval;
  from: number;
  to: number;
  tz?: string;
  fill: boolean;
  limit: number;
  cursor?: string;
  source?: string;
}

// A guard on the calendar grid's size (one bucket per local day). The grid spans only the stored
// trades (dataSpan), which are never before the epoch nor more than minutes ahead of now, so the
// default range (from=0) always fits, with a time zone as without one.
const MAX_CALENDAR_YEARS = 100;

/** The buckets' grid for a symbol, interval and zone over [from, to). */
export function gridFor(kernel: Kernel, symbol: SymbolRow, interval: Interval, tz: string | undefined, from: number, to: number): Grid {
  const stock = symbol.asset_class === 'stock' && symbol.exchange;
  const zone = tz ?? (stock ? 'America/New_York' : 'UTC');
  if (interval !== '1d' && interval !== '1w') return fixedGrid(interval);
  if (!stock && zone === 'UTC') return fixedGrid(interval);
  if (to - from > MAX_CALENDAR_YEARS * 366 * 86_400_000) throw invalidField('from', `at most ${MAX_CALENDAR_YEARS} years of daily or weekly bars in one query`);
  if (interval === '1w' || !stock) return localGrid(interval === '1w' ? 'week' : 'day', zone, from, to);
  // A stock's daily bars: one per trading day of its exchange, spanning that local calendar day.
  const first = DateTime.fromMillis(from, { zone: 'America/New_York' }).minus({ days: 1 }).toISODate()!;
  const last = DateTime.fromMillis(to, { zone: 'America/New_York' }).toISODate()!;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const day of kernel.calendars.tradingDays(symbol.exchange as 'NYSE' | 'NASDAQ', first, last)) {
    const start = DateTime.fromJSDate(day.dayStart, { zone }).startOf('day');
    const s = start.toMillis();
    if (s < from || s >= to) continue;
    starts.push(s);
    ends.push(start.plus({ days: 1 }).startOf('day').toMillis());
  }
  return { kind: 'calendar', starts, ends };
}

interface Row {
  t: string | number;
  o: string;
  h: string;
  l: string;
  c: string;
  v: string;
  n: string | number;
}

const AGG = `(array_agg(price ORDER BY ts, source COLLATE "C", ord COLLATE "C"))[1]::text AS o, max(price)::text AS h, min(price)::text AS l,
  (array_agg(price ORDER BY ts DESC, source COLLATE "C" DESC, ord COLLATE "C" DESC))[1]::text AS c, sum(size)::text AS v, count(*) AS n`;

const toCandle = (r: Row): Candle => ({ t: Number(r.t), o: Number(r.o), h: Number(r.h), l: Number(r.l), c: Number(r.c), v: Number(r.v), n: Number(r.n) });

/** Non-empty buckets with a start in [from, to), oldest first, at most `limit`. */
async function nonEmpty(db: Knex, grid: Grid, symbolId: number, source: string | undefined, from: number, to: number, limit: number): Promise<Candle[]> {
  const sourceSql = source ? 'AND source = ?' : '';
  const sourceArg = source ? [source] : [];
  if (grid.kind === 'fixed') {
    // Scan a window of `limit` buckets first, then wider ones: PostgreSQL groups everything it scans
    // before the LIMIT applies, so a page of a long range must not scan the whole range.
    let lo = alignUp(from, grid.step, grid.offset);
    const hi = alignUp(to, grid.step, grid.offset);
    const out: Candle[] = [];
    for (let width = limit * grid.step; lo < hi && out.length < limit; width *= 8) {
      const end = Math.min(hi, lo + width);
      const { rows } = await raw<Row>(
        db,
        `SELECT (ts - ?) / ? * ? + ? AS t, ${AGG} FROM markets_trades
          WHERE symbol_id = ? AND ts >= ? AND ts < ? ${sourceSql}
          GROUP BY 1 ORDER BY 1 LIMIT ?`,
        [grid.offset, grid.step, grid.step, grid.offset, symbolId, lo, end, ...sourceArg, limit - out.length],
      );
      out.push(...rows.map(toCandle));
      lo = end;
    }
    return out;
  }
  const pick = grid.starts.map((s, i) => [s, grid.ends[i]!] as const).filter(([s]) => s >= from && s < to);
  if (!pick.length) return [];
  const { rows } = await raw<Row>(
    db,
    `SELECT b.s AS t, ${AGG}
       FROM unnest(?::bigint[], ?::bigint[]) AS b(s, e)
       JOIN markets_trades ON symbol_id = ? AND ts >= b.s AND ts < b.e ${sourceSql}
      GROUP BY b.s ORDER BY b.s LIMIT ?`,
    [pick.map(([s]) => s), pick.map(([, e]) => e), symbolId, ...sourceArg, limit],
  );
  return rows.map(toCandle);
}

async function raw<T>(db: Knex, sql: string, bindings: unknown[]): Promise<{ rows: T[] }> {
  return (await db.raw(sql, bindings as Knex.RawBinding[])) as { rows: T[] };
}

const encodeCursor = (t: number) => Buffer.from(`t:${t}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const m = /^t:(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw invalidField('cursor', 'is not a cursor of this list');
  return Number(m[1]);
}

export async function candles(kernel: Kernel, q: CandleQuery): Promise<{ items: Candle[]; nextCursor: string | null }> {
  if (q.to <= q.from) throw invalidField('to', 'must be after from');
  const symbol = await findSymbol(kernel.db, q.symbol);
  if (!symbol) throw notFound('symbol');
  const start = q.cursor ? Math.max(q.from, decodeCursor(q.cursor)) : q.from;
  const span = await dataSpan(kernel.db, symbol.id, q.source, q.from, q.to, q.interval);
  if (!span) return { items: [], nextCursor: null };
  const grid = gridFor(kernel, symbol, q.interval, q.tz, span.from, span.to);
  if (!q.fill) {
    const rows = await nonEmpty(kernel.db, grid, symbol.id, q.source, start, q.to, q.limit + 1);
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    return { items, nextCursor: more ? encodeCursor(rows[q.limit]!.t) : null };
  }
  // Filled: the window is the next `limit` buckets of the grid between the range's first and last
  // non-empty bucket; the close before the window seeds the carry.
  const edges = await nonEmptyEdges(kernel.db, grid, symbol.id, q.source, q.from, q.to);
  if (!edges) return { items: [], nextCursor: null };
  const windowStart = Math.max(start, edges.first);
  const starts = gridStarts(grid, windowStart, edges.last + 1, q.limit + 1);
  const page = starts.slice(0, q.limit);
  if (!page.length) return { items: [], nextCursor: null };
  const filled = await nonEmpty(kernel.db, grid, symbol.id, q.source, page[0]!, page.at(-1)! + 1, q.limit);
  let carry = page[0]! > edges.first ? await closeBefore(kernel.db, symbol.id, q.source, edges.first, page[0]!) : null;
  const byStart = new Map(filled.map((c) => [c.t, c]));
  const items: Candle[] = [];
  for (const t of page) {
    const c = byStart.get(t);
    if (c) {
      items.push(c);
      carry = c.c;
    } else if (carry !== null) items.push({ t, o: carry, h: carry, l: carry, c: carry, v: 0, n: 0 });
  }
  return { items, nextCursor: starts.length > q.limit ? encodeCursor(starts[q.limit]!) : null };
}

async function nonEmptyEdges(db: Knex, grid: Grid, symbolId: number, source: string | undefined, from: number, to: number) {
  if (grid.kind === 'fixed') {
    const lo = alignUp(from, grid.step, grid.offset);
    const hi = alignUp(to, grid.step, grid.offset);
    const q = db('markets_trades').where({ symbol_id: symbolId }).where('ts', '>=', lo).where('ts', '<', hi);
    if (source) q.where({ source });
    const row = (await q.first(db.raw('min(ts) AS lo, max(ts) AS hi'))) as { lo: string | null; hi: string | null } | undefined;
    if (!row || row.lo === null || row.hi === null) return null;
    const down = (ms: number) => Math.floor((ms - grid.offset) / grid.step) * grid.step + grid.offset;
    return { first: down(Number(row.lo)), last: down(Number(row.hi)) };
  }
  const all = await nonEmpty(db, grid, symbolId, source, from, to, 1_000_000);
  if (!all.length) return null;
  return { first: all[0]!.t, last: all.at(-1)!.t };
}

async function closeBefore(db: Knex, symbolId: number, source: string | undefined, from: number, before: number): Promise<number | null> {
  const q = db('markets_trades').where({ symbol_id: symbolId }).where('ts', '>=', from).where('ts', '<', before);
  if (source) q.where({ source });
  const row = (await q.orderByRaw('ts DESC, source COLLATE "C" DESC, ord COLLATE "C" DESC').first(db.raw('price::text AS price'))) as { price: string } | undefined;
  return row ? Number(row.price) : null;
}

/**
 * The part of [from, to) that can hold a non-empty bucket: from a week and a day before the first
 * trade (no bucket is longer) to just after the last. Calendar grids are built over this only, so
 * `from=0` costs nothing. Null when the range holds no trade at all.
 */
async function dataSpan(db: Knex, symbolId: number, source: string | undefined, from: number, to: number, interval: Interval) {
  if (interval !== '1d' && interval !== '1w') return { from, to };
  // The widest bucket reaches 7 days and an hour (a local week across a DST change) before its trades.
  const slack = 8 * 86_400_000;
  const q = db('markets_trades').where({ symbol_id: symbolId }).where('ts', '>=', Math.max(0, from - slack)).where('ts', '<', to + slack);
  if (source) q.where({ source });
  const row = (await q.first(db.raw('min(ts) AS lo, max(ts) AS hi'))) as { lo: string | null; hi: string | null } | undefined;
  if (!row || row.lo === null || row.hi === null) return null;
  return { from: Math.max(from, Number(row.lo) - slack), to: Math.min(to, Number(row.hi) + 1) };
}
