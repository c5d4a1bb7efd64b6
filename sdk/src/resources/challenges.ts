// calos.challenges: the code challenges extension (/api/ext/challenges/*): model profiles and
// standings, challenges (with an optional subject), entries, generation control, blind pairwise
// and rubric judging, the AI panel, results and the winner. Entry contents are served sandboxed at
// each entry's `contentUrl` (frame them in an `<iframe sandbox>`; never insert them into a page).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type Challenge = Result<'/ext/challenges/challenges/{challengeId}', 'get'>;
export type ChallengeEntries = Result<'/ext/challenges/challenges/{challengeId}/entries', 'get'>;
export type ChallengePair = Result<'/ext/challenges/challenges/{challengeId}/pair', 'get'>;
export type ChallengeResults = Result<'/ext/challenges/challenges/{challengeId}/results', 'get'>;
type Without<T, K extends string> = Omit<NonNullable<T>, K>;

export class ChallengesApi {
  constructor(private readonly http: Transport) {}

  /** Model profiles (the twelve synthetic stub brands and any an administrator added), with their Elo. */
  profiles(options?: CallOptions) {
    return this.http.request('get', '/ext/challenges/profiles', {}, options);
  }

  /** Adds a model profile (administrators): `ollama` needs CALOS_OLLAMA_URL; `stub` is always there. */
  createProfile(input: Body<'/ext/challenges/profiles', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/ext/challenges/profiles', { body: input }, options);
  }

  /** Every entrant (model profile or person) by Elo from blind pairwise judgments. */
  standings(query: Query<'/ext/challenges/standings', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/challenges/standings', { query }, options);
  }

  /** Creates a challenge you teach; its model contestants start generating at once. */
  create(input: Body<'/ext/challenges/challenges', 'post'>, options?: CallOptions): Promise<Challenge> {
    return this.http.request('post', '/ext/challenges/challenges', { body: input }, options);
  }

  /** Challenges, newest first; `subjectType` and `subjectId` give those about one subject. */
  list(query: Query<'/ext/challenges/challenges', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/challenges/challenges', { query }, options);
  }

  get(challengeId: string, options?: CallOptions): Promise<Challenge> {
    return this.http.request('get', '/ext/challenges/challenges/{challengeId}', { path: { challengeId } }, options);
  }

  inviteJudges(challengeId: string, userIds: string[], options?: CallOptions): Promise<Challenge> {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/judges', { path: { challengeId }, body: { userIds } as Body<'/ext/challenges/challenges/{challengeId}/judges', 'post'> }, options);
  }

  entries(challengeId: string, options?: CallOptions): Promise<ChallengeEntries> {
    return this.http.request('get', '/ext/challenges/challenges/{challengeId}/entries', { path: { challengeId } }, options);
  }

  /** Your entry (once per challenge, before the deadline). */
  submit(challengeId: string, input: Without<Body<'/ext/challenges/challenges/{challengeId}/entries', 'post'>, 'challengeId'>, options?: CallOptions) {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/entries', { path: { challengeId }, body: input as Body<'/ext/challenges/challenges/{challengeId}/entries', 'post'> }, options);
  }

  /** Queues the failed or cancelled model entries again (the teacher). */
  generate(challengeId: string, options?: CallOptions) {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/generate', { path: { challengeId } }, options);
  }

  /** Cancels every queued or running generation (the teacher). */
  cancel(challengeId: string, options?: CallOptions) {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/cancel', { path: { challengeId } }, options);
  }

  /** The next blind pair for the calling judge, or `pair: null`. */
  pair(challengeId: string, options?: CallOptions): Promise<ChallengePair> {
    return this.http.request('get', '/ext/challenges/challenges/{challengeId}/pair', { path: { challengeId } }, options);
  }

  /** A, B or a tie, once per judge and pair. */
  judgePair(challengeId: string, input: Without<Body<'/ext/challenges/challenges/{challengeId}/pairwise', 'post'>, 'challengeId'>, options?: CallOptions) {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/pairwise', { path: { challengeId }, body: input as Body<'/ext/challenges/challenges/{challengeId}/pairwise', 'post'> }, options);
  }

  /** Rubric scores (0–10 per criterion), once per judge and entry. */
  score(challengeId: string, input: Without<Body<'/ext/challenges/challenges/{challengeId}/scores', 'post'>, 'challengeId'>, options?: CallOptions) {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/scores', { path: { challengeId }, body: input as Body<'/ext/challenges/challenges/{challengeId}/scores', 'post'> }, options);
  }

  /** Queues the AI panel's judgments of every finished entry (the teacher). */
  runPanel(challengeId: string, options?: CallOptions) {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/panel', { path: { challengeId } }, options);
  }

  results(challengeId: string, options?: CallOptions): Promise<ChallengeResults> {
    return this.http.request('get', '/ext/challenges/challenges/{challengeId}/results', { path: { challengeId } }, options);
  }

  /** The teacher's pick (once); the results' suggestion is only a suggestion. */
  pickWinner(challengeId: string, entryId: string, options?: CallOptions): Promise<Challenge> {
    return this.http.request('post', '/ext/challenges/challenges/{challengeId}/winner', { path: { challengeId }, body: { entryId } as Body<'/ext/challenges/challenges/{challengeId}/winner', 'post'> }, options);
  }
}
