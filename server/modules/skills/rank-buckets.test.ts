// Buckets must follow the boards' order, or ranks computed from them would be wrong.
import { describe, expect, it } from 'vitest';
import { skillBucket, skillBucketEnd, totalBucket, totalBucketRange } from './rank-buckets';

describe('rank buckets', () => {
  it('never put more XP in a lower skill bucket, and bucket ends bound their bucket', () => {
    let previous = 0;
    for (const xp of [0, 1, 2, 3, 10, 82, 83, 84, 1000, 13_034_431, 50_000_000, 199_999_999, 200_000_000]) {
      const bucket = skillBucket(xp);
      expect(bucket).toBeGreaterThanOrEqual(previous);
      previous = bucket;
      const end = skillBucketEnd(bucket);
      if (end !== null) {
        expect(end).toBeGreaterThan(xp);
        expect(skillBucket(end)).toBe(bucket + 1);
        expect(skillBucket(end - 1)).toBe(bucket);
      }
    }
    expect(skillBucketEnd(skillBucket(200_000_000))).toBeNull();
  });

  it('rank the total board by level before XP', () => {
    expect(totalBucket(11, 0)).toBeGreaterThan(totalBucket(10, 2_000_000_000));
    expect(totalBucket(10, 5000)).toBeGreaterThanOrEqual(totalBucket(10, 4000));
    const range = totalBucketRange(totalBucket(25, 12_345));
    expect(range.totalLevel).toBe(25);
    expect(range.xpFrom).toBeLessThanOrEqual(12_345);
    expect(range.xpTo).toBeGreaterThan(12_345);
  });
});
