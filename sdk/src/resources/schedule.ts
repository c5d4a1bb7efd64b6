// calos.schedule: when time-limited actions are available (/api/schedule/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query } from '../types.js';

export class ScheduleApi {
  constructor(private readonly http: Transport) {}

  list(options?: CallOptions) {
    return this.http.request('get', '/schedule/list', {}, options);
  }

  /** Whether a schedule is open now (or `at`), and its next opening and closing. */
  check(query: Query<'/schedule/check', 'get'>, options?: CallOptions) {
    return this.http.request('get', '/schedule/check', { query }, options);
  }

  /** Opens an action to one user outside its schedule (admin, or API key with `schedule:manage`). */
  createException(input: Body<'/schedule/exception', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/schedule/exception', { body: input }, options);
  }
}
