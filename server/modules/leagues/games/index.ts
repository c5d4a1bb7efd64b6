// The games registry: one line per game. Adding a game is one file in this folder and one line here.
import type { GameDefinition } from './definition';
import { chess } from './chess';
import { checkers } from './checkers';
import { ticTacToe } from './tic-tac-toe';

export type { GameDefinition, MatchResult, SubmittedMoves } from './definition';

const definitions: GameDefinition[] = [chess, ticTacToe, checkers];

const registry = new Map<string, GameDefinition>();
for (const game of definitions) {
  if (registry.has(game.code)) throw new Error(`Game ${game.code} is registered twice`);
  registry.set(game.code, game);
}

export const games = (): GameDefinition[] => [...registry.values()];
export const findGame = (code: string): GameDefinition | undefined => registry.get(code);
