// The sampler against its weights: the first draw of 10,000 independently seeded users, compared with
// the weights by a chi-square test at p = 0.001 (not flaky: the seeds are fixed, and a fair sampler
// fails it one time in a thousand seed sets); and no card twice within a pass.
import { describe, expect, it } from 'vitest';
import { drawWithoutReplacement, pickIndex, randomSource } from './sampler';
import { generateProfiles } from './generator';
import { wilsonInterval } from './wilson';
import { csvCell } from './downloads';

const cards = [
  { id: 'a', weight: 1 },
  { id: 'b', weight: 2 },
  { id: 'c', weight: 3 },
  { id: 'd', weight: 4 },
  { id: 'e', weight: 10 },
];
// Critical values of chi-square at p = 0.001 by degrees of freedom.
const CRITICAL_P001: Record<number, number> = { 4: 18.467 };

function chiSquare(counts: Map<string, number>, n: number) {
  const total = cards.reduce((s, c) => s + c.weight, 0);
  return cards.reduce((sum, c) => {
    const expected = (n * c.weight) / total;
    return sum + (((counts.get(c.id) ?? 0) - expected) ** 2) / expected;
  }, 0);
}

describe('weighted sampler', () => {
  it('first draws of 10,000 independently seeded users follow the weights (chi-square, p = 0.001)', () => {
    const n = 10_000;
    const counts = new Map<string, number>();
    for (let user = 0; user < n; user++) {
      const [first] = drawWithoutReplacement(cards, 1, randomSource('chi-square', ['deck', 'live', `user-${user}`, 1, 0]));
      counts.set(first!.id, (counts.get(first!.id) ?? 0) + 1);
    }
    const statistic = chiSquare(counts, n);
    expect(statistic).toBeLessThan(CRITICAL_P001[cards.length - 1]!);
    // And the test can fail: uniform picks are far outside the bound.
    const uniform = new Map(cards.map((c) => [c.id, n / cards.length]));
    expect(chiSquare(uniform, n)).toBeGreaterThan(CRITICAL_P001[4]!);
  });

  it('never draws a card twice in a pass, and a seed fixes the order', () => {
    const random = randomSource('s', ['x']);
    const all = drawWithoutReplacement(cards, 10, random);
    expect(all.map((c) => c.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    const again = drawWithoutReplacement(cards, 10, randomSource('s', ['x']));
    expect(again).toEqual(all);
    expect(drawWithoutReplacement(cards, 10, randomSource('other', ['x']))).not.toEqual(all);
  });

  it('maps u to the cumulative weights', () => {
    expect(pickIndex(cards, 0)).toBe(0);
    expect(pickIndex(cards, 0.0499)).toBe(0); // a: [0, 1/20)
    expect(pickIndex(cards, 0.05)).toBe(1);
    expect(pickIndex(cards, 0.4999)).toBe(3);
    expect(pickIndex(cards, 0.5)).toBe(4);
    expect(pickIndex(cards, 0.999999999)).toBe(4);
  });

  it('uses the system random without a seed', () => {
    const random = randomSource(null, []);
    const values = Array.from({ length: 100 }, random);
    expect(new Set(values).size).toBe(100);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('generator', () => {
  it('makes the same profiles from the same seed, with values drawn by weight', () => {
    const input = { seed: 'g', count: 2000, attributes: [{ key: 'city', values: [{ value: 'Lyon', weight: 3 }, { value: 'Paris', weight: 1 }] }] };
    const a = generateProfiles(input);
    expect(generateProfiles(input)).toEqual(a);
    expect(generateProfiles({ ...input, seed: 'h' })).not.toEqual(a);
    const lyon = a.filter((p) => p.attributes.city === 'Lyon').length / a.length;
    expect(lyon).toBeGreaterThan(0.7);
    expect(lyon).toBeLessThan(0.8);
    expect(a[0]!.picture).toMatch(/^\/api\/ext\/swiper\/avatar\.svg\?name=/);
  });
});

describe('Wilson interval', () => {
  it('matches known values and stays in [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    const one = wilsonInterval(1, 1);
    expect(one.high).toBe(1);
    expect(one.low).toBeCloseTo(0.206549, 5);
    const half = wilsonInterval(50, 100);
    expect(half.low).toBeCloseTo(0.403831, 5);
    expect(half.high).toBeCloseTo(0.596169, 5);
    expect(wilsonInterval(0, 10).low).toBe(0);
  });
});

describe('CSV cells', () => {
  it('quotes and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z');
  });
});
