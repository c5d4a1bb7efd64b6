// Webhook procedures: endpoints, deliveries, replays, test events, and the event catalogue.
import * as s from '../../../shared/schemas/webhooks';
import { emptyInput } from '../../../shared/schemas/primitives';
import { noContent } from '../../../shared/schemas/auth';
import { publicProcedure, router, userOrApiKeyProcedure } from '../../trpc';
import { eventTypes } from '../../events/catalogue';
import * as webhooks from './service';
import * as ex from './examples';

const tags = ['webhooks'];
const managed = userOrApiKeyProcedure('webhooks:manage');

export const webhooksRouter = router({
  register: managed
    .meta({
      secretAnswer: true,
      openapi: {
        method: 'POST',
        path: '/webhooks/register',
        tags,
        summary: 'Register a webhook endpoint',
        description:
          'Registers a URL to receive events, signed per Standard Webhooks with the answer’s `secret` (shown ' +
          'here and when rotated, never again). The URL must be http(s) and must not resolve to a private ' +
          'address. An API key registers for its own application and mode; a user names the application ' +
          '(default: their first) and mode. Each delivery is a POST of `{type, timestamp, data}` with ' +
          '`webhook-id`, `webhook-timestamp` and `webhook-signature` headers, at least once and in order; a ' +
          'failure is retried for about a day, then the endpoint is disabled (docs/webhooks.md).',
        protect: true,
      },
      successStatus: 201,
      examples: ex.register,
    })
    .input(s.registerWebhookInput)
    .output(s.registerWebhookOutput)
    .mutation(({ ctx, input }) => webhooks.registerWebhook(ctx.db, ctx.platform.config.webhooks, ctx.actor, input)),

  list: managed
    .meta({
      openapi: {
        method: 'GET',
        path: '/webhooks',
        tags,
        summary: 'Your webhook endpoints',
        description:
          'Your webhook endpoints, newest first: an API key sees its own application’s in its own mode, a user ' +
          'those of all their applications.',
        protect: true,
      },
      examples: ex.list,
    })
    .input(s.listWebhooksInput)
    .output(s.webhooksOutput)
    .query(({ ctx, input }) => webhooks.listWebhooks(ctx.db, ctx.actor, input)),

  get: managed
    .meta({
      openapi: {
        method: 'GET',
        path: '/webhooks/{webhookId}',
        tags,
        summary: 'One webhook endpoint',
        description:
          'One webhook endpoint, with whether it is enabled and why it was disabled.',
        protect: true,
      },
      examples: ex.get,
    })
    .input(s.webhookIdInput)
    .output(s.webhookEndpointOutput)
    .query(({ ctx, input }) => webhooks.getWebhook(ctx.db, ctx.actor, input.webhookId)),

  update: managed
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/webhooks/{webhookId}',
        tags,
        summary: 'Change, disable or re-enable an endpoint',
        description:
          'Changes an endpoint’s URL, events or description, or disables it (`enabled: false`) or enables it ' +
          'again, which clears the reason it was disabled. Fields left out stay as they are.',
        protect: true,
      },
      examples: ex.update,
    })
    .input(s.updateWebhookInput)
    .output(s.webhookEndpointOutput)
    .mutation(({ ctx, input }) => webhooks.updateWebhook(ctx.db, ctx.platform.config.webhooks, ctx.actor, input)),

  delete: managed
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/webhooks/{webhookId}',
        tags,
        summary: 'Delete an endpoint',
        description:
          'Deletes an endpoint with its deliveries and their history; nothing more is sent to it.',
        protect: true,
      },
      successStatus: 204,
      examples: ex.remove,
    })
    .input(s.webhookIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => webhooks.deleteWebhook(ctx.db, ctx.actor, input.webhookId)),

  rotateSecret: managed
    .meta({
      secretAnswer: true,
      openapi: {
        method: 'POST',
        path: '/webhooks/{webhookId}/rotate-secret',
        tags,
        summary: 'Replace the signing secret',
        description:
          'Replaces the endpoint’s signing secret: deliveries from now on are signed with the new one, shown ' +
          'only in this answer.',
        protect: true,
      },
      examples: ex.rotateSecret,
    })
    .input(s.webhookIdInput)
    .output(s.rotateSecretOutput)
    .mutation(({ ctx, input }) => webhooks.rotateWebhookSecret(ctx.db, ctx.actor, input.webhookId)),

  sendTest: managed
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhooks/{webhookId}/test',
        tags,
        summary: 'Send a webhook.test event to this endpoint',
        description:
          'Sends a `webhook.test` event to this endpoint only, to check that it receives and verifies ' +
          'deliveries; answers the delivery, which is sent right after.',
        protect: true,
      },
      successStatus: 201,
      errors: ['CONFLICT'],
      examples: ex.sendTest,
    })
    .input(s.webhookIdInput)
    .output(s.deliveryOutput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((trx) => webhooks.sendTestEvent(trx, ctx.platform.events, ctx.actor, input.webhookId)),
    ),

  deliveries: managed
    .meta({
      openapi: {
        method: 'GET',
        path: '/webhooks/{webhookId}/deliveries',
        tags,
        summary: 'Deliveries to an endpoint, newest first',
        description:
          'Deliveries to an endpoint, newest first, with their attempts, the answer’s status and its first 2 ' +
          'KB, and the body that was sent. Filter by `status`.',
        protect: true,
      },
      examples: ex.deliveries,
    })
    .input(s.deliveriesInput)
    .output(s.deliveriesOutput)
    .query(({ ctx, input }) => webhooks.listDeliveries(ctx.db, ctx.actor, input)),

  replay: managed
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhooks/deliveries/{deliveryId}/replay',
        tags,
        summary: 'Send a delivery again',
        description:
          'Sends a delivery’s event again to its endpoint, as a new delivery with the same `webhook-id` and a ' +
          'history of its own. The endpoint must be enabled (409 otherwise).',
        protect: true,
      },
      successStatus: 201,
      errors: ['CONFLICT'],
      examples: ex.replay,
    })
    .input(s.deliveryIdInput)
    .output(s.deliveryOutput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((trx) => webhooks.replayDelivery(trx, ctx.platform.events, ctx.actor, input.deliveryId)),
    ),

  eventTypes: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/events/types',
        tags,
        summary: 'Every event type a webhook can subscribe to',
        description:
          'The catalogue of event types an endpoint can subscribe to, with what each one means. `*` subscribes ' +
          'to all.',
      },
      examples: ex.eventTypes,
    })
    .input(emptyInput.optional())
    .output(s.eventTypesOutput)
    .query(() => ({ items: eventTypes().map(({ type, description }) => ({ type, description })) })),
});
