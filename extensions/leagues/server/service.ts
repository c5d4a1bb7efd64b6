// Game leagues: create, register, start (fixtures); results are recorded in matches.ts (Elo, history,
// events, next rounds via rounds.ts); standings, the global leaderboard per game and a user's ratings
// are in rankings.ts. Leagues belong to a mode: a test-mode API key creates and runs test leagues
// with test ratings in its application's sandbox, apart from live data and other applications'.
import type { z } from 'zod';
import {
  DomainError,
  invalidField,
  newestFirstPage,
  notFound,
  type Actor,
  type EventEmitter,
  type Kernel,
  type ModeScope,
  type Tx,
} from '../../../server/extensions/api';
import { LEAGUE_DEFAULTS, leagueInstant, type createLeagueInput, type listLeaguesInput, type registerInput } from '../schemas';
import { gameOrFail, games } from './games/index';
import { eliminationFirstRound, roundRobin, swissRound, swissRoundCount } from './pairings';
import { toFixture, toLeague, type LeagueRow, type MatchRow } from './models';
import { isOperator, leagueConflict, leagueForActor, leagueRealm, visibleLeague } from './access';
import { insertRound, ratingsOf } from './rounds';

export { leagueConflicts } from './access';

/** A round robin of n players is n − 1 rounds and n(n − 1)/2 fixtures: keep it to a real season. */
export const MAX_ROUND_ROBIN_PLAYERS = 100;

export function listGames() {
  return { items: games().map(({ code, name, xpPerGame, typicalMinutes }) => ({ code, name, xpPerGame, typicalMinutes })) };
}

