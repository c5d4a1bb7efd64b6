// Match results: recorded at once by an operator, or in two agreeing reports by the players; Elo,
// history, XP, events and the next round in the same transaction.
import type { z } from 'zod';
import { DomainError, invalidField, type Actor, type Kernel, type Tx } from '../../../server/extensions/api';
import type { recordMatchInput } from '../schemas';
import { leaguesSettings } from '../settings';
import { gameOrFail, type MatchResult } from './games/index';
import { rateMatch } from '../../../shared/elo';
import { awardMatchXp } from './rewards';
import { matchCompleted } from './events';
import type { MatchRow, RatingRow } from './models';
import { isOperator, leagueConflict, leagueForActor, leagueRealm } from './access';
import { advanceLeague } from './rounds';

const flip = (r: MatchResult): MatchResult => (r === 'a' ? 'b' : r === 'b' ? 'a' : 'draw');

/** The window of the per-pair limit on players' results in an open league. */
export const PAIR_WINDOW_SECONDS = 86_400;

/**
 * Farming guard. In an open league any two participants may play any number of games, so two
 * accounts could report and confirm wins against each other in a loop for Elo and XP. Results the
 * players record themselves count at most `limit` per pair, per league, in any 24 hours; the next
 * report is refused (429 RATE_LIMITED, reason PAIR_LIMIT) until the oldest leaves the window.
 * Fixtures are not limited (the pairings and the number of rounds are the league's, not the
 * players'), nor are operators' results (an operator vouches for them); the game actions' daily
 * limits still bound the XP of every result. Counted under the league's row lock, which every
 * submission takes first, so parallel reports of one pair cannot pass the limit together.
 */
async function checkPairLimit(tx: Tx, leagueId: string, a: string, b: string, limit: number): Promise<void> {
  const { rows } = await tx.raw(
    `SELECT count(*)::int AS n, min(recorded_at) + make_interval(secs => ?) AS reset_at,
            ceil(extract(epoch FROM min(recorded_at) + make_interval(secs => ?) - now()))::int AS reset_seconds
       FROM league_matches
      WHERE league_id = ? AND round IS NULL AND status = 'completed' AND recorded_by = 'players'
        AND LEAST(player_a, player_b) = LEAST(?::uuid, ?::uuid) AND GREATEST(player_a, player_b) = GREATEST(?::uuid, ?::uuid)
        AND recorded_at > now() - make_interval(secs => ?)`,
    [PAIR_WINDOW_SECONDS, PAIR_WINDOW_SECONDS, leagueId, a, b, a, b, PAIR_WINDOW_SECONDS],
  );
  const window = rows[0] as { n: number; reset_at: Date | null; reset_seconds: number | null };
  if (window.n < limit) return;
  const retryAfterSeconds = Math.max(1, window.reset_seconds ?? PAIR_WINDOW_SECONDS);
  throw new DomainError(
    'RATE_LIMITED',
    `These two players have recorded ${limit} results against each other in this league in the last 24 hours; report the next one later (or ask an operator to record it).`,
    { reason: 'PAIR_LIMIT', limit, retryAfterSeconds, nextAvailableAt: window.reset_at?.toISOString() ?? null },
    { policy: 'league-pair', limit, windowSeconds: PAIR_WINDOW_SECONDS, remaining: 0, resetSeconds: retryAfterSeconds },
  );
}

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
export async function recordMatch(tx: Tx, kernel: Kernel, actor: Actor, input: z.output<typeof recordMatchInput>) {
  const { events } = kernel;
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

  if (!operator && league.format === 'open') {
    await checkPairLimit(tx, league.id, input.playerA, input.playerB, kernel.settings(leaguesSettings).CALOS_LEAGUE_PAIR_RESULTS_PER_DAY);
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
  const realm = leagueRealm(league);
  await tx('player_ratings')
    .insert([a, b].map((user_id) => ({ user_id, game: game.code, mode: realm })))
    .onConflict(['user_id', 'game', 'mode'])
    .ignore();
  const locked = (await tx('player_ratings')
    .where({ game: game.code, mode: realm })
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
      .where({ user_id: id, game: game.code, mode: realm })
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
    { user_id: a, game: game.code, mode: realm, match_id: row!.id, league_id: league.id, rating_before: change.a.before, rating_after: change.a.after },
    { user_id: b, game: game.code, mode: realm, match_id: row!.id, league_id: league.id, rating_before: change.b.before, rating_after: change.b.after },
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

  await awardMatchXp(tx, kernel, { userId: a, game, won: stored === 'a', mode: league.mode, applicationId: league.application_id, matchId: completed!.id });
  await awardMatchXp(tx, kernel, { userId: b, game, won: stored === 'b', mode: league.mode, applicationId: league.application_id, matchId: completed!.id });
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
