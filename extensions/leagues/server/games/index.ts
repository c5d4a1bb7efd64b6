// The games registry: one line per game. Adding a game is one file in this folder and one line here.
import { invalidField } from '../../../../server/extensions/api';
import type { GameDefinition } from './definition';
import { chess } from './chess';
import { checkers } from './checkers';
import { ticTacToe } from './tic-tac-toe';

export type { GameDefinition, MatchResult, SubmittedMoves } from './definition';

const definitions: GameDefinition[] = [chess, ticTacToe, checkers];

const registry = new Map<string, GameDefinition>();
for (const game of definitions) {
  // A duplicate code is a programming error: it stops start-up rather than shadowing a game.
  if (registry.has(game.code)) throw new Error(`Duplicate game "${game.code}"`);
  registry.set(game.code, game);
}

export const games = (): GameDefinition[] => [...registry.values()];
export const findGame = (code: string): GameDefinition | undefined => registry.get(code);

/** The game named by `code`, or a 400 on `field` listing the games there are. */
export function gameOrFail(code: string, field = 'game'): GameDefinition {
  const game = findGame(code);
  if (!game) throw invalidField(field, `${code} is not a game (${games().map((g) => g.code).join(', ')})`);
  return game;
}
