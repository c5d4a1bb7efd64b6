// Game leagues: create, register, start (fixtures), record results (Elo, history, events, next
// rounds); standings, the global leaderboard per game and a user's ratings are in rankings.ts. Leagues belong to a mode:
// a test-mode API key creates and runs test leagues with test ratings, apart from live data.
import type { EngineDeps } from '../actions/engine';
import type { z } from 'zod';
import type { Knex } from 'knex';
import type { Tx } from '../../db/index';
import { DomainError, conflict, invalidField, notFound } from '../../errors';
import { newestFirstPage } from '../../db/cursor';
import type { Actor } from '../../trpc';
import type { EventOutbox } from '../../events/outbox';
import type {
  createLeagueInput,
  listLeaguesInput,
  recordMatchInput,
  registerInput,
} from '../../../shared/schemas/leagues';
import type { Mode } from '../../../shared/schemas/developer';
import { gameOrFail, games, type MatchResult } from './games/index';
import { rateMatch, STARTING_RATING } from './elo';
import {
  eliminationFirstRound,
  eliminationNextRound,
  roundRobin,
  swissRound,
  swissRoundCount,
  type Pairing,
} from './pairings';
import { computeStandings } from './standings';
import { awardMatchXp } from './rewards';
import { matchCompleted, matchStarted } from './events';
import { toFixture, toLeague, type LeagueRow, type MatchRow, type RatingRow } from './models';

/** The module's conflict reasons (409 CONFLICT with details.reason). */
export const leagueConflicts = {
  LEAGUE_FULL: 'The league has no places left.',
  LEAGUE_STARTED: 'The league has started; registration is closed.',
  LEAGUE_ENDED: 'The league has ended.',
  ALREADY_REGISTERED: 'You are already registered in this league.',
  NOT_ENOUGH_PLAYERS: 'A league needs at least two participants to start.',
  LEAGUE_NOT_RUNNING: 'Results are recorded only while the league is running.',
  NOT_A_PARTICIPANT: 'Both players must be participants of the league.',
  NOT_A_FIXTURE: 'These players have no fixture to play in this league.',
  ALREADY_RECORDED: 'This match result has already been recorded.',
  RESULT_DISPUTED: 'The other player reported a different result; one of you must correct it, or an operator records it.',
} as const;
const leagueConflict = (reason: keyof typeof leagueConflicts) => conflict(reason, leagueConflicts[reason]);

/** A round robin of n players is n − 1 rounds and n(n − 1)/2 fixtures: keep it to a real season. */
export const MAX_ROUND_ROBIN_PLAYERS = 100;

const isOperator = (actor: Actor) => actor.kind === 'apiKey' || actor.role === 'admin';

export function listGames() {
  return { items: games().map(({ code, name, xpPerGame, typicalMinutes }) => ({ code, name, xpPerGame, typicalMinutes })) };
}

/** A league the actor may act on: its own mode only (a test key never touches live leagues). */
async function leagueForActor(tx: Tx, actor: Actor, leagueId: string, lock: boolean): Promise<LeagueRow> {
  const query = tx('leagues').where({ id: leagueId, mode: actor.mode }).first();
  if (lock) query.forUpdate();
  const row = (await query) as LeagueRow | undefined;
  if (!row) throw notFound('league');
  return row;
}

export async function createLeague(tx: Tx, actor: Actor, input: z.output<typeof createLeagueInput>) {
  const game = gameOrFail(input.game);
  if (input.format === 'round_robin' && input.maxParticipants > MAX_ROUND_ROBIN_PLAYERS) {
    throw invalidField('maxParticipants', `a round robin takes at most ${MAX_ROUND_ROBIN_PLAYERS} players`);
  }
  const [row] = (await tx('leagues')
    .insert({
      game: game.code,
      name: input.name,
      tier: input.tier,
      format: input.format,
      mode: actor.mode,
      start_date: new Date(input.startDate),
      end_date: new Date(input.endDate),
      max_participants: input.maxParticipants,
      k_factor: input.kFactor,
      created_by: actor.userId,
      application_id: actor.kind === 'apiKey' ? actor.key.applicationId : null,
    })
    .returning('*')) as LeagueRow[];
  return toLeague(row!);
}

