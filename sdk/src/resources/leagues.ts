// calos.leagues: games, leagues, matches, standings and Elo ratings (/api/leagues/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type League = Result<'/leagues/create', 'post'>;
export type LeagueDetail = Result<'/leagues/{leagueId}', 'get'>;
export type MatchResult = Result<'/leagues/match', 'post'>;

export class LeaguesApi {
  constructor(private readonly http: Transport) {}

  games(options?: CallOptions) {
    return this.http.request('get', '/leagues/games', {}, options);
  }

  list(query: Query<'/leagues', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/leagues', { query }, options);
  }

  /** The league with its participants and fixtures. */
  get(leagueId: string, options?: CallOptions): Promise<LeagueDetail> {
    return this.http.request('get', '/leagues/{leagueId}', { path: { leagueId } }, options);
  }

  /**
   * Admin, or API key with `leagues:manage`. Only `game` and `startDate` are needed:
   * `create({ game: 'chess', tier: 'bronze', startDate: '2025-11-01' })`. A date alone is 00:00 UTC;
   * the rest defaults (name from game, tier and month, format `open`, 30 days, 64 players, K 32),
   * and a start in the past starts the league at once (an `open` one only).
   */
  create(input: Body<'/leagues/create', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/leagues/create', { body: input }, options);
  }

  /** Joins a league: the signed-in user, or `userId` for an API key with `leagues:manage`. */
  register(leagueId: string, extra: { userId?: string } = {}, options?: CallOptions) {
    return this.http.request('post', '/leagues/register', { body: { leagueId, ...extra } }, options);
  }

  /** Starts the league now and draws its fixtures. */
  start(leagueId: string, options?: CallOptions) {
    return this.http.request('post', '/leagues/{leagueId}/start', { path: { leagueId } }, options);
  }

  /** Records a finished game and updates both Elo ratings at once. Retried safely with one Idempotency-Key. */
  recordMatch(input: Body<'/leagues/match', 'post'>, options?: CallOptions): Promise<MatchResult> {
    return this.http.request('post', '/leagues/match', { body: input, idempotent: true }, options);
  }

  standings(leagueId: string, options?: CallOptions) {
    return this.http.request('get', '/leagues/standings', { query: { leagueId } }, options);
  }

  leaderboard(query: Query<'/leagues/leaderboard', 'get'>, options?: CallOptions) {
    return this.http.request('get', '/leagues/leaderboard', { query }, options);
  }

  elo(userId: string, options?: CallOptions) {
    return this.http.request('get', '/leagues/elo/{userId}', { path: { userId } }, options);
  }
}
