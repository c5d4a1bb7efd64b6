// calos.extensions: which extensions this CalOS runs (/api/extensions/*).
import type { CallOptions, Transport } from '../transport.js';

export class ExtensionsApi {
  constructor(private readonly http: Transport) {}

  /** The extensions this platform runs, ids and versions (public). */
  enabled(options?: CallOptions) {
    return this.http.request('get', '/extensions/enabled', {}, options);
  }

  /** Installed extensions with their routes, actions, events, scopes and jobs (administrators). */
  list(options?: CallOptions) {
    return this.http.request('get', '/extensions', {}, options);
  }
}