const monthOf = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Creates a league, filling what the caller left out (LEAGUE_DEFAULTS; the name from the game, tier
 * and month, the end 30 days after the start), so the seed's `leagues.create({ game, tier,
 * startDate })` works as written. A start that is not in the future starts the league in the same
 * transaction rather than a minute later by the scheduler; only an open league can start with
 * nobody in it, so the other formats are refused such a start instead of being created only for
 * startDueLeagues to close them empty.
 */
export async function createLeague(tx: Tx, events: EventEmitter, actor: Actor, input: z.output<typeof createLeagueInput>) {
  const game = gameOrFail(input.game);
  if (input.format === 'round_robin' && input.maxParticipants > MAX_ROUND_ROBIN_PLAYERS) {
    throw invalidField('maxParticipants', `a round robin takes at most ${MAX_ROUND_ROBIN_PLAYERS} players`);
  }
  const start = leagueInstant(input.startDate);
  const startsNow = start.getTime() <= Date.now();
  if (startsNow && input.format !== 'open') {
    throw invalidField('startDate', `a ${input.format} league needs its players before it starts: give a future startDate, or format open`);
  }
  const end = input.endDate ? leagueInstant(input.endDate) : new Date(start.getTime() + LEAGUE_DEFAULTS.lengthDays * 86_400_000);
  const [row] = (await tx('leagues')
    .insert({
      game: game.code,
      name: input.name ?? `${game.name} ${input.tier} league, ${monthOf.format(start)}`,
      tier: input.tier,
      format: input.format,
      mode: actor.mode,
      start_date: start,
      end_date: end,
      max_participants: input.maxParticipants,
      k_factor: input.kFactor,
      created_by: actor.userId,
      application_id: actor.kind === 'apiKey' ? actor.key.applicationId : null,
    })
    .returning('*')) as LeagueRow[];
  if (startsNow) return (await startLeague(tx, events, null, row!.id)).league;
  return toLeague(row!);
}

/** Live leagues; a test key lists its own application's test leagues instead. */
export async function listLeagues(tx: Tx, scope: ModeScope, input: z.output<typeof listLeaguesInput>) {
  const query = tx('leagues').where({ mode: scope.mode }).select('*');
  if (scope.mode === 'test') query.where({ application_id: scope.applicationId });
  if (input.game) query.where({ game: input.game });
  if (input.status) query.where({ status: input.status });
  const { rows, nextCursor } = await newestFirstPage<LeagueRow & { created_at: Date }>(query, input);
  return { items: rows.map(toLeague), nextCursor };
}

const MAX_FIXTURES_SHOWN = 5000;

/** One league with its participants and fixtures (public: anyone may follow a live league). */
export async function getLeague(tx: Tx, kernel: Kernel, scope: ModeScope, leagueId: string) {
  const row = await visibleLeague(tx, scope, leagueId);
  const registered = (await tx('league_participants')
    .where({ league_id: leagueId })
    .orderBy([{ column: 'registered_at' }, { column: 'user_id' }])
    .select('league_id', 'user_id', 'registered_at')) as Array<{ league_id: string; user_id: string; registered_at: Date }>;
  const names = await kernel.users.names(tx, registered.map((p) => p.user_id));
  const participants = registered.flatMap((p) => {
    const username = names.get(p.user_id);
    return username === undefined ? [] : [{ ...p, username }];
  });
  const fixtures = (await tx('league_matches')
    .where({ league_id: leagueId })
    .orderByRaw('round NULLS LAST, slot, created_at, id')
    .limit(MAX_FIXTURES_SHOWN)) as MatchRow[];
  return {
    league: toLeague(row),
    participants: participants.map((p) => ({ leagueId: p.league_id, userId: p.user_id, username: p.username, registeredAt: p.registered_at })),
    fixtures: fixtures.map(toFixture),
  };
}

/**
 * Registers a user: the caller, or the user an operator names. Atomic under parallel calls: the league row is locked (FOR UPDATE) before the
 * capacity, status and "already in" checks, so registrations of one league run one after another
 * and the count they check is the count they write; the (league_id, user_id) primary key and the
 * participant_count ≤ max_participants check constraint back this up in the database itself.
 */
export async function registerParticipant(tx: Tx, kernel: Kernel, actor: Actor, input: z.output<typeof registerInput>) {
  let userId = actor.userId;
  // Operators register anyone: an API key must name the user, an administrator may.
  if (actor.kind === 'apiKey' || (isOperator(actor) && input.userId)) {
    if (!input.userId) throw invalidField('userId', 'an API key must name the user to register');
    userId = input.userId;
    if (!(await kernel.users.exists(tx, userId))) throw notFound('user');
  } else if (input.userId && input.userId !== actor.userId) {
    throw new DomainError('FORBIDDEN', 'A user can register only themselves.', { reason: 'NOT_YOURSELF' });
  }
  const league = await leagueForActor(tx, actor, input.leagueId, true);
  if (league.status === 'completed') throw leagueConflict('LEAGUE_ENDED');
  const existing = await tx('league_participants').where({ league_id: league.id, user_id: userId }).first('user_id');
  if (existing) throw leagueConflict('ALREADY_REGISTERED');
  if (league.format !== 'open' && (league.status !== 'registration' || new Date() >= league.start_date)) {
    throw leagueConflict('LEAGUE_STARTED');
  }
  if (league.participant_count >= league.max_participants) throw leagueConflict('LEAGUE_FULL');
  const [participant] = (await tx('league_participants')
    .insert({ league_id: league.id, user_id: userId })
    .returning(['league_id', 'user_id', 'registered_at'])) as Array<{ league_id: string; user_id: string; registered_at: Date }>;
  await tx('leagues').where({ id: league.id }).increment('participant_count', 1);
  const username = (await kernel.users.names(tx, [userId])).get(userId)!;
  return { leagueId: participant!.league_id, userId: participant!.user_id, username, registeredAt: participant!.registered_at };
}

/**
 * Starts a league now: closes registration (except open leagues) and generates the fixtures of its
 * format. The league row lock makes a double start (two operators, or the start-date job and an
 * operator) start it once.
 */
export async function startLeague(tx: Tx, events: EventEmitter, actor: Actor | null, leagueId: string) {
  const league = actor
    ? await leagueForActor(tx, actor, leagueId, true)
    : ((await tx('leagues').where({ id: leagueId }).forUpdate().first()) as LeagueRow);
  if (league.status !== 'registration') throw leagueConflict('LEAGUE_STARTED');
  const participants = (await tx('league_participants')
    .where({ league_id: league.id })
    .orderBy([{ column: 'registered_at' }, { column: 'user_id' }])
    .pluck('user_id')) as string[];
  if (league.format !== 'open' && participants.length < 2) throw leagueConflict('NOT_ENOUGH_PLAYERS');
  const ratings = await ratingsOf(tx, league.game, leagueRealm(league), participants);
  // Seeds: the best-rated first; equal ratings in order of registration (the sort is stable).
  const seeded = [...participants].sort((x, y) => ratings.get(y)! - ratings.get(x)!);

  let totalRounds: number | null = null;
  let currentRound = 1;
  const fixtures: MatchRow[] = [];
  switch (league.format) {
    case 'round_robin': {
      const rounds = roundRobin(seeded);
      totalRounds = rounds.length;
      for (const [i, pairs] of rounds.entries()) fixtures.push(...(await insertRound(tx, events, league, i + 1, pairs)));
      break;
    }
    case 'swiss': {
      totalRounds = swissRoundCount(seeded.length);
      const pairs = swissRound(seeded.map((userId) => ({ userId, points: 0, rating: ratings.get(userId)! })), []) ?? [];
      fixtures.push(...(await insertRound(tx, events, league, 1, pairs)));
      break;
    }
    case 'single_elimination': {
      totalRounds = Math.ceil(Math.log2(seeded.length));
      fixtures.push(...(await insertRound(tx, events, league, 1, eliminationFirstRound(seeded))));
      break;
    }
    case 'open':
      currentRound = 0;
      break;
  }
  const [updated] = (await tx('leagues')
    .where({ id: league.id })
    .update({ status: 'running', started_at: tx.fn.now(), current_round: currentRound, total_rounds: totalRounds })
    .returning('*')) as LeagueRow[];
  return { league: toLeague(updated!), fixtures: fixtures.map(toFixture) };
}

/** Starts every league whose start date has passed (run once a minute by the extension's start-due job). */
export async function startDueLeagues(kernel: Kernel): Promise<number> {
  const { db, events } = kernel;
  const due = (await db('leagues').where({ status: 'registration' }).where('start_date', '<=', db.fn.now()).pluck('id')) as string[];
  let started = 0;
  for (const id of due) {
    try {
      await kernel.transaction((trx) => startLeague(trx, events, null, id));
      started++;
    } catch (err) {
      // Started by someone else meanwhile, or too few players: leave it for an operator.
      if (!(err instanceof DomainError)) throw err;
      if ((err.details as { reason?: string }).reason === 'NOT_ENOUGH_PLAYERS') {
        await db('leagues').where({ id, status: 'registration' }).update({ status: 'completed', completed_at: db.fn.now() }).returning('id');
      }
    }
  }
  return started;
}

export { recordMatch } from './matches';
export { leaderboard, leagueStandings, userElo } from './rankings';
