// XP for league games. SEAM: XP must go through the actions engine (issue 8: "wins award XP via the
// actions engine"), which is being built in main. This is called inside the match transaction for
// both players; the lead wires it to actions.executeAction(trx, …) (e.g. an action per game such as
// `play_chess` whose award_xp effect grants xpPerGame, doubled for a win) when merging. Until then it
// records nothing.
import type { Tx } from '../../db/index';
import type { Mode } from '../../../shared/schemas/developer';
import type { GameDefinition } from './games/index';

export interface MatchXp {
  userId: string;
  game: GameDefinition;
  won: boolean;
  mode: Mode;
  matchId: string;
}

/** The XP a game is worth to one player: the game's XP, doubled for a win (SEED-DATA.md). */
export const matchXp = (game: GameDefinition, won: boolean) => game.xpPerGame * (won ? 2 : 1);

export async function awardMatchXp(_trx: Tx, _award: MatchXp): Promise<void> {
  // Intentionally empty until the actions engine lands (see the header comment).
}
