// What a game is to the leagues: its code, its name, the XP a game is worth, and how a claimed
// result is checked against the moves that were played. Each game is one file in this folder.
export type { MatchResult } from '../../../../shared/elo';
import type { MatchResult } from '../../../../shared/elo';

/**
 * Moves as submitted: a list of moves in the game's own notation, or (chess) a whole PGN text.
 * Player A moves first (white in chess, X in tic-tac-toe, black in checkers).
 */
export type SubmittedMoves = string | string[];

export type ValidationOutcome = { ok: true } | { ok: false; reason: string };

export interface GameDefinition {
  code: string;
  name: string;
  /** XP for playing one game; a win doubles it (SEED-DATA.md "Games"). */
  xpPerGame: number;
  /** About how long a game takes, for display. */
  typicalMinutes: number;
  /**
   * Checks that the moves are legal and that the game ended on the board with the claimed
   * result (a win for the side that won, or a draw the rules recognise).
   */
  validateResult(moves: SubmittedMoves, claimedResult: MatchResult): ValidationOutcome;
}

export const invalid = (reason: string): ValidationOutcome => ({ ok: false, reason });
export const valid: ValidationOutcome = { ok: true };

/** The result a finished board shows, compared with the claim in one wording for every game. */
export function compareOutcome(actual: MatchResult | 'unfinished', claimed: MatchResult): ValidationOutcome {
  if (actual === 'unfinished') return invalid('the moves do not end the game (no win or recognised draw on the board)');
  if (actual !== claimed) {
    const says = actual === 'draw' ? 'a draw' : `a win for player ${actual.toUpperCase()}`;
    return invalid(`the moves end in ${says}, not the claimed result`);
  }
  return valid;
}
