// Tic-tac-toe: player A is X and moves first. Cells are named a1…c3 (column a–c, row 1–3).
import { compareOutcome, invalid, type GameDefinition, type MatchResult } from './definition';

const lines = [
  [0, 1, 2], [3, 4, 5], [6, 7, 8],
  [0, 3, 6], [1, 4, 7], [2, 5, 8],
  [0, 4, 8], [2, 4, 6],
];

function cellIndex(move: string): number | undefined {
  const m = /^([abc])([123])$/i.exec(move.trim());
  if (!m) return undefined;
  return (Number(m[2]) - 1) * 3 + 'abc'.indexOf(m[1]!.toLowerCase());
}

export const ticTacToe = {
  code: 'tic-tac-toe',
  name: 'Tic-tac-toe',
  xpPerGame: 5,
  typicalMinutes: 5,
  validateResult(moves, claimed) {
    if (typeof moves === 'string') return invalid('tic-tac-toe moves are a list of cells (a1…c3)');
    const board: Array<'a' | 'b' | null> = Array(9).fill(null);
    let outcome: MatchResult | 'unfinished' = 'unfinished';
    for (const [i, move] of moves.entries()) {
      if (outcome !== 'unfinished') return invalid(`move ${i + 1} (${move}) comes after the game ended`);
      const cell = cellIndex(move);
      if (cell === undefined) return invalid(`move ${i + 1} (${move}) is not a cell a1…c3`);
      if (board[cell]) return invalid(`move ${i + 1} (${move}) is on a taken cell`);
      const player = i % 2 === 0 ? 'a' : 'b';
      board[cell] = player;
      if (lines.some((line) => line.every((c) => board[c] === player))) outcome = player;
      else if (board.every(Boolean)) outcome = 'draw';
    }
    return compareOutcome(outcome, claimed);
  },
} satisfies GameDefinition;
