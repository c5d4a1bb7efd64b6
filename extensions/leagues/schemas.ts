// Game leagues: games, leagues, registration, fixtures, match results, standings and Elo ratings,
// shared by server and client. Ratings are stored unrounded and shown rounded (CONTRACT.md).
import { z } from 'zod';
import { listInput, text, timestamp, uuid } from '../../shared/schemas/primitives';
import { mode } from '../../shared/schemas/developer';

export const leagueFormat = z.enum(['round_robin', 'swiss', 'single_elimination', 'open']);
export type LeagueFormat = z.infer<typeof leagueFormat>;
export const leagueStatus = z.enum(['registration', 'running', 'completed']);
export const matchResult = z.enum(['a', 'b', 'draw']).describe('`a`: player A won, `b`: player B won, `draw`.');
export const gameCode = text(40, 1).describe('A game code from GET /api/leagues/games.');

export const gameOutput = z.object({
  code: z.string(),
  name: z.string(),
  xpPerGame: z.number().int().describe('XP for a game played; a win doubles it.'),
  typicalMinutes: z.number().int(),
});
export const gamesOutput = z.object({ items: z.array(gameOutput) });

export const leagueOutput = z.object({
  id: uuid(),
  game: z.string(),
  name: z.string(),
  tier: z.string(),
  format: leagueFormat,
  status: leagueStatus,
  mode,
  startDate: timestamp(),
  endDate: timestamp(),
  maxParticipants: z.number().int(),
  participantCount: z.number().int(),
  kFactor: z.number(),
  currentRound: z.number().int().describe('The round being played (0 before the start; open leagues stay at 0).'),
  totalRounds: z.number().int().nullable(),
  registrationOpen: z.boolean(),
  createdAt: timestamp(),
  startedAt: timestamp().nullable(),
  completedAt: timestamp().nullable(),
});
export type League = z.infer<typeof leagueOutput>;

/** Defaults of a league created without them (the seed's `leagues.create({ game, tier, startDate })`). */
export const LEAGUE_DEFAULTS = { format: 'open', tier: 'open', maxParticipants: 64, kFactor: 32, lengthDays: 30 } as const;

/**
 * A league's start or end: an ISO-8601 instant with a zone, or a date alone (YYYY-MM-DD), which is
 * the start of that day in UTC (read it with `leagueInstant`).
 */
/** The instant a league date names: a date alone is 00:00 UTC that day. */
export const leagueInstant = (value: string): Date => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

