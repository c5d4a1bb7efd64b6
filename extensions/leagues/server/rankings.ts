// Reading leagues' results: a league's standings with tie-breaks, the global leaderboard per game
// (keyset pages) and a user's Elo per game with its history.
import type { z } from 'zod';
import { invalidField, notFound, type Kernel, type ModeScope, type Tx } from '../../../server/extensions/api';
import type { leaderboardInput } from '../schemas';
import { gameOrFail } from './games/index';
import { STARTING_RATING } from '../../../shared/elo';
import { computeStandings } from './standings';
import type { MatchRow, RatingRow } from './models';
import { leagueRealm, visibleLeague } from './access';

export async function leagueStandings(tx: Tx, kernel: Kernel, scope: ModeScope, leagueId: string) {
  const league = await visibleLeague(tx, scope, leagueId);
  const registered = (await tx('league_participants as p')
    .leftJoin('player_ratings as r', (j) => j.on('r.user_id', 'p.user_id').andOnVal('r.game', league.game).andOnVal('r.mode', leagueRealm(league)))
    .where('p.league_id', leagueId)
    .select('p.user_id', 'r.rating')) as Array<{ user_id: string; rating: number | null }>;
  const names = await kernel.users.names(tx, registered.map((p) => p.user_id));
  const participants = registered.filter((p) => names.has(p.user_id));
  const matches = (await tx('league_matches')
    .where({ league_id: leagueId })
    .whereIn('status', ['completed', 'bye'])
    .select('player_a', 'player_b', 'status', 'result')) as Array<Pick<MatchRow, 'player_a' | 'player_b' | 'status' | 'result'>>;
  const played = matches.filter((m) => m.status === 'completed').map((m) => ({ a: m.player_a, b: m.player_b!, result: m.result! }));
  const byes = matches.filter((m) => m.status === 'bye').map((m) => m.player_a);
  const rows = computeStandings(
    league.format,
    participants.map((p) => ({ userId: p.user_id, rating: p.rating ?? STARTING_RATING })),
    played,
    byes,
  );
  return {
    items: rows.map((r) => ({
      rank: r.rank,
      userId: r.userId,
      username: names.get(r.userId)!,
      played: r.played,
      won: r.won,
      drawn: r.drawn,
      lost: r.lost,
      points: r.points,
      rating: Math.round(r.rating),
      tieBreaks: { headToHead: r.headToHead, sonnebornBerger: r.sonnebornBerger, buchholz: r.buchholz },
    })),
  };
}

interface LeaderboardCursor {
  rating: number;
  userId: string;
  rank: number;
}

function decodeLeaderboardCursor(cursor: string): LeaderboardCursor {
  try {
    const [rating, userId, rank] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string, number];
    if (typeof rating !== 'number' || !/^[0-9a-f-]{36}$/i.test(userId) || !Number.isInteger(rank)) throw new Error('bad');
    return { rating, userId, rank };
  } catch {
    throw invalidField('cursor', 'is not a cursor returned by this list');
  }
}

/**
 * The live leaderboard of a game: players with at least one game, best rating first, ties by user
 * id. Keyset pages over the (game, mode, rating DESC, user_id) index; the cursor carries the rank
 * reached so far, so a page never counts the rows above it.
 */
export async function leaderboard(tx: Tx, kernel: Kernel, input: z.output<typeof leaderboardInput>) {
  const game = gameOrFail(input.game);
  const after = input.cursor ? decodeLeaderboardCursor(input.cursor) : undefined;
  const query = tx('player_ratings')
    .where({ game: game.code, mode: 'live' })
    .where('games', '>', 0)
    .orderBy([{ column: 'rating', order: 'desc' }, { column: 'user_id', order: 'asc' }])
    .limit(input.limit + 1)
    .select('user_id', 'rating', 'games');
  if (after) {
    query.where((w) => w.where('rating', '<', after.rating).orWhere((x) => x.where('rating', after.rating).where('user_id', '>', after.userId)));
  }
  const fetched = (await query) as Array<{ user_id: string; rating: number; games: number }>;
  const rows = fetched.slice(0, input.limit);
  const names = await kernel.users.names(tx, rows.map((r) => r.user_id));
  const base = after?.rank ?? 0;
  // A user deleted since the ratings were read is left out (ratings go with the user).
  const items = rows.flatMap((r, i) => {
    const username = names.get(r.user_id);
    return username === undefined ? [] : [{ rank: base + i + 1, userId: r.user_id, username, rating: Math.round(r.rating), games: r.games }];
  });
  const last = rows.at(-1);
  const nextCursor =
    fetched.length > input.limit && last
      ? Buffer.from(JSON.stringify([last.rating, last.user_id, base + rows.length])).toString('base64url')
      : null;
  return { items, nextCursor };
}

const HISTORY_LENGTH = 200;

/** A user's live ratings, one per game played, each with its latest history, oldest first. */
export async function userElo(tx: Tx, kernel: Kernel, userId: string) {
  if (!(await kernel.users.exists(tx, userId))) throw notFound('user');
  const ratings = (await tx('player_ratings').where({ user_id: userId, mode: 'live' }).where('games', '>', 0).orderBy('game')) as RatingRow[];
  const items = [];
  for (const r of ratings) {
    const history = (await tx('elo_history')
      .where({ user_id: userId, game: r.game, mode: 'live' })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(HISTORY_LENGTH)
      .select('created_at', 'rating_after', 'match_id', 'league_id')) as Array<{ created_at: Date; rating_after: number; match_id: string; league_id: string }>;
    items.push({
      game: r.game,
      rating: Math.round(r.rating),
      exactRating: r.rating,
      games: r.games,
      wins: r.wins,
      draws: r.draws,
      losses: r.losses,
      peak: Math.round(r.peak),
      history: history.reverse().map((h) => ({ at: h.created_at, rating: h.rating_after, matchId: h.match_id, leagueId: h.league_id })),
    });
  }
  return { items };
}

