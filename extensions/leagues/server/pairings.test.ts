// Pairing tables: the circle method for 4–10 players, Swiss without rematches, the seeded bracket.
import { describe, expect, it } from 'vitest';
import { bracketOrder, eliminationFirstRound, eliminationNextRound, roundRobin, swissRound, swissRoundCount } from './pairings';

const players = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

describe('round robin (circle method)', () => {
  for (let n = 4; n <= 10; n++) {
    it(`${n} players: every pair exactly once, once a round${n % 2 ? ', one bye each' : ''}`, () => {
      const ids = players(n);
      const rounds = roundRobin(ids);
      expect(rounds).toHaveLength(n % 2 === 0 ? n - 1 : n);
      const pairs = new Map<string, number>();
      const byes = new Map<string, number>();
      for (const round of rounds) {
        const seen = round.flatMap((p) => (p.b ? [p.a, p.b] : [p.a]));
        expect(new Set(seen).size).toBe(seen.length); // nobody twice in a round
        expect(seen.sort()).toEqual([...ids].sort()); // everybody in every round (or on a bye)
        for (const p of round) {
          if (!p.b) byes.set(p.a, (byes.get(p.a) ?? 0) + 1);
          else {
            const key = [p.a, p.b].sort().join('-');
            pairs.set(key, (pairs.get(key) ?? 0) + 1);
          }
        }
      }
      expect(pairs.size).toBe((n * (n - 1)) / 2);
      expect([...pairs.values()].every((c) => c === 1)).toBe(true);
      if (n % 2) expect([...byes.values()]).toEqual(Array(n).fill(1));
      else expect(byes.size).toBe(0);
    });
  }
  it('matches the circle table for 4 players', () => {
    expect(roundRobin(players(4))).toEqual([
      [{ a: 'p1', b: 'p4' }, { a: 'p2', b: 'p3' }],
      [{ a: 'p3', b: 'p1' }, { a: 'p4', b: 'p2' }],
      [{ a: 'p1', b: 'p2' }, { a: 'p3', b: 'p4' }],
    ]);
  });
});

describe('single-elimination bracket', () => {
  it('seeds 8 as 1v8, 4v5, 2v7, 3v6', () => {
    expect(bracketOrder(8)).toEqual([1, 8, 4, 5, 2, 7, 3, 6]);
    expect(eliminationFirstRound(players(8))).toEqual([
      { a: 'p1', b: 'p8' }, { a: 'p4', b: 'p5' }, { a: 'p2', b: 'p7' }, { a: 'p3', b: 'p6' },
    ]);
    expect(bracketOrder(16).slice(0, 4)).toEqual([1, 16, 8, 9]);
  });
  it('gives byes to the top seeds when the count is not a power of two', () => {
    expect(eliminationFirstRound(players(6))).toEqual([
      { a: 'p1', b: null }, { a: 'p4', b: 'p5' }, { a: 'p2', b: null }, { a: 'p3', b: 'p6' },
    ]);
    expect(eliminationFirstRound(players(5))).toEqual([
      { a: 'p1', b: null }, { a: 'p4', b: 'p5' }, { a: 'p2', b: null }, { a: 'p3', b: null },
    ]);
    expect(eliminationFirstRound(players(2))).toEqual([{ a: 'p1', b: 'p2' }]);
  });
  it('pairs winners of neighbouring slots in the next round', () => {
    expect(eliminationNextRound(['p1', 'p4', 'p2', 'p3'])).toEqual([{ a: 'p1', b: 'p4' }, { a: 'p2', b: 'p3' }]);
  });
});

describe('swiss', () => {
  const entrant = (userId: string, points: number, rating = 1200) => ({ userId, points, rating });

  it('pairs by score, best against next best', () => {
    const round = swissRound([entrant('a', 3), entrant('b', 0), entrant('c', 3), entrant('d', 0)], [{ a: 'a', b: 'b' }, { a: 'c', b: 'd' }]);
    expect(round).toEqual([{ a: 'a', b: 'c' }, { a: 'b', b: 'd' }]);
  });
  it('never pairs a rematch, backtracking when the greedy choice leaves no pairing', () => {
    // Greedy would pair a–b and leave c–d, who have met; the only full pairing is a–c, b–d... which
    // also met, so a–d and b–c it must be.
    const previous = [{ a: 'a', b: 'b' }, { a: 'c', b: 'd' }, { a: 'a', b: 'c' }, { a: 'b', b: 'd' }];
    const round = swissRound([entrant('a', 6), entrant('b', 6), entrant('c', 3), entrant('d', 0)], previous);
    expect(round).toEqual([{ a: 'a', b: 'd' }, { a: 'b', b: 'c' }]);
  });
  it('gives the bye to the lowest-ranked player who has not had one', () => {
    const round = swissRound([entrant('a', 3), entrant('b', 3), entrant('c', 0), entrant('d', 3), entrant('e', 0)], [], new Set(['e']));
    expect(round?.at(-1)).toEqual({ a: 'c', b: null });
  });
  it('plays ⌈log2 n⌉ rounds for 8 players with no rematch, and says when no pairing is left', () => {
    expect(swissRoundCount(8)).toBe(3);
    expect(swissRoundCount(9)).toBe(4);
    const ids = players(8);
    const points = new Map(ids.map((id) => [id, 0]));
    const played: Array<{ a: string; b: string }> = [];
    for (let r = 0; r < 7; r++) {
      const round = swissRound(ids.map((id, i) => entrant(id, points.get(id)!, 2000 - i)), played)!;
      expect(round).not.toBeNull();
      for (const p of round) {
        played.push({ a: p.a, b: p.b! });
        points.set(p.a, points.get(p.a)! + 3); // the higher-ranked player wins
      }
    }
    const keys = played.map((p) => [p.a, p.b].sort().join('-'));
    expect(new Set(keys).size).toBe(28); // 7 rounds of 8 = every pair once, no rematch
    expect(swissRound(ids.map((id) => entrant(id, 0)), played)).toBeNull();
  });
});