/** League dates lie in years 2000–8999, so a default end (a month on) or a round is always a date. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 8999;
const leagueDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine((value) => {
    const year = leagueInstant(value).getUTCFullYear();
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }, `must be in the years ${FIRST_YEAR}–${LAST_YEAR}`);

export const createLeagueInput = z
  .strictObject({
    game: gameCode,
    name: text(100, 1)
      .optional()
      .describe('Default: the game, tier and month of the start in UTC, e.g. "Chess bronze league, November 2025".'),
    tier: text(40, 1).default(LEAGUE_DEFAULTS.tier).describe('A label such as bronze, silver, gold.'),
    startDate: leagueDate.describe(
      'When the league starts by itself (an operator may start it earlier): an ISO-8601 instant with a zone, or a date alone (YYYY-MM-DD), taken as 00:00 UTC that day. ' +
        'A start that is not in the future starts the league at once; only an `open` league can, since the other formats need their players before the start.',
    ),
    endDate: leagueDate.optional().describe(`Same forms as startDate; default ${LEAGUE_DEFAULTS.lengthDays} days after the start.`),
    format: leagueFormat
      .default(LEAGUE_DEFAULTS.format)
      .describe('Default `open`: players join and play at any time, also after the start; the other formats draw fixtures at the start.'),
    maxParticipants: z.number().int().min(2).max(10_000).default(LEAGUE_DEFAULTS.maxParticipants).describe('Default 64 (a round robin takes at most 100).'),
    kFactor: z.number().min(1).max(100).default(LEAGUE_DEFAULTS.kFactor).describe('Elo K-factor, default 32.'),
  })
  .refine((l) => l.endDate === undefined || leagueInstant(l.endDate) > leagueInstant(l.startDate), { path: ['endDate'], message: 'must be after startDate' });

export const leagueIdInput = z.strictObject({ leagueId: uuid() });

export const listLeaguesInput = z.strictObject({
  game: gameCode.optional(),
  status: leagueStatus.optional(),
  ...listInput,
});
export const leaguesOutput = z.object({ items: z.array(leagueOutput), nextCursor: z.string().nullable() });

export const registerInput = z.strictObject({
  leagueId: uuid(),
  userId: uuid()
    .optional()
    .describe('The user to register: required with an API key, allowed for an administrator; other signed-in users register themselves.'),
});
export const participantOutput = z.object({
  leagueId: uuid(),
  userId: uuid(),
  username: z.string(),
  registeredAt: timestamp(),
});

export const fixtureStatus = z.enum(['scheduled', 'pending', 'completed', 'bye']);
export const fixtureOutput = z.object({
  id: uuid(),
  round: z.number().int().nullable(),
  slot: z.number().int().nullable(),
  playerA: uuid(),
  playerB: uuid().nullable().describe('Null for a bye.'),
  status: fixtureStatus.describe('`pending`: one player reported a result, awaiting the other.'),
  result: matchResult.nullable(),
  recordedAt: timestamp().nullable(),
});
export const leagueDetailOutput = z.object({
  league: leagueOutput,
  participants: z.array(participantOutput),
  fixtures: z.array(fixtureOutput),
});
export const startLeagueOutput = z.object({ league: leagueOutput, fixtures: z.array(fixtureOutput) });

export const moves = z
  .union([text(100_000), z.array(text(40, 1)).max(2000)])
  .describe('Chess: a PGN text or a list of SAN/UCI moves; tic-tac-toe: cells a1…c3; checkers: "11-15", "15x24". Player A moves first.');

export const recordMatchInput = z
  .strictObject({
    leagueId: uuid(),
    playerA: uuid(),
    playerB: uuid(),
    result: matchResult,
    moves: moves.optional().describe('When given, the moves must be legal and end the game with the claimed result.'),
  })
  .refine((m) => m.playerA !== m.playerB, { path: ['playerB'], message: 'must differ from playerA' });

const ratingChange = z.object({
  before: z.number().int().describe('Rounded for display.'),
  after: z.number().int(),
  exact: z.object({ before: z.number(), after: z.number() }).describe('The stored, unrounded ratings.'),
});
export const recordMatchOutput = z.object({
  match: z.object({
    id: uuid(),
    leagueId: uuid(),
    round: z.number().int().nullable(),
    playerA: uuid().describe('As submitted (results and ratings read from this side).'),
    playerB: uuid(),
    result: matchResult,
    status: z.enum(['pending', 'completed']).describe('`pending`: recorded by one player, awaiting the other’s identical report.'),
    recordedAt: timestamp().nullable(),
  }),
  ratings: z.object({ a: ratingChange, b: ratingChange }).nullable().describe('Null while the match awaits confirmation.'),
});

export const standingsInput = z.strictObject({ leagueId: uuid() });
export const standingsOutput = z.object({
  items: z.array(
    z.object({
      rank: z.number().int(),
      userId: uuid(),
      username: z.string(),
      played: z.number().int(),
      won: z.number().int(),
      drawn: z.number().int(),
      lost: z.number().int(),
      points: z.number().int(),
      rating: z.number().int(),
      tieBreaks: z.object({ headToHead: z.number(), sonnebornBerger: z.number(), buchholz: z.number() }),
    }),
  ),
});

export const leaderboardInput = z.strictObject({ game: gameCode, ...listInput });
export const leaderboardOutput = z.object({
  items: z.array(z.object({ rank: z.number().int(), userId: uuid(), username: z.string(), rating: z.number().int(), games: z.number().int() })),
  nextCursor: z.string().nullable(),
});

export const eloInput = z.strictObject({ userId: uuid() });
export const eloOutput = z.object({
  items: z.array(
    z.object({
      game: z.string(),
      rating: z.number().int(),
      exactRating: z.number(),
      games: z.number().int(),
      wins: z.number().int(),
      draws: z.number().int(),
      losses: z.number().int(),
      peak: z.number().int(),
      history: z.array(z.object({ at: timestamp(), rating: z.number(), matchId: uuid(), leagueId: uuid() })).describe('Oldest first, the last 200 changes.'),
    }),
  ),
});
