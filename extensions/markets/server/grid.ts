// Where candle buckets start and end. Intraday intervals are fixed steps aligned to multiples of
// the step since the Unix epoch (UTC); weeks start on Monday 00:00 (the epoch was a Thursday, so
// weekly buckets are offset by four days). Daily and weekly bars in a named zone follow its local
// calendar (a daylight-saving day is 23 or 25 hours), and a stock's daily bars are its exchange's
// trading days only.
import { DateTime } from 'luxon';

export const INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1d', '1w'] as const;
export type Interval = (typeof INTERVALS)[number];

export const STEP: Record<Interval, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
};
/** 1970-01-05, the first Monday after the epoch. */
export const MONDAY_OFFSET = 4 * 86_400_000;

export type Grid =
  | { kind: 'fixed'; step: number; offset: number }
  | { kind: 'calendar'; starts: number[]; ends: number[] };

export const alignDown = (ms: number, step: number, offset: number) => Math.floor((ms - offset) / step) * step + offset;
export const alignUp = (ms: number, step: number, offset: number) => Math.ceil((ms - offset) / step) * step + offset;

export function fixedGrid(interval: Interval): Grid {
  return { kind: 'fixed', step: STEP[interval], offset: interval === '1w' ? MONDAY_OFFSET : 0 };
}

/** Local days or weeks (Monday) of `zone` whose start lies in [from, to). */
export function localGrid(unit: 'day' | 'week', zone: string, from: number, to: number): Grid {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = DateTime.fromMillis(from, { zone }).startOf(unit);
  if (start.toMillis() < from) start = start.plus({ [unit + 's']: 1 }).startOf(unit);
  while (start.toMillis() < to) {
    const next = start.plus({ [unit + 's']: 1 }).startOf(unit);
    starts.push(start.toMillis());
    ends.push(next.toMillis());
    start = next;
  }
  return { kind: 'calendar', starts, ends };
}

/** The buckets' starts from `from` on, at most `count` of them, none at or after `to`. */
export function gridStarts(grid: Grid, from: number, to: number, count: number): number[] {
  if (grid.kind === 'calendar') {
    const out: number[] = [];
    for (const s of grid.starts) if (s >= from && s < to && out.length < count) out.push(s);
    return out;
  }
  const out: number[] = [];
  for (let s = alignUp(from, grid.step, grid.offset); s < to && out.length < count; s += grid.step) out.push(s);
  return out;
}

/** The end of the bucket starting at `start`. */
export function bucketEnd(grid: Grid, start: number): number {
  if (grid.kind === 'fixed') return start + grid.step;
  const i = grid.starts.indexOf(start);
  return i >= 0 ? grid.ends[i]! : start;
}
