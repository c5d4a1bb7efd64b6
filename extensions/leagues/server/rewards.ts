// XP for league games goes through the actions engine: a recorded game executes `play_<game>` for
// each player, or `win_<game>` for the winner (seeded with the game's XP, doubled for a win), inside
// the match transaction, so the XP, the action log and their events commit with the result. The
// actions' own limits apply (GAME_ACTION_DAILY_LIMITS in ../actions.ts), so results give XP only so
// often a day however they are recorded.
import type { Kernel, Tx } from '../../../server/extensions/api';
import type { Mode } from '../../../shared/schemas/developer';
import type { GameDefinition } from './games/index';

export interface MatchXp {
  userId: string;
  game: GameDefinition;
  won: boolean;
  mode: Mode;
  /** The league's application: a test league's XP goes to its sandbox. */
  applicationId: string | null;
  matchId: string;
}

/** The XP a game is worth to one player: the game's XP, doubled for a win (SEED-DATA.md). */
export const matchXp = (game: GameDefinition, won: boolean) => game.xpPerGame * (won ? 2 : 1);

/** The action a game result executes for a player: win_chess, play_tic_tac_toe … */
export const matchActionCode = (game: GameDefinition, won: boolean) => `${won ? 'win' : 'play'}_${game.code.replaceAll('-', '_')}`;

export async function awardMatchXp(trx: Tx, kernel: Kernel, award: MatchXp): Promise<void> {
  // A refusal (the day's wins or games are used up) leaves the result standing, rated, without XP:
  // it is logged as a failed execution with its action.failed event, like any refusal.
  await kernel.actions.tryExecute(trx, {
    scope: { mode: award.mode, applicationId: award.applicationId },
    userId: award.userId,
    actionCode: matchActionCode(award.game, award.won),
    params: { matchId: award.matchId, game: award.game.code, won: award.won },
    system: true,
  });
}
