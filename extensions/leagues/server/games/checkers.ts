// Checkers (English draughts): 8×8, squares numbered 1–32 from player A's side; player A plays the
// dark pieces on 1–12 and moves first. Moves are "11-15", jumps "15x24" or "15x24x31". Captures are
// compulsory and a jump sequence must be completed; a man reaching the far row is crowned and its
// move ends. A side with no legal move has lost; a position seen three times with the same side to
// move, or 40 moves each without a capture or a man's move, is a draw.
import { compareOutcome, invalid, type GameDefinition, type MatchResult } from './definition';

type Side = 'a' | 'b';
interface Piece {
  side: Side;
  king: boolean;
}
type Board = Array<Piece | null>; // index = square − 1

const coords = (square: number) => {
  const row = Math.floor((square - 1) / 4);
  const col = 2 * ((square - 1) % 4) + (row % 2 === 0 ? 1 : 0);
  return { row, col };
};
const squareAt = (row: number, col: number): number | undefined => {
  if (row < 0 || row > 7 || col < 0 || col > 7 || (row + col) % 2 === 0) return undefined;
  return row * 4 + Math.floor(col / 2) + 1;
};

function directions(piece: Piece): Array<[number, number]> {
  const forward = piece.side === 'a' ? 1 : -1;
  const dirs: Array<[number, number]> = [[forward, -1], [forward, 1]];
  if (piece.king) dirs.push([-forward, -1], [-forward, 1]);
  return dirs;
}

/** Squares a piece on `from` can jump to, with the square it jumps over. */
function jumpsFrom(board: Board, from: number): Array<{ to: number; over: number }> {
  const piece = board[from - 1];
  if (!piece) return [];
  const { row, col } = coords(from);
  const found: Array<{ to: number; over: number }> = [];
  for (const [dr, dc] of directions(piece)) {
    const over = squareAt(row + dr, col + dc);
    const to = squareAt(row + 2 * dr, col + 2 * dc);
    if (over && to && board[over - 1] && board[over - 1]!.side !== piece.side && !board[to - 1]) found.push({ to, over });
  }
  return found;
}

function stepsFrom(board: Board, from: number): number[] {
  const piece = board[from - 1];
  if (!piece) return [];
  const { row, col } = coords(from);
  return directions(piece)
    .map(([dr, dc]) => squareAt(row + dr, col + dc))
    .filter((to): to is number => to !== undefined && !board[to - 1]);
}

const squaresOf = (board: Board, side: Side) =>
  board.flatMap((p, i) => (p?.side === side ? [i + 1] : []));
const mustCapture = (board: Board, side: Side) => squaresOf(board, side).some((s) => jumpsFrom(board, s).length > 0);
const hasMove = (board: Board, side: Side) =>
  squaresOf(board, side).some((s) => jumpsFrom(board, s).length > 0 || stepsFrom(board, s).length > 0);
const crownRow = (side: Side) => (side === 'a' ? 7 : 0);

function initialBoard(): Board {
  return Array.from({ length: 32 }, (_, i) => (i < 12 ? { side: 'a', king: false } : i >= 20 ? { side: 'b', king: false } : null));
}

const positionKey = (board: Board, toMove: Side) =>
  toMove + board.map((p) => (p ? (p.king ? p.side.toUpperCase() : p.side) : '.')).join('');

