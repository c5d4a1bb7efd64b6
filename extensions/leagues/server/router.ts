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

const kernel = (ctx: Pick<Context, 'platform'>) => kernelOf(ctx, 'leagues');

const tags = ['leagues'];
const operator = adminOrApiKeyProcedure('leagues:manage');
// Users act for themselves; an API key with leagues:manage acts as an operator (register names userId).
const playerOrOperator = userOrApiKeyProcedure('leagues:manage');

export const leaguesRouter = router({
  games: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/leagues/games', tags, summary: 'Games a league can be played in' } })
    .input(emptyInput.optional())
    .output(s.gamesOutput)
    .query(() => leagues.listGames()),

  create: operator
    .meta({ openapi: { method: 'POST', path: '/leagues/create', tags, summary: 'Create a league', protect: true }, successStatus: 201, errors: ['NOT_FOUND'] })
    .input(s.createLeagueInput)
    .output(s.leagueOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((trx) => leagues.createLeague(trx, kernel(ctx).events, ctx.actor, input))),

  register: playerOrOperator
    .meta({ openapi: { method: 'POST', path: '/leagues/register', tags, summary: 'Join a league (409 full, started or already in)', protect: true }, successStatus: 201, errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'] })
    .input(s.registerInput)
    .output(s.participantOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((trx) => leagues.registerParticipant(trx, kernel(ctx), ctx.actor, input))),

  start: operator
    .meta({ openapi: { method: 'POST', path: '/leagues/{leagueId}/start', tags, summary: 'Start a league now and generate its fixtures', protect: true }, errors: ['CONFLICT'] })
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
    })
    .input(s.recordMatchInput)
    .output(s.recordMatchOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((trx) => leagues.recordMatch(trx, kernel(ctx), ctx.actor, input))),

  standings: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/leagues/standings', tags, summary: 'A league’s standings with tie-breaks' }, errors: ['NOT_FOUND'] })
    .input(s.standingsInput)
    .output(s.standingsOutput)
    .query(({ ctx, input }) => leagues.leagueStandings(kernel(ctx).db, kernel(ctx), ctx.scope, input.leagueId)),

  leaderboard: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/leagues/leaderboard', tags, summary: 'Global Elo leaderboard of a game' }, errors: ['NOT_FOUND'] })
    .input(s.leaderboardInput)
    .output(s.leaderboardOutput)
    .query(({ ctx, input }) => leagues.leaderboard(kernel(ctx).db, kernel(ctx), input)),

  elo: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/leagues/elo/{userId}', tags, summary: 'A user’s Elo per game with history' } })
    .input(s.eloInput)
    .output(s.eloOutput)
    .query(({ ctx, input }) => leagues.userElo(kernel(ctx).db, kernel(ctx), input.userId)),

  list: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/leagues', tags, summary: 'Live leagues, newest first' } })
    .input(s.listLeaguesInput)
    .output(s.leaguesOutput)
    .query(({ ctx, input }) => leagues.listLeagues(kernel(ctx).db, ctx.scope, input)),

  // Last: its path parameter would otherwise match /leagues/games and the other fixed paths.
  get: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/leagues/{leagueId}', tags, summary: 'A league with its participants and fixtures' } })
    .input(s.leagueIdInput)
    .output(s.leagueDetailOutput)
    .query(({ ctx, input }) => leagues.getLeague(kernel(ctx).db, kernel(ctx), ctx.scope, input.leagueId)),
});
