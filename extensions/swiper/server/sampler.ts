// Weighted random draws without replacement, from a random source that a seed can fix.
//
// Each pick takes one uniform number u in [0, 1) and walks the remaining items' cumulative weights:
// item i is chosen with probability weight_i / (sum of remaining weights). Drawn items leave the
// pool, so no item comes twice in a pass. The random source of a draw is derived from
// (seed, deck, realm, swiper, pass, position): with CALOS_SWIPER_SEED set (tests, demos) the same
// swiper sees the same order; without it every pick uses the system's cryptographic random.
import { randomInt } from 'node:crypto';
import { Random } from '../../../server/extensions/api';

export interface Weighted {
  id: string;
  weight: number;
}

/** The index chosen by `u` in [0, 1) among `items` by weight (items must be non-empty, weights > 0). */
export function pickIndex(items: readonly Weighted[], u: number): number {
  let total = 0;
  for (const item of items) total += item.weight;
  let target = u * total;
  for (let i = 0; i < items.length; i++) {
    target -= items[i]!.weight;
    if (target < 0) return i;
  }
  return items.length - 1; // rounding at the very top of the range
}

/** Up to `n` items, drawn one after the other by weight, without replacement. */
export function drawWithoutReplacement<T extends Weighted>(items: readonly T[], n: number, random: () => number): T[] {
  const pool = [...items];
  const drawn: T[] = [];
  while (drawn.length < n && pool.length) {
    const [item] = pool.splice(pickIndex(pool, random()), 1);
    drawn.push(item!);
  }
  return drawn;
}

/** A uniform [0, 1) source: seeded (mulberry32 over the key) or, without a seed, the system's. */
export function randomSource(seed: string | null, key: readonly (string | number)[]): () => number {
  if (seed === null) return () => randomInt(0, 2 ** 47) / 2 ** 47;
  const random = new Random([seed, ...key].join('\u001f'));
  return () => random.next();
}
