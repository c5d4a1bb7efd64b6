// Elo against cases computed by hand from the contract's formula.
import { describe, expect, it } from 'vitest';
import { expectedScore, rateMatch } from './elo';

describe('elo', () => {
  it('gives equal players an expected score of one half', () => {
    expect(expectedScore(1200, 1200)).toBe(0.5);
  });
  it('gives a 400-point favourite 10/11', () => {
    // 1 / (1 + 10^(-400/400)) = 1 / 1.1
    expect(expectedScore(1600, 1200)).toBeCloseTo(10 / 11, 12);
    expect(expectedScore(1200, 1600)).toBeCloseTo(1 / 11, 12);
  });
  it('moves equal players by K/2 on a win and not at all on a draw', () => {
    expect(rateMatch(1200, 1200, 'a')).toEqual({ a: { before: 1200, after: 1216 }, b: { before: 1200, after: 1184 } });
    expect(rateMatch(1200, 1200, 'b', 20)).toEqual({ a: { before: 1200, after: 1190 }, b: { before: 1200, after: 1210 } });
    expect(rateMatch(1200, 1200, 'draw')).toEqual({ a: { before: 1200, after: 1200 }, b: { before: 1200, after: 1200 } });
  });
  it('keeps an upset unrounded: 1200 beats 1600 with K 32', () => {
    // A: 1200 + 32·(1 − 1/11) = 1200 + 320/11 = 1229.0909…; B: 1600 − 320/11 = 1570.9090…
    const r = rateMatch(1200, 1600, 'a');
    expect(r.a.after).toBeCloseTo(1200 + 320 / 11, 10);
    expect(r.b.after).toBeCloseTo(1600 - 320 / 11, 10);
    expect(Number.isInteger(r.a.after)).toBe(false);
  });
  it('matches a draw between 1500 and 1300 with K 32', () => {
    // E(1500) = 1 / (1 + 10^(−0.5)) = 0.759746926…; Δ = 32·(0.5 − 0.759746926) = −8.31190…
    const r = rateMatch(1500, 1300, 'draw');
    expect(r.a.after).toBeCloseTo(1491.68809, 4);
    expect(r.b.after).toBeCloseTo(1308.31190, 4);
    expect(r.a.after + r.b.after).toBeCloseTo(2800, 10); // zero-sum with one K
  });
});
