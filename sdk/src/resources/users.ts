// calos.users: finding users (/api/users, administrators and keys with `users:read`).
import type { CallOptions, Transport } from '../transport.js';
import type { Query } from '../types.js';

export class UsersApi {
  constructor(private readonly http: Transport) {}

  /** Users whose username starts with `q`, a page at a time (`limit`, `cursor`); administrators. */
  find(query: Query<'/users', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/users', { query }, options);
  }
}
