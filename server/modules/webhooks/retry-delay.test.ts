// The retry schedule: base × 3^(attempt − 1) seconds, spread ±10 % so endpoints that failed together
// do not all come back in the same second.
import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './delivery';

describe('retryDelaySeconds', () => {
  it('triples with each attempt, within ±10 % of jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds(attempt, 30, () => 0.5))).toEqual([30, 90, 270, 810]);
    expect([1, 2, 3].map((attempt) => retryDelaySeconds(attempt, 30, () => 0))).toEqual([27, 81, 243]);
    expect([1, 2, 3].map((attempt) => retryDelaySeconds(attempt, 30, () => 0.999999))).toEqual([33, 99, 297]);
  });

  it('waits at least a second', () => {
    expect(retryDelaySeconds(1, 1, () => 0)).toBe(1);
  });
});
