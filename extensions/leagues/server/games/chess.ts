// Chess, checked with chess.js: a PGN text or a list of SAN/UCI moves, replayed from the start.
import { Chess } from 'chess.js';
import { compareOutcome, invalid, type GameDefinition, type MatchResult } from './definition';

const pgnResults: Record<string, MatchResult> = { '1-0': 'a', '0-1': 'b', '1/2-1/2': 'draw' };

export const chess = {
  code: 'chess',
  name: 'Chess',
  xpPerGame: 20,
  typicalMinutes: 30,
  validateResult(moves, claimed) {
    const board = new Chess();
    if (typeof moves === 'string') {
      try {
        board.loadPgn(moves);
      } catch (err) {
        return invalid(`the PGN does not parse or holds an illegal move (${(err as Error).message.slice(0, 120)})`);
      }
      // A PGN that states its own result must state the claimed one.
      const stated = pgnResults[board.getHeaders().Result ?? ''];
      if (stated && stated !== claimed) return invalid('the PGN Result tag contradicts the claimed result');
    } else {
      for (const [i, move] of moves.entries()) {
        try {
          board.move(move, { strict: false });
        } catch {
          return invalid(`move ${i + 1} (${move}) is not legal`);
        }
      }
    }
    // White is player A. A checkmated side to move lost; a draw is any the rules recognise.
    if (board.isCheckmate()) return compareOutcome(board.turn() === 'w' ? 'b' : 'a', claimed);
    if (board.isDraw()) return compareOutcome('draw', claimed);
    return compareOutcome('unfinished', claimed);
  },
} satisfies GameDefinition;
