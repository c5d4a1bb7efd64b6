// Elo ratings as CONTRACT.md fixes them: E = 1 / (1 + 10^((Rb − Ra)/400)), R' = R + K·(S − E).
// Shared by the leagues, the code challenges and the domain portfolio (pairwise comparisons).
// Ratings are kept unrounded; only display rounds them.
/** Who won a pairing: a, b, or neither. */
export type MatchResult = 'a' | 'b' | 'draw';

export const STARTING_RATING = 1200;
export const DEFAULT_K_FACTOR = 32;

export const expectedScore = (rating: number, opponent: number) => 1 / (1 + 10 ** ((opponent - rating) / 400));

/** Player A's score: 1 for a win, ½ for a draw, 0 for a loss. */
export const scoreOfA = (result: MatchResult) => (result === 'a' ? 1 : result === 'draw' ? 0.5 : 0);

export interface RatingChange {
  a: { before: number; after: number };
  b: { before: number; after: number };
}

export function rateMatch(ratingA: number, ratingB: number, result: MatchResult, k = DEFAULT_K_FACTOR): RatingChange {
  const sA = scoreOfA(result);
  return {
    a: { before: ratingA, after: ratingA + k * (sA - expectedScore(ratingA, ratingB)) },
    b: { before: ratingB, after: ratingB + k * (1 - sA - expectedScore(ratingB, ratingA)) },
  };
}
