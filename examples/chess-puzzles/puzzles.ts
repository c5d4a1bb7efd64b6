// The puzzles: mate-in-one positions, checked with chess.js. Any move that mates counts.
import { Chess } from 'chess.js';

export interface Puzzle {
  id: string;
  title: string;
  fen: string;
  difficulty: 'easy' | 'medium' | 'hard';
  xp: number;
}

export const puzzles: Puzzle[] = [
  { id: 'back-rank', title: 'The back rank', fen: '6k1/5ppp/8/8/8/8/5PPP/3R2K1 w - - 0 1', difficulty: 'easy', xp: 50 },
  { id: 'scholars-mate', title: 'Scholar’s mate', fen: 'r1bqkbnr/ppp2ppp/2np4/4p3/2B1P3/5Q2/PPPP1PPP/RNB1K1NR w KQkq - 0 4', difficulty: 'medium', xp: 100 },
  { id: 'queen-and-king', title: 'Queen and king', fen: 'k7/8/1K6/8/8/8/8/7Q w - - 0 1', difficulty: 'hard', xp: 150 },
];

/** Whether `move` (SAN like "Rd8#" or from-to like "d1d8") mates in the puzzle's position. */
export function solves(puzzle: Puzzle, move: string): boolean {
  const board = new Chess(puzzle.fen);
  try {
    board.move(/^[a-h][1-8][a-h][1-8][qrbn]?$/.test(move) ? { from: move.slice(0, 2), to: move.slice(2, 4), promotion: move[4] } : move);
  } catch {
    return false; // not a legal move here
  }
  return board.isCheckmate();
}
