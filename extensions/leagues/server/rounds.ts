// Rounds of fixtures: each round's pairings stored (byes as such) and announced, and the next Swiss
// or knockout round generated once a round is complete.
import type { EventEmitter, Realm, Tx } from '../../../server/extensions/api';
import { STARTING_RATING } from '../../../shared/elo';
import { eliminationNextRound, swissRound, type Pairing } from './pairings';
import { computeStandings } from './standings';
import { matchStarted } from './events';
import type { LeagueRow, MatchRow } from './models';
import { leagueRealm } from './access';

/** Current ratings of some users in a game and realm; users who never played are at the start. */
export async function ratingsOf(tx: Tx, game: string, realm: Realm, userIds: string[]): Promise<Map<string, number>> {
  const rows = (await tx('player_ratings').where({ game, mode: realm }).whereIn('user_id', userIds).select('user_id', 'rating')) as Array<{ user_id: string; rating: number }>;
  const ratings = new Map(userIds.map((id) => [id, STARTING_RATING]));
  for (const r of rows) ratings.set(r.user_id, r.rating);
  return ratings;
}

/** Inserts one round's pairings as fixtures (byes recorded as such) and announces the playable ones. */
export async function insertRound(tx: Tx, events: EventEmitter, league: LeagueRow, round: number, pairs: Pairing[]): Promise<MatchRow[]> {
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

/** After a result: the next Swiss or knockout round once this one is complete, or the end. */
export async function advanceLeague(tx: Tx, events: EventEmitter, league: LeagueRow): Promise<void> {
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
    const ratings = await ratingsOf(tx, league.game, leagueRealm(league), participants);
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
