// calos.actions: list, check, execute and register actions (/api/actions/*). These routes are typed
// from the generated document when it has them, from pending.ts until then (see types.ts).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type ActionExecution = Result<'/actions/execute', 'post'>;
export type ActionAvailability = Result<'/actions/check/{code}', 'get'>;
export type ActionParams = NonNullable<Body<'/actions/execute', 'post'>>['params'];

/**
 * `userId` names the user an API key acts for; with a user's own token pass `null` (the user acts
 * as themselves).
 */
export class ActionsApi {
  constructor(private readonly http: Transport) {}

  list(query: Query<'/actions', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/actions', { query }, options);
  }

  /**
   * Runs an action's effects for a user (API key with `actions:execute`, or the user). A refusal is a
   * CalOSError with code COOLDOWN, DAILY_LIMIT, RATE_LIMITED or SCHEDULE_CLOSED and `nextAvailableAt`.
   * Retried safely with one Idempotency-Key.
   */
  execute(userId: string | null, actionCode: string, params: ActionParams = {}, options?: CallOptions): Promise<ActionExecution> {
    const body = { ...(userId ? { userId } : {}), actionCode, params } as Body<'/actions/execute', 'post'>;
    return this.http.request('post', '/actions/execute', { body, idempotent: true }, options);
  }

  /** Whether the action is available now (or `at`), and if not why and when it will be. */
  check(userId: string | null, code: string, extra: { at?: string } = {}, options?: CallOptions): Promise<ActionAvailability> {
    const query = { ...(userId ? { userId } : {}), ...extra } as Query<'/actions/check/{code}', 'get'>;
    return this.http.request('get', '/actions/check/{code}', { path: { code }, query }, options);
  }

  history(userId: string | null, query: Omit<NonNullable<Query<'/actions/history', 'get'>>, 'userId'> = {}, options?: CallOptions) {
    const q = { ...(userId ? { userId } : {}), ...query } as Query<'/actions/history', 'get'>;
    return this.http.request('get', '/actions/history', { query: q }, options);
  }

  stats(userId: string | null, options?: CallOptions) {
    const query = (userId ? { userId } : {}) as Query<'/actions/stats', 'get'>;
    return this.http.request('get', '/actions/stats', { query }, options);
  }

  /** Defines a new action (API key with `actions:register`, or an admin). */
  register(definition: Body<'/actions/register', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/actions/register', { body: definition }, options);
  }
}
