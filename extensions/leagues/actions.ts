// The games' actions: the leagues run them when a result is recorded (system-only), for the XP a
// game gives (SEED-DATA: chess 20 XP, checkers 15, tic-tac-toe 5; a win doubles it).
import type { SeedAction } from '../../server/extensions/api';

/**
 * How many recorded games (`play_`) and wins (`win_`) give XP per user and day: past them a result
 * still counts for Elo and standings, without XP, so farmed results cannot buy levels (migration
 * 20261206000003 gives deployed databases the same limits).
 */
export const GAME_ACTION_DAILY_LIMITS = { play: 20, win: 10 } as const;

const gameAction = (code: string, name: string, description: string, xp: number): SeedAction => ({
  code,
  name,
  category: 'gaming',
  cooldownSeconds: 0,
  dailyLimit: GAME_ACTION_DAILY_LIMITS[code.startsWith('win_') ? 'win' : 'play'],
  description,
  effects: [
    { effectCode: 'award_xp', effectParams: { skillId: 'analytics', xpAmount: xp } },
    { effectCode: 'check_achievements', effectParams: {} },
  ],
  systemOnly: true,
});

export const gameActions: SeedAction[] = [
  gameAction('play_chess', 'Play a chess game', 'A recorded league game of chess.', 20),
  gameAction('win_chess', 'Win a chess game', 'A won league game of chess.', 40),
  gameAction('play_checkers', 'Play a checkers game', 'A recorded league game of checkers.', 15),
  gameAction('win_checkers', 'Win a checkers game', 'A won league game of checkers.', 30),
  gameAction('play_tic_tac_toe', 'Play a tic-tac-toe game', 'A recorded league game of tic-tac-toe.', 5),
  gameAction('win_tic_tac_toe', 'Win a tic-tac-toe game', 'A won league game of tic-tac-toe.', 10),
];