/** Plays one move for `side`; returns an error text, or whether it was a capture or a man's move. */
function play(board: Board, side: Side, move: string): string | { progress: boolean } {
  const m = /^\s*(\d{1,2})((?:\s*[-x]\s*\d{1,2})+)\s*$/i.exec(move);
  if (!m) return 'is not in the form 11-15 or 15x24';
  const squares = [Number(m[1]), ...[...m[2]!.matchAll(/\d{1,2}/g)].map((d) => Number(d[0]))];
  if (squares.some((s) => s < 1 || s > 32)) return 'names a square outside 1–32';
  const isJump = m[2]!.includes('x') || m[2]!.includes('X');
  const from = squares[0]!;
  const piece = board[from - 1];
  if (!piece || piece.side !== side) return `has no piece of the mover on square ${from}`;
  if (!isJump) {
    if (squares.length !== 2) return 'is a plain move with more than one step';
    if (mustCapture(board, side)) return 'is not a capture, but a capture is compulsory';
    if (!stepsFrom(board, from).includes(squares[1]!)) return 'is not a diagonal step to a free square';
    board[squares[1]! - 1] = piece;
    board[from - 1] = null;
    const crowned = !piece.king && coords(squares[1]!).row === crownRow(side);
    if (crowned) board[squares[1]! - 1] = { side, king: true };
    return { progress: !piece.king };
  }
  let at = from;
  for (const to of squares.slice(1)) {
    const jump = jumpsFrom(board, at).find((j) => j.to === to);
    if (!jump) return `jumps from ${at} to ${to}, which is not a capture`;
    board[to - 1] = board[at - 1]!;
    board[at - 1] = null;
    board[jump.over - 1] = null;
    at = to;
    if (!piece.king && coords(at).row === crownRow(side)) {
      board[at - 1] = { side, king: true };
      if (to !== squares.at(-1)) return 'continues after the man was crowned, which ends the move';
      return { progress: true };
    }
  }
  if (jumpsFrom(board, at).length > 0) return 'stops before the jump sequence is complete';
  return { progress: true };
}

export const checkers = {
  code: 'checkers',
  name: 'Checkers',
  xpPerGame: 15,
  typicalMinutes: 20,
  validateResult(moves, claimed) {
    if (typeof moves === 'string') return invalid('checkers moves are a list such as ["11-15", "23-19"]');
    const board = initialBoard();
    const seen = new Map<string, number>([[positionKey(board, 'a'), 1]]);
    let quietPlies = 0;
    let outcome: MatchResult | 'unfinished' = 'unfinished';
    for (const [i, move] of moves.entries()) {
      if (outcome !== 'unfinished') return invalid(`move ${i + 1} (${move}) comes after the game ended`);
      const side: Side = i % 2 === 0 ? 'a' : 'b';
      const played = play(board, side, move);
      if (typeof played === 'string') return invalid(`move ${i + 1} (${move}) ${played}`);
      quietPlies = played.progress ? 0 : quietPlies + 1;
      const next: Side = side === 'a' ? 'b' : 'a';
      const key = positionKey(board, next);
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (!hasMove(board, next)) outcome = side;
      else if (count >= 3 || quietPlies >= 80) outcome = 'draw';
    }
    return compareOutcome(outcome, claimed);
  },
} satisfies GameDefinition;

/** Every complete jump sequence a piece on `from` can make, as move texts ("15x24x31"). */
function jumpSequences(board: Board, from: number): string[] {
  const piece = board[from - 1]!;
  const sequences: string[] = [];
  for (const jump of jumpsFrom(board, from)) {
    const after = board.slice();
    after[jump.to - 1] = piece;
    after[from - 1] = null;
    after[jump.over - 1] = null;
    const crowned = !piece.king && coords(jump.to).row === crownRow(piece.side);
    const further = crowned ? [] : jumpSequences(after, jump.to);
    if (further.length === 0) sequences.push(`${from}x${jump.to}`);
    else for (const rest of further) sequences.push(`${from}x${rest}`);
  }
  return sequences;
}

/** The legal moves after a sequence of legal moves (for clients that offer moves, and for tests). */
export function checkersLegalMoves(history: string[]): string[] {
  const board = initialBoard();
  for (const [i, move] of history.entries()) {
    const played = play(board, i % 2 === 0 ? 'a' : 'b', move);
    if (typeof played === 'string') throw new Error(`move ${i + 1} (${move}) ${played}`);
  }
  const side: Side = history.length % 2 === 0 ? 'a' : 'b';
  const squares = squaresOf(board, side);
  const jumps = squares.flatMap((s) => jumpSequences(board, s));
  if (jumps.length) return jumps;
  return squares.flatMap((s) => stepsFrom(board, s).map((to) => `${s}-${to}`));
}
