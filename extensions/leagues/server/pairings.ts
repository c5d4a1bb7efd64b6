// Who plays whom: round robin by the circle method, Swiss by score without rematches, and the seeded
// single-elimination bracket. Pure functions over player ids; a `null` opponent is a bye.
export interface Pairing {
  a: string;
  b: string | null;
}

/**
 * Round robin by the circle method: the first player stays put while the others rotate one place a
 * round, so in n − 1 rounds (n even; a bye makes n even) every pair meets exactly once. The fixed
 * player's colour alternates by round so that no one is always player A.
 */
export function roundRobin(players: readonly string[]): Pairing[][] {
  if (players.length < 2) return [];
  const circle: Array<string | null> = players.length % 2 === 0 ? [...players] : [...players, null];
  const n = circle.length;
  const rounds: Pairing[][] = [];
  for (let round = 0; round < n - 1; round++) {
    const pairs: Pairing[] = [];
    for (let i = 0; i < n / 2; i++) {
      let home = circle[i]!;
      let away = circle[n - 1 - i]!;
      if (i === 0 && round % 2 === 1) [home, away] = [away, home];
      if (home === null) [home, away] = [away, home];
      pairs.push({ a: home!, b: away });
    }
    rounds.push(pairs);
    circle.splice(1, 0, circle.pop()!); // rotate everyone but the first
  }
  return rounds;
}

export interface SwissEntrant {
  userId: string;
  points: number;
  rating: number;
}

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/**
 * One Swiss round: players ranked by points (then rating), each paired with the highest-ranked
 * player still free whom they have not met, backtracking when the rest cannot be paired. With an
 * odd count the lowest-ranked player who has not had a bye sits out. Returns null when no pairing
 * without a rematch exists (the tournament has run out of rounds).
 */
export function swissRound(
  entrants: readonly SwissEntrant[],
  previous: ReadonlyArray<{ a: string; b: string }>,
  hadBye: ReadonlySet<string> = new Set(),
): Pairing[] | null {
  const ranked = [...entrants].sort((x, y) => y.points - x.points || y.rating - x.rating || x.userId.localeCompare(y.userId));
  const met = new Set(previous.map((p) => pairKey(p.a, p.b)));
  const ids = ranked.map((e) => e.userId);

  const pairRest = (free: string[]): Pairing[] | null => {
    if (free.length === 0) return [];
    const [first, ...rest] = free;
    for (let j = 0; j < rest.length; j++) {
      if (met.has(pairKey(first!, rest[j]!))) continue;
      const tail = pairRest([...rest.slice(0, j), ...rest.slice(j + 1)]);
      if (tail) return [{ a: first!, b: rest[j]! }, ...tail];
    }
    return null;
  };

  if (ids.length % 2 === 0) return pairRest(ids);
  for (let i = ids.length - 1; i >= 0; i--) {
    if (hadBye.has(ids[i]!)) continue;
    const paired = pairRest([...ids.slice(0, i), ...ids.slice(i + 1)]);
    if (paired) return [...paired, { a: ids[i]!, b: null }];
  }
  return null;
}

/** Rounds a Swiss tournament plays: enough for one player to be alone on top, ⌈log2 n⌉. */
export const swissRoundCount = (players: number) => Math.max(1, Math.ceil(Math.log2(Math.max(2, players))));

/**
 * Seeds in bracket order for a bracket of `size` (a power of two): [1, 2] → [1, 4, 2, 3] →
 * [1, 8, 4, 5, 2, 7, 3, 6]; each seed meets size + 1 − seed in round one, and seeds 1 and 2 can meet
 * only in the final.
 */
export function bracketOrder(size: number): number[] {
  let order = [1];
  while (order.length < size) {
    const next = order.length * 2 + 1;
    order = order.flatMap((seed) => [seed, next - seed]);
  }
  return order;
}

/**
 * The first round of a single-elimination bracket for players in seed order (best first). The
 * bracket is the next power of two; the missing seeds are byes, which go to the top seeds.
 */
export function eliminationFirstRound(seeded: readonly string[]): Pairing[] {
  let size = 1;
  while (size < seeded.length) size *= 2;
  const order = bracketOrder(Math.max(2, size));
  const pairs: Pairing[] = [];
  for (let i = 0; i < order.length; i += 2) {
    const x = seeded[order[i]! - 1] ?? null;
    const y = seeded[order[i + 1]! - 1] ?? null;
    if (x === null && y === null) continue;
    pairs.push(x === null ? { a: y!, b: null } : { a: x, b: y });
  }
  return pairs;
}

/** The next knockout round: the winners of slots 2i and 2i + 1 of the previous round meet. */
export function eliminationNextRound(winnersInSlotOrder: readonly string[]): Pairing[] {
  const pairs: Pairing[] = [];
  for (let i = 0; i < winnersInSlotOrder.length; i += 2) {
    pairs.push({ a: winnersInSlotOrder[i]!, b: winnersInSlotOrder[i + 1] ?? null });
  }
  return pairs;
}
