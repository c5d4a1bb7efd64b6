// Buckets for exact leaderboard ranks. Counting everyone above a user is ~50 ms at a million rows,
// so each board keeps a count of its users per bucket (leaderboard_buckets, updated in the same
// transaction as the XP change). A rank is then the sum of the counts of the buckets above plus an
// index count inside the user's own bucket, which holds a few hundred rows.
//
// Buckets follow the board's order: a user ahead of another is never in a lower bucket.
import { MAX_LEVEL, MAX_XP } from '../../../shared/xp';

/** Buckets of XP on a log scale: each spans about 1.9 % of XP, from 1 XP to the cap. */
const XP_BUCKETS = 1024;
const LOG_RANGE = Math.log2(1 + MAX_XP);

/** XP_BUCKET_START[b] is the least XP in bucket b; it rises strictly. */
const XP_BUCKET_START: number[] = (() => {
  const starts: number[] = [];
  for (let b = 0; b < XP_BUCKETS; b++) {
    const start = Math.ceil(2 ** ((b * LOG_RANGE) / XP_BUCKETS) - 1);
    starts.push(b === 0 ? 0 : Math.max(start, starts[b - 1]! + 1));
  }
  return starts;
})();

/** Largest b with XP_BUCKET_START[b] ≤ xp. */
function bucketIn(starts: readonly number[], value: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

export const skillBucket = (xp: number) => bucketIn(XP_BUCKET_START, xp);

/** XP of the first bucket above `bucket`, or null for the top bucket: the in-bucket count stops below it. */
export const skillBucketEnd = (bucket: number): number | null => XP_BUCKET_START[bucket + 1] ?? null;

/**
 * The total board ranks by total level, then total XP. It keeps two levels of counts, because users
 * crowd a few total levels: one count per total level (board `total-level`), and inside each level
 * 1,024 log-scale slices of total XP (board `total`, bucket = total level × 1,024 + slice), so a
 * rank reads at most ~1,000 level counts, ~1,000 slice counts and one slice's rows.
 */
export const TOTAL_LEVEL_BOARD = 'total-level';
const TOTAL_SLICES = 1024;
const TOTAL_XP_MAX = MAX_XP * 10;
const TOTAL_SLICE_START: number[] = (() => {
  const range = Math.log2(1 + TOTAL_XP_MAX);
  const starts: number[] = [];
  for (let s = 0; s < TOTAL_SLICES; s++) {
    const start = Math.ceil(2 ** ((s * range) / TOTAL_SLICES) - 1);
    starts.push(s === 0 ? 0 : Math.max(start, starts[s - 1]! + 1));
  }
  return starts;
})();

export const totalBucket = (totalLevel: number, totalXp: number) =>
  totalLevel * TOTAL_SLICES + bucketIn(TOTAL_SLICE_START, totalXp);

/** The first bucket of the next total level: slices of this level are below it. */
export const totalLevelEnd = (totalLevel: number) => (totalLevel + 1) * TOTAL_SLICES;

/** The total-XP range [from, to) of a total bucket's slice (to null for the top slice), and its level. */
export function totalBucketRange(bucket: number): { totalLevel: number; xpFrom: number; xpTo: number | null } {
  const slice = bucket % TOTAL_SLICES;
  return {
    totalLevel: Math.floor(bucket / TOTAL_SLICES),
    xpFrom: TOTAL_SLICE_START[slice]!,
    xpTo: TOTAL_SLICE_START[slice + 1] ?? null,
  };
}

export const MAX_TOTAL_LEVEL = MAX_LEVEL * 10;
