// calos.apps, calos.keys and calos.usage: the developer platform (/api/apps/*, /api/keys/me, /api/usage).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query } from '../types.js';

type ApplicationUpdate = Omit<NonNullable<Body<'/apps/{applicationId}', 'patch'>>, 'applicationId'>;
type KeyInput = Omit<NonNullable<Body<'/apps/{applicationId}/keys', 'post'>>, 'applicationId'>;
type PublishableKeyInput = Omit<NonNullable<Body<'/apps/{applicationId}/publishable-keys', 'post'>>, 'applicationId'>;

export class AppsApi {
  constructor(private readonly http: Transport) {}

  create(input: Body<'/apps', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/apps', { body: input }, options);
  }

  list(query: Query<'/apps', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/apps', { query }, options);
  }

  get(applicationId: string, options?: CallOptions) {
    return this.http.request('get', '/apps/{applicationId}', { path: { applicationId } }, options);
  }

  update(applicationId: string, input: ApplicationUpdate, options?: CallOptions) {
    return this.http.request('patch', '/apps/{applicationId}', { path: { applicationId }, body: input }, options);
  }

  delete(applicationId: string, options?: CallOptions) {
    return this.http.request('delete', '/apps/{applicationId}', { path: { applicationId } }, options);
  }

  /** Creates an API key; its `secret` is in this answer only. */
  createKey(applicationId: string, input: KeyInput, options?: CallOptions) {
    return this.http.request('post', '/apps/{applicationId}/keys', { path: { applicationId }, body: input as Body<'/apps/{applicationId}/keys', 'post'> }, options);
  }

  keys(applicationId: string, query: Query<'/apps/{applicationId}/keys', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/apps/{applicationId}/keys', { path: { applicationId }, query }, options);
  }

  revokeKey(applicationId: string, keyId: string, options?: CallOptions) {
    return this.http.request('delete', '/apps/{applicationId}/keys/{keyId}', { path: { applicationId, keyId } }, options);
  }

  /** A publishable key (`calos_pk_…`) for web pages: works only from `allowedOrigins`, only on routes that take one. */
  createPublishableKey(applicationId: string, input: PublishableKeyInput, options?: CallOptions) {
    return this.http.request('post', '/apps/{applicationId}/publishable-keys', { path: { applicationId }, body: input as Body<'/apps/{applicationId}/publishable-keys', 'post'> }, options);
  }

  publishableKeys(applicationId: string, query: Query<'/apps/{applicationId}/publishable-keys', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/apps/{applicationId}/publishable-keys', { path: { applicationId }, query }, options);
  }

  updatePublishableKey(applicationId: string, keyId: string, allowedOrigins: string[], options?: CallOptions) {
    return this.http.request('patch', '/apps/{applicationId}/publishable-keys/{keyId}', { path: { applicationId, keyId }, body: { allowedOrigins } as Body<'/apps/{applicationId}/publishable-keys/{keyId}', 'patch'> }, options);
  }

  revokePublishableKey(applicationId: string, keyId: string, options?: CallOptions) {
    return this.http.request('delete', '/apps/{applicationId}/publishable-keys/{keyId}', { path: { applicationId, keyId } }, options);
  }

  /** What the application's test keys made in its sandbox (its owner only). */
  testData(applicationId: string, options?: CallOptions) {
    return this.http.request('get', '/apps/{applicationId}/test-data', { path: { applicationId } }, options);
  }
}

export class KeysApi {
  constructor(private readonly http: Transport) {}

  /** The calling API key: its application, mode, scopes and rate limit. */
  me(options?: CallOptions) {
    return this.http.request('get', '/keys/me', {}, options);
  }

  /** Every scope a key may hold (the kernel's and the enabled extensions'), and which need an administrator. */
  scopes(options?: CallOptions) {
    return this.http.request('get', '/scopes', {}, options);
  }
}

export class UsageApi {
  constructor(private readonly http: Transport) {}

  /** Requests, errors and latency per key, route and day. */
  get(query: Query<'/usage', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/usage', { query }, options);
  }
}
