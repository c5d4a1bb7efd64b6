// calos.domains: the domain portfolio extension (/api/ext/domains/*): names with their registry
// data (RDAP), votes (each runs vote_domain), "which name is better?" comparisons with Elo, the
// leaderboard of names and feedback (each runs submit_feedback).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type Domain = Result<'/ext/domains/names/{domainId}', 'get'>;
export type DomainVote = Result<'/ext/domains/names/{domainId}/vote', 'post'>;
export type DomainComparison = Result<'/ext/domains/comparisons', 'post'>;
type Without<T, K extends string> = Omit<NonNullable<T>, K>;

export class DomainsApi {
  constructor(private readonly http: Transport) {}

  /** Adds a name (Unicode or punycode; stored in its ASCII form). Administrators may pass `ownerId`. */
  create(input: Body<'/ext/domains/names', 'post'>, options?: CallOptions): Promise<Domain> {
    return this.http.request('post', '/ext/domains/names', { body: input }, options);
  }

  list(query: Query<'/ext/domains/names', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/domains/names', { query }, options);
  }

  get(domainId: string, options?: CallOptions): Promise<Domain> {
    return this.http.request('get', '/ext/domains/names/{domainId}', { path: { domainId } }, options);
  }

  /** Notes, tags or status of a name you own (or any, as an administrator). */
  update(domainId: string, input: Without<Body<'/ext/domains/names/{domainId}', 'patch'>, 'domainId'>, options?: CallOptions): Promise<Domain> {
    return this.http.request('patch', '/ext/domains/names/{domainId}', { path: { domainId }, body: input as Body<'/ext/domains/names/{domainId}', 'patch'> }, options);
  }

  delete(domainId: string, options?: CallOptions) {
    return this.http.request('delete', '/ext/domains/names/{domainId}', { path: { domainId } }, options);
  }

  /** Queues a new RDAP look-up (409 RDAP_OFF when the server has no RDAP service configured). */
  refreshRdap(domainId: string, options?: CallOptions): Promise<Domain> {
    return this.http.request('post', '/ext/domains/names/{domainId}/rdap', { path: { domainId } }, options);
  }

  /** One vote per user and name; a new one runs vote_domain (429 when it is cooling down). */
  vote(domainId: string, direction: 'up' | 'down' = 'up', options?: CallOptions): Promise<DomainVote> {
    return this.http.request('post', '/ext/domains/names/{domainId}/vote', { path: { domainId }, body: { direction } as Body<'/ext/domains/names/{domainId}/vote', 'post'> }, options);
  }

  /** Two names to compare (`pair: null` when none is left). */
  pair(options?: CallOptions) {
    return this.http.request('get', '/ext/domains/pair', {}, options);
  }

  compare(input: Body<'/ext/domains/comparisons', 'post'>, options?: CallOptions): Promise<DomainComparison> {
    return this.http.request('post', '/ext/domains/comparisons', { body: input }, options);
  }

  leaderboard(query: Query<'/ext/domains/leaderboard', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/domains/leaderboard', { query }, options);
  }

  history(domainId: string, query: Without<Query<'/ext/domains/names/{domainId}/elo-history', 'get'>, 'domainId'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/domains/names/{domainId}/elo-history', { path: { domainId }, query: query as Query<'/ext/domains/names/{domainId}/elo-history', 'get'> }, options);
  }

  /** Feedback on someone else's name; runs submit_feedback (25 Voting XP). */
  submitFeedback(domainId: string, body: string, options?: CallOptions) {
    return this.http.request('post', '/ext/domains/names/{domainId}/feedback', { path: { domainId }, body: { body } as Body<'/ext/domains/names/{domainId}/feedback', 'post'> }, options);
  }

  /** The feedback on a name you own. */
  feedback(domainId: string, query: Without<Query<'/ext/domains/names/{domainId}/feedback', 'get'>, 'domainId'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/domains/names/{domainId}/feedback', { path: { domainId }, query: query as Query<'/ext/domains/names/{domainId}/feedback', 'get'> }, options);
  }
}
