// Standings: 3/1/0 points and the tie-breaks, on small tables worked out by hand.
import { describe, expect, it } from 'vitest';
import { computeStandings } from './standings';

const people = (...ids: Array<[string, number]>) => ids.map(([userId, rating]) => ({ userId, rating }));

describe('standings', () => {
  it('counts 3 for a win, 1 for a draw, 0 for a loss', () => {
    const rows = computeStandings('open', people(['x', 1200], ['y', 1200]), [
      { a: 'x', b: 'y', result: 'a' },
      { a: 'x', b: 'y', result: 'draw' },
    ]);
    expect(rows.map((r) => [r.rank, r.userId, r.played, r.won, r.drawn, r.lost, r.points])).toEqual([
      [1, 'x', 2, 1, 1, 0, 4],
      [2, 'y', 2, 0, 1, 1, 1],
    ]);
  });

  it('breaks a tie by head to head before Sonneborn–Berger', () => {
    // L 6 (beat A, C; lost to B), C 6 (beat A, B), A 3 (beat B), B 3 (beat L).
    // A and B: A won their game, though B's Sonneborn–Berger (beat L: 6) beats A's (beat B: 3).
    // L and C: L won their game (L SB 3 + 6 = 9, C SB 3 + 3 = 6 agrees).
    const rows = computeStandings('round_robin', people(['L', 1000], ['C', 1500], ['A', 1000], ['B', 1500]), [
      { a: 'A', b: 'B', result: 'a' },
      { a: 'L', b: 'A', result: 'a' },
      { a: 'B', b: 'L', result: 'a' },
      { a: 'L', b: 'C', result: 'a' },
      { a: 'C', b: 'A', result: 'a' },
      { a: 'C', b: 'B', result: 'a' },
    ]);
    expect(rows.map((r) => r.userId)).toEqual(['L', 'C', 'A', 'B']);
    const byId = Object.fromEntries(rows.map((r) => [r.userId, r]));
    expect([byId.A!.sonnebornBerger, byId.B!.sonnebornBerger]).toEqual([3, 6]);
    expect([byId.A!.headToHead, byId.B!.headToHead]).toEqual([3, 0]);
  });

  it('uses Sonneborn–Berger when head to head is level, then rating', () => {
    // A, B, C beat each other in a cycle (head to head 3 each) and are on 6 points.
    // SB: A beat B (6) and D (3) = 9; B beat C (6) and E (0) = 6; C beat A (6) and E (0) = 6.
    // B and C are level on SB too, so the higher rating (B 1300) goes first.
    const rows = computeStandings('round_robin', people(['A', 1000], ['B', 1300], ['C', 1100], ['D', 1200], ['E', 1200]), [
      { a: 'A', b: 'B', result: 'a' },
      { a: 'B', b: 'C', result: 'a' },
      { a: 'C', b: 'A', result: 'a' },
      { a: 'A', b: 'D', result: 'a' },
      { a: 'B', b: 'E', result: 'a' },
      { a: 'C', b: 'E', result: 'a' },
      { a: 'D', b: 'E', result: 'a' },
    ]);
    expect(rows.map((r) => [r.userId, r.points, r.sonnebornBerger])).toEqual([
      ['A', 6, 9], ['B', 6, 6], ['C', 6, 6], ['D', 3, 0], ['E', 0, 0],
    ]);
  });

  it('uses Buchholz in a Swiss (and counts a bye as a win’s points)', () => {
    // Round 1: A>B, C>D, E>F. Round 2: A>C, E>B, D>F. A and E (6, never met): Buchholz A = B 0 +
    // C 3 = 3, E = F 0 + B 0 = 0, so A is first although E is rated higher. C and D (3) met: C won
    // (Buchholz C = D 3 + A 6 = 9, D = C 3 + F 0 = 3).
    // B and F (0, never met): Buchholz B = A 6 + E 6 = 12, F = E 6 + D 3 = 9.
    const games = [
      { a: 'A', b: 'B', result: 'a' as const }, { a: 'C', b: 'D', result: 'a' as const }, { a: 'E', b: 'F', result: 'a' as const },
      { a: 'A', b: 'C', result: 'a' as const }, { a: 'E', b: 'B', result: 'a' as const }, { a: 'D', b: 'F', result: 'a' as const },
    ];
    const rows = computeStandings('swiss', people(['A', 1000], ['B', 1000], ['C', 1000], ['D', 1000], ['E', 1900], ['F', 1900]), games);
    expect(rows.map((r) => [r.userId, r.points, r.buchholz])).toEqual([
      ['A', 6, 3], ['E', 6, 0], ['C', 3, 9], ['D', 3, 3], ['B', 0, 12], ['F', 0, 9],
    ]);
    const withBye = computeStandings('swiss', people(['A', 1000], ['B', 1000], ['G', 1000]), [{ a: 'A', b: 'B', result: 'a' }], ['G']);
    expect(withBye.map((r) => [r.userId, r.points, r.played])).toEqual([['A', 3, 1], ['G', 3, 0], ['B', 0, 1]]);
  });
});
