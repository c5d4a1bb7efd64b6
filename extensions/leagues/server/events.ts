// Events of the leagues extension (see server/events/catalogue.ts).
import { z } from 'zod';
import { eventType } from '../../../server/extensions/api';

const change = z.object({ before: z.number(), after: z.number() });

export const matchStarted = eventType({
  type: 'match.started',
  description: 'A fixture was paired and can be played: every round-robin fixture when the league starts, Swiss and knockout rounds as the round before them completes.',
  data: z.object({
    matchId: z.string(),
    leagueId: z.string(),
    game: z.string(),
    round: z.number().int().nullable(),
    playerA: z.string(),
    playerB: z.string(),
  }),
});

export const matchCompleted = eventType({
  type: 'match.completed',
  description: 'A match result was recorded and both players’ Elo ratings changed (unrounded ratings).',
  data: z.object({
    matchId: z.string(),
    leagueId: z.string(),
    game: z.string(),
    round: z.number().int().nullable(),
    playerA: z.string(),
    playerB: z.string(),
    result: z.enum(['a', 'b', 'draw']),
    ratings: z.object({ a: change, b: change }),
  }),
});
