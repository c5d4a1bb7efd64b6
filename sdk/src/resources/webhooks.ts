// calos.webhooks: endpoints, their deliveries and the event catalogue (/api/webhooks/*, /api/events/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type WebhookEndpoint = Result<'/webhooks/{webhookId}', 'get'>;

type WebhookUpdate = Omit<NonNullable<Body<'/webhooks/{webhookId}', 'patch'>>, 'webhookId'>;

export class WebhooksApi {
  constructor(private readonly http: Transport) {}

  /** Subscribes a URL to events; without `secret` one is generated and shown once in the answer. */
  register(input: Body<'/webhooks/register', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/webhooks/register', { body: input }, options);
  }

  list(query: Query<'/webhooks', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/webhooks', { query }, options);
  }

  get(webhookId: string, options?: CallOptions): Promise<WebhookEndpoint> {
    return this.http.request('get', '/webhooks/{webhookId}', { path: { webhookId } }, options);
  }

  update(webhookId: string, input: WebhookUpdate, options?: CallOptions) {
    return this.http.request('patch', '/webhooks/{webhookId}', { path: { webhookId }, body: input }, options);
  }

  delete(webhookId: string, options?: CallOptions) {
    return this.http.request('delete', '/webhooks/{webhookId}', { path: { webhookId } }, options);
  }

  rotateSecret(webhookId: string, options?: CallOptions) {
    return this.http.request('post', '/webhooks/{webhookId}/rotate-secret', { path: { webhookId } }, options);
  }

  /** Sends a `webhook.test` event to the endpoint. */
  sendTest(webhookId: string, options?: CallOptions) {
    return this.http.request('post', '/webhooks/{webhookId}/test', { path: { webhookId } }, options);
  }

  deliveries(webhookId: string, query: Query<'/webhooks/{webhookId}/deliveries', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/webhooks/{webhookId}/deliveries', { path: { webhookId }, query }, options);
  }

  replay(deliveryId: string, options?: CallOptions) {
    return this.http.request('post', '/webhooks/deliveries/{deliveryId}/replay', { path: { deliveryId } }, options);
  }

  /** The event catalogue: every type an endpoint may subscribe to. */
  eventTypes(options?: CallOptions) {
    return this.http.request('get', '/events/types', {}, options);
  }
}
