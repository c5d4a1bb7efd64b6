// calos.oidc: single sign-on with CalOS (OpenID Connect): the clients an application registers, the
// applications a user connected, and the provider's signing keys (administrators). The protocol
// itself (authorization, tokens) is spoken by any OpenID Connect client library, e.g. openid-client.
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type OidcClient = Result<'/oidc-clients/{clientId}', 'get'>;
export type OidcClientWithSecret = Result<'/apps/{applicationId}/oidc-clients', 'post'>;
export type ConnectedApps = Result<'/auth/connected-apps', 'get'>;

export class OidcApi {
  constructor(private readonly http: Transport) {}

  /** Registers a client; a confidential one's `clientSecret` is in this answer only. */
  createClient(applicationId: string, input: Body<'/apps/{applicationId}/oidc-clients', 'post'>, options?: CallOptions): Promise<OidcClientWithSecret> {
    return this.http.request('post', '/apps/{applicationId}/oidc-clients', { path: { applicationId }, body: input }, options);
  }

  clients(applicationId: string, query: Query<'/apps/{applicationId}/oidc-clients', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/apps/{applicationId}/oidc-clients', { path: { applicationId }, query }, options);
  }

  client(clientId: string, options?: CallOptions): Promise<OidcClient> {
    return this.http.request('get', '/oidc-clients/{clientId}', { path: { clientId } }, options);
  }

  updateClient(clientId: string, input: Body<'/oidc-clients/{clientId}', 'patch'>, options?: CallOptions): Promise<OidcClient> {
    return this.http.request('patch', '/oidc-clients/{clientId}', { path: { clientId }, body: input }, options);
  }

  /** A new secret, shown once; the old one stops working at once. */
  rotateClientSecret(clientId: string, options?: CallOptions): Promise<OidcClientWithSecret> {
    return this.http.request('post', '/oidc-clients/{clientId}/secret', { path: { clientId } }, options);
  }

  deleteClient(clientId: string, options?: CallOptions): Promise<void> {
    return this.http.request('delete', '/oidc-clients/{clientId}', { path: { clientId } }, options);
  }

  connectedApps(options?: CallOptions): Promise<ConnectedApps> {
    return this.http.request('get', '/auth/connected-apps', {}, options);
  }

  disconnectApp(clientId: string, options?: CallOptions): Promise<void> {
    return this.http.request('delete', '/auth/connected-apps/{clientId}', { path: { clientId } }, options);
  }

  signingKeys(options?: CallOptions) {
    return this.http.request('get', '/oidc/signing-keys', {}, options);
  }

  rotateSigningKey(options?: CallOptions) {
    return this.http.request('post', '/oidc/signing-keys/rotate', {}, options);
  }
}
