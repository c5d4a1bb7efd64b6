// Game league procedures: games, leagues, registration, start, results, standings and ratings.
import * as s from '../schemas';
import { emptyInput } from '../../../shared/schemas/primitives';
import {
  adminOrApiKeyProcedure,
  kernelOf,
  publicProcedure,
  publicReadProcedure,
  router,
  userOrApiKeyProcedure,
  type Context,
} from '../../../server/extensions/api';
import * as leagues from './service';
import * as ex from './examples';

const kernel = (ctx: Pick<Context, 'platform'>) => kernelOf(ctx, 'leagues');

const tags = ['leagues'];
const operator = adminOrApiKeyProcedure('leagues:manage');
// Users act for themselves; an API key with leagues:manage acts as an operator (register names userId).
const playerOrOperator = userOrApiKeyProcedure('leagues:manage');

export const leaguesRouter = router({
  games: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/leagues/games',
        tags,
        summary: 'Games a league can be played in',
        description:
          'The games a league can be played in, with the XP a game gives (a win doubles it) and how long one ' +
          'usually takes.',
      },
      examples: ex.games,
    })
    .input(emptyInput.optional())
    .output(s.gamesOutput)
    .query(() => leagues.listGames()),

  create: operator
    .meta({
      openapi: {
        method: 'POST',
        path: '/leagues/create',
        tags,
        summary: 'Create a league',
        description:
          'Creates a league; only `game` and `startDate` are needed. It starts by itself at `startDate` (an ' +
          'operator may start it earlier), closing registration and drawing the fixtures of its format; an ' +
          '`open` league takes players and results at any time. A start that is not in the future starts an ' +
          '`open` league at once (other formats need their players first). A test key creates a test league of ' +
          'its own application.',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND'],
      examples: ex.create,
    })
    .input(s.createLeagueInput)
    .output(s.leagueOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((trx) => leagues.createLeague(trx, kernel(ctx).events, ctx.actor, input))),

  register: playerOrOperator
    .meta({
      openapi: {
        method: 'POST',
        path: '/leagues/register',
        tags,
        summary: 'Join a league (409 full, started or already in)',
        description:
          'Registers a player: a signed-in user registers themselves; an API key with `leagues:manage` names ' +
          'the `userId`, and an administrator may (to add players from the web client). 409 when the league is full, has started (except an `open` league), has ended, or ' +
          'already has the player.',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
      examples: ex.register,
    })
    .input(s.registerInput)
    .output(s.participantOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((trx) => leagues.registerParticipant(trx, kernel(ctx), ctx.actor, input))),

  start: operator
    .meta({
      openapi: {
        method: 'POST',
        path: '/leagues/{leagueId}/start',
        tags,
        summary: 'Start a league now and generate its fixtures',
        description:
          'Starts a league now rather than at its start date: registration closes (except in an `open` league) ' +
          'and the fixtures are drawn, seeded by rating: every round of a round robin, the first round of a ' +
          'Swiss or knockout league (the next ones as each round completes). A `match.started` event is sent ' +
          'for each fixture. Needs two players, except an `open` league.',
        protect: true,
      },
      errors: ['CONFLICT'],
      examples: ex.start,
    })
    .input(s.leagueIdInput)
    .output(s.startLeagueOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((trx) => leagues.startLeague(trx, kernel(ctx).events, ctx.actor, input.leagueId))),

  recordMatch: playerOrOperator
    .meta({
      openapi: {
        method: 'POST',
        path: '/leagues/match',
        tags,
        summary: 'Record a match result (operators at once; players both report it)',
        description:
          'Operators (administrators, keys with leagues:manage) record a result at once; players report it in turn and it is recorded when both agree. ' +
          'Farming limits: in an open league, two players may record at most `CALOS_LEAGUE_PAIR_RESULTS_PER_DAY` (default 5) results against each other in any 24 hours; ' +
          'the next report answers 429 `RATE_LIMITED` (details.reason `PAIR_LIMIT`, `Retry-After`). Fixtures and operators’ results are not limited per pair. ' +
          'XP comes from the game actions (`play_<game>`, `win_<game>`), whose daily limits apply: past them a result is rated but gives no XP.',
        protect: true,
      },
      successStatus: 201,
      idempotent: true,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'],
      examples: ex.recordMatch,
    })
    .input(s.recordMatchInput)
    .output(s.recordMatchOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((trx) => leagues.recordMatch(trx, kernel(ctx), ctx.actor, input))),

  standings: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/leagues/standings',
        tags,
        summary: 'A league’s standings with tie-breaks',
        description:
          'A league’s table: 3 points a win, 1 a draw; ties broken by the points between the tied players, then ' +
          'Sonneborn–Berger (round robin) or Buchholz (Swiss), then rating.',
      },
      errors: ['NOT_FOUND'],
      examples: ex.standings,
    })
    .input(s.standingsInput)
    .output(s.standingsOutput)
    .query(({ ctx, input }) => leagues.leagueStandings(kernel(ctx).db, kernel(ctx), ctx.scope, input.leagueId)),

  leaderboard: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/leagues/leaderboard',
        tags,
        summary: 'Global Elo leaderboard of a game',
        description:
          'Players of a game ranked by their live Elo rating (rounded), with the games they played; ties by ' +
          'user id. Players with no rated game are not listed.',
      },
      errors: ['NOT_FOUND'],
      examples: ex.leaderboard,
    })
    .input(s.leaderboardInput)
    .output(s.leaderboardOutput)
    .query(({ ctx, input }) => leagues.leaderboard(kernel(ctx).db, kernel(ctx), input)),

  elo: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/leagues/elo/{userId}',
        tags,
        summary: 'A user’s Elo per game with history',
        description:
          'A user’s live Elo rating in each game they played, with wins, draws, losses, their peak and the last ' +
          '200 changes, oldest first. Ratings are kept unrounded (`exactRating`).',
      },
      examples: ex.elo,
    })
    .input(s.eloInput)
    .output(s.eloOutput)
    .query(({ ctx, input }) => leagues.userElo(kernel(ctx).db, kernel(ctx), input.userId)),

  list: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/leagues',
        tags,
        summary: 'Live leagues, newest first',
        description:
          'Live leagues, newest first; filter by `game` and `status`. A test key lists its own application’s ' +
          'test leagues instead.',
      },
      examples: ex.list,
    })
    .input(s.listLeaguesInput)
    .output(s.leaguesOutput)
    .query(({ ctx, input }) => leagues.listLeagues(kernel(ctx).db, ctx.scope, input)),

  // Last: its path parameter would otherwise match /leagues/games and the other fixed paths.
  get: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/leagues/{leagueId}',
        tags,
        summary: 'A league with its participants and fixtures',
        description:
          'A league with its participants and every fixture drawn so far, with results.',
      },
      examples: ex.get,
    })
    .input(s.leagueIdInput)
    .output(s.leagueDetailOutput)
    .query(({ ctx, input }) => leagues.getLeague(kernel(ctx).db, kernel(ctx), ctx.scope, input.leagueId)),
});