export async function listLeagues(tx: Tx, input: z.output<typeof listLeaguesInput>) {
  const query = tx('leagues').where({ mode: 'live' }).select('*');
  if (input.game) query.where({ game: input.game });
  if (input.status) query.where({ status: input.status });
  const { rows, nextCursor } = await newestFirstPage<LeagueRow & { created_at: Date }>(query, input);
  return { items: rows.map(toLeague), nextCursor };
}

const MAX_FIXTURES_SHOWN = 5000;

/** One league with its participants and fixtures (public: anyone may follow a league). */
export async function getLeague(tx: Tx, leagueId: string) {
  const row = (await tx('leagues').where({ id: leagueId }).first()) as LeagueRow | undefined;
  if (!row) throw notFound('league');
  const participants = (await tx('league_participants as p')
    .join('users as u', 'u.id', 'p.user_id')
    .where('p.league_id', leagueId)
    .orderBy([{ column: 'p.registered_at' }, { column: 'p.user_id' }])
    .select('p.league_id', 'p.user_id', 'u.username', 'p.registered_at')) as Array<{ league_id: string; user_id: string; username: string; registered_at: Date }>;
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
 * Registers a user. Atomic under parallel calls: the league row is locked (FOR UPDATE) before the
 * capacity, status and "already in" checks, so registrations of one league run one after another
 * and the count they check is the count they write; the (league_id, user_id) primary key and the
 * participant_count ≤ max_participants check constraint back this up in the database itself.
 */
export async function registerParticipant(tx: Tx, actor: Actor, input: z.output<typeof registerInput>) {
  let userId = actor.userId;
  if (actor.kind === 'apiKey') {
    if (!input.userId) throw invalidField('userId', 'an API key must name the user to register');
    userId = input.userId;
    const user = await tx('users').where({ id: userId }).first('id');
    if (!user) throw notFound('user');
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
  const user = (await tx('users').where({ id: userId }).first('username')) as { username: string };
  return { leagueId: participant!.league_id, userId: participant!.user_id, username: user.username, registeredAt: participant!.registered_at };
}

/** Current ratings of some users in a game and mode; users who never played are at the start. */
async function ratingsOf(tx: Tx, game: string, mode: Mode, userIds: string[]): Promise<Map<string, number>> {
  const rows = (await tx('player_ratings').where({ game, mode }).whereIn('user_id', userIds).select('user_id', 'rating')) as Array<{ user_id: string; rating: number }>;
  const ratings = new Map(userIds.map((id) => [id, STARTING_RATING]));
  for (const r of rows) ratings.set(r.user_id, r.rating);
  return ratings;
}

/** Inserts one round's pairings as fixtures (byes recorded as such) and announces the playable ones. */
async function insertRound(tx: Tx, events: EventOutbox, league: LeagueRow, round: number, pairs: Pairing[]): Promise<MatchRow[]> {
  if (!pairs.length) return [];
  const rows: MatchRow[] = [];
  // Batches keep a big round robin under PostgreSQL's bind-parameter limit.
  for (let i = 0; i < pairs.length; i += 1000) {
    const batch = pairs.slice(i, i + 1000).map((p, j) => ({
      league_id: league.id,
      round,
      slot: i + j + 1,
      player_a: p.a,
      player_b: p.b,
      status: p.b ? 'scheduled' : 'bye',
    }));
    rows.push(...((await tx('league_matches').insert(batch).returning('*')) as MatchRow[]));
  }
  for (const fixture of rows) {
    if (!fixture.player_b) continue;
    await events.emit(tx, {
      event: matchStarted,
      data: { matchId: fixture.id, leagueId: league.id, game: league.game, round, playerA: fixture.player_a, playerB: fixture.player_b },
      mode: league.mode,
      applicationId: league.application_id,
    });
  }
  return rows;
}

/**
 * Starts a league now: closes registration (except open leagues) and generates the fixtures of its
 * format. The league row lock makes a double start (two operators, or the start-date job and an
 * operator) start it once.
 */
export async function startLeague(tx: Tx, events: EventOutbox, actor: Actor | null, leagueId: string) {
  const league = actor
    ? await leagueForActor(tx, actor, leagueId, true)
    : ((await tx('leagues').where({ id: leagueId }).forUpdate().first()) as LeagueRow);
  if (league.status !== 'registration') throw leagueConflict('LEAGUE_STARTED');
  const participants = (await tx('league_participants')
    .where({ league_id: league.id })
    .orderBy([{ column: 'registered_at' }, { column: 'user_id' }])
    .pluck('user_id')) as string[];
  if (league.format !== 'open' && participants.length < 2) throw leagueConflict('NOT_ENOUGH_PLAYERS');
  const ratings = await ratingsOf(tx, league.game, league.mode, participants);
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

/** Starts every league whose start date has passed (run once a minute by ./scheduler.ts). */
export async function startDueLeagues(db: Knex, events: EventOutbox): Promise<number> {
  const due = (await db('leagues').where({ status: 'registration' }).where('start_date', '<=', db.fn.now()).pluck('id')) as string[];
  let started = 0;
  for (const id of due) {
    try {
      await db.transaction((trx) => startLeague(trx, events, null, id));
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

const flip = (r: MatchResult): MatchResult => (r === 'a' ? 'b' : r === 'b' ? 'a' : 'draw');

/** The submitted playerA/playerB view of a stored match row (which may list them the other way). */
function matchView(row: MatchRow, playerA: string, playerB: string, result: MatchResult) {
  return {
    id: row.id,
    leagueId: row.league_id,
    round: row.round,
    playerA,
    playerB,
    result,
    status: row.status === 'completed' ? ('completed' as const) : ('pending' as const),
    recordedAt: row.recorded_at,
  };
}

/**
 * Records a match result. Operators (an administrator, or an API key with leagues:manage) record it
 * at once. A player records it in two steps: the first player's report is kept as `pending`, and it
 * is recorded when the other player reports the same result (a different one is RESULT_DISPUTED;
 * either player may replace their own report until then).
 *
 * One transaction, atomic under parallel and repeated submissions: the league row is locked first
 * (FOR UPDATE), so submissions for one league run one after another, and a fixture already
 * completed is seen as such by the next one (ALREADY_RECORDED); both players' rating rows are then
 * locked in user-id order (no deadlock between leagues of the same game), updated with elo_history
 * rows, the fixture row, XP, `match.completed`, and the next round when this one completes.
 */
export async function recordMatch(tx: Tx, deps: EngineDeps, actor: Actor, input: z.output<typeof recordMatchInput>) {
  const { events } = deps;
  const league = await leagueForActor(tx, actor, input.leagueId, true);
  const game = gameOrFail(league.game);
  const operator = isOperator(actor);
  if (!operator && actor.userId !== input.playerA && actor.userId !== input.playerB) {
    throw new DomainError('FORBIDDEN', 'Only the two players or an operator may record this match.', { reason: 'NOT_A_PLAYER' });
  }
  if (league.status !== 'running') throw leagueConflict('LEAGUE_NOT_RUNNING');
  const members = (await tx('league_participants')
    .where({ league_id: league.id })
    .whereIn('user_id', [input.playerA, input.playerB])
    .pluck('user_id')) as string[];
  if (members.length !== 2) throw leagueConflict('NOT_A_PARTICIPANT');
  if (league.format === 'single_elimination' && input.result === 'draw') {
    throw invalidField('result', 'a knockout match needs a winner');
  }
  if (input.moves !== undefined) {
    const check = game.validateResult(input.moves, input.result);
    if (!check.ok) throw invalidField('moves', check.reason);
  }

  let row: MatchRow | undefined;
  if (league.format === 'open') {
    row = (await tx('league_matches')
      .where({ league_id: league.id, status: 'pending' })
      .whereNull('round')
      .where((w) =>
        w.where({ player_a: input.playerA, player_b: input.playerB }).orWhere({ player_a: input.playerB, player_b: input.playerA }),
      )
      .first()) as MatchRow | undefined;
  } else {
    const rows = (await tx('league_matches')
      .where({ league_id: league.id })
      .where((w) =>
        w.where({ player_a: input.playerA, player_b: input.playerB }).orWhere({ player_a: input.playerB, player_b: input.playerA }),
      )
      .orderBy([{ column: 'round', order: 'desc' }])) as MatchRow[];
    row = rows.find((r) => r.status === 'scheduled' || r.status === 'pending');
    if (!row) throw leagueConflict(rows.length ? 'ALREADY_RECORDED' : 'NOT_A_FIXTURE');
  }

  const flipped = row ? row.player_a !== input.playerA : false;
  const stored = flipped ? flip(input.result) : input.result;
  const movesJson = input.moves === undefined ? null : JSON.stringify(input.moves);

  if (!operator) {
    const other = actor.userId === input.playerA ? input.playerB : input.playerA;
    if (row?.reported_by === other) {
      if (row.reported_result !== stored) throw leagueConflict('RESULT_DISPUTED');
      // Both players agree: recorded below.
    } else {
      const report = { status: 'pending', reported_by: actor.userId, reported_result: stored, reported_moves: movesJson };
      const [saved] = row
        ? ((await tx('league_matches').where({ id: row.id }).update(report).returning('*')) as MatchRow[])
        : ((await tx('league_matches')
            .insert({ league_id: league.id, player_a: input.playerA, player_b: input.playerB, ...report })
            .returning('*')) as MatchRow[]);
      return { match: matchView(saved!, input.playerA, input.playerB, input.result), ratings: null };
    }
  }

  if (!row) {
    [row] = (await tx('league_matches')
      .insert({ league_id: league.id, player_a: input.playerA, player_b: input.playerB, status: 'scheduled' })
      .returning('*')) as MatchRow[];
  }
  const a = row!.player_a;
  const b = row!.player_b!;

  // Rating rows exist from a player's first game; lock both, always in the same order.
  await tx('player_ratings')
    .insert([a, b].map((user_id) => ({ user_id, game: game.code, mode: league.mode })))
    .onConflict(['user_id', 'game', 'mode'])
    .ignore();
  const locked = (await tx('player_ratings')
    .where({ game: game.code, mode: league.mode })
    .whereIn('user_id', [a, b])
    .orderBy('user_id')
    .forUpdate()) as RatingRow[];
  const ratingOf = (id: string) => locked.find((r) => r.user_id === id)!;
  const change = rateMatch(ratingOf(a).rating, ratingOf(b).rating, stored, league.k_factor);

  for (const [id, side] of [[a, 'a'], [b, 'b']] as const) {
    const after = change[side].after;
    const won = stored === side;
    const lost = stored !== 'draw' && !won;
    await tx('player_ratings')
      .where({ user_id: id, game: game.code, mode: league.mode })
      .update({
        rating: after,
        peak: tx.raw('GREATEST(peak, ?)', [after]),
        games: tx.raw('games + 1'),
        wins: tx.raw('wins + ?', [won ? 1 : 0]),
        draws: tx.raw('draws + ?', [stored === 'draw' ? 1 : 0]),
        losses: tx.raw('losses + ?', [lost ? 1 : 0]),
        updated_at: tx.fn.now(),
      })
      .returning('user_id');
  }
  await tx('elo_history').insert([
    { user_id: a, game: game.code, mode: league.mode, match_id: row!.id, league_id: league.id, rating_before: change.a.before, rating_after: change.a.after },
    { user_id: b, game: game.code, mode: league.mode, match_id: row!.id, league_id: league.id, rating_before: change.b.before, rating_after: change.b.after },
  ]);
  const [completed] = (await tx('league_matches')
    .where({ id: row!.id })
    .update({
      status: 'completed',
      result: stored,
      moves: movesJson ?? (row!.reported_moves === null || row!.reported_moves === undefined ? null : JSON.stringify(row!.reported_moves)),
      rating_a_before: change.a.before,
      rating_a_after: change.a.after,
      rating_b_before: change.b.before,
      rating_b_after: change.b.after,
      reported_by: null,
      reported_result: null,
      reported_moves: null,
      recorded_by: operator ? 'operator' : 'players',
      recorded_at: tx.fn.now(),
    })
    .returning('*')) as MatchRow[];

  await awardMatchXp(tx, deps, { userId: a, game, won: stored === 'a', mode: league.mode, matchId: completed!.id });
  await awardMatchXp(tx, deps, { userId: b, game, won: stored === 'b', mode: league.mode, matchId: completed!.id });
  await events.emit(tx, {
    event: matchCompleted,
    data: {
      matchId: completed!.id,
      leagueId: league.id,
      game: game.code,
      round: completed!.round,
      playerA: a,
      playerB: b,
      result: stored,
      ratings: { a: change.a, b: change.b },
    },
    mode: league.mode,
    applicationId: actor.kind === 'apiKey' ? actor.key.applicationId : league.application_id,
  });
  await advanceLeague(tx, events, league);

  const shown = (c: { before: number; after: number }) => ({ before: Math.round(c.before), after: Math.round(c.after), exact: c });
  const ratings = flipped ? { a: shown(change.b), b: shown(change.a) } : { a: shown(change.a), b: shown(change.b) };
  return { match: matchView(completed!, input.playerA, input.playerB, input.result), ratings };
}

/** After a result: the next Swiss or knockout round once this one is complete, or the end. */
async function advanceLeague(tx: Tx, events: EventOutbox, league: LeagueRow): Promise<void> {
  if (league.format === 'open') return;
  const open = await tx('league_matches')
    .where({ league_id: league.id })
    .whereIn('status', ['scheduled', 'pending'])
    .modify((q) => {
      if (league.format !== 'round_robin') q.where({ round: league.current_round });
    })
    .first('id');
  if (open) return;
  const finish = () =>
    tx('leagues').where({ id: league.id }).update({ status: 'completed', completed_at: tx.fn.now() }).returning('id');
  if (league.format === 'round_robin' || (league.total_rounds !== null && league.current_round >= league.total_rounds)) {
    await finish();
    return;
  }
  const all = (await tx('league_matches').where({ league_id: league.id })) as MatchRow[];
  const next = league.current_round + 1;
  let pairs: Pairing[] | null;
  if (league.format === 'swiss') {
    const participants = (await tx('league_participants').where({ league_id: league.id }).pluck('user_id')) as string[];
    const ratings = await ratingsOf(tx, league.game, league.mode, participants);
    const played = all.filter((m) => m.status === 'completed').map((m) => ({ a: m.player_a, b: m.player_b!, result: m.result! }));
    const byes = all.filter((m) => m.status === 'bye').map((m) => m.player_a);
    const table = computeStandings('swiss', participants.map((userId) => ({ userId, rating: ratings.get(userId)! })), played, byes);
    pairs = swissRound(
      table.map((r) => ({ userId: r.userId, points: r.points, rating: r.rating })),
      all.filter((m) => m.player_b).map((m) => ({ a: m.player_a, b: m.player_b! })),
      new Set(byes),
    );
  } else {
    const winners = all
      .filter((m) => m.round === league.current_round)
      .sort((x, y) => x.slot! - y.slot!)
      .map((m) => (m.status === 'bye' || m.result === 'a' ? m.player_a : m.player_b!));
    pairs = winners.length > 1 ? eliminationNextRound(winners) : null;
  }
  if (!pairs) {
    await finish();
    return;
  }
  await insertRound(tx, events, league, next, pairs);
  await tx('leagues').where({ id: league.id }).update({ current_round: next }).returning('id');
}

export { leaderboard, leagueStandings, userElo } from './rankings';
