// Webhook procedures: endpoints, deliveries, replays, test events, and the event catalogue.
import * as s from '../../../shared/schemas/webhooks';
import { emptyInput } from '../../../shared/schemas/primitives';
import { noContent } from '../../../shared/schemas/auth';
import { publicProcedure, router, userOrApiKeyProcedure } from '../../trpc';
import { eventTypes } from '../../events/catalogue';
import * as webhooks from './service';

const tags = ['webhooks'];
const managed = userOrApiKeyProcedure('webhooks:manage');

export const webhooksRouter = router({
  register: managed
    .meta({ openapi: { method: 'POST', path: '/webhooks/register', tags, summary: 'Register a webhook endpoint', protect: true }, successStatus: 201 })
    .input(s.registerWebhookInput)
    .output(s.registerWebhookOutput)
    .mutation(({ ctx, input }) => webhooks.registerWebhook(ctx.db, ctx.platform.config.webhooks, ctx.actor, input)),

  list: managed
    .meta({ openapi: { method: 'GET', path: '/webhooks', tags, summary: 'Your webhook endpoints', protect: true } })
    .input(s.listWebhooksInput)
    .output(s.webhooksOutput)
    .query(({ ctx, input }) => webhooks.listWebhooks(ctx.db, ctx.actor, input)),

  get: managed
    .meta({ openapi: { method: 'GET', path: '/webhooks/{webhookId}', tags, summary: 'One webhook endpoint', protect: true } })
    .input(s.webhookIdInput)
    .output(s.webhookEndpointOutput)
    .query(({ ctx, input }) => webhooks.getWebhook(ctx.db, ctx.actor, input.webhookId)),

  update: managed
    .meta({ openapi: { method: 'PATCH', path: '/webhooks/{webhookId}', tags, summary: 'Change, disable or re-enable an endpoint', protect: true } })
    .input(s.updateWebhookInput)
    .output(s.webhookEndpointOutput)
    .mutation(({ ctx, input }) => webhooks.updateWebhook(ctx.db, ctx.platform.config.webhooks, ctx.actor, input)),

  delete: managed
    .meta({ openapi: { method: 'DELETE', path: '/webhooks/{webhookId}', tags, summary: 'Delete an endpoint', protect: true }, successStatus: 204 })
    .input(s.webhookIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => webhooks.deleteWebhook(ctx.db, ctx.actor, input.webhookId)),

  rotateSecret: managed
    .meta({ openapi: { method: 'POST', path: '/webhooks/{webhookId}/rotate-secret', tags, summary: 'Replace the signing secret', protect: true } })
    .input(s.webhookIdInput)
    .output(s.rotateSecretOutput)
    .mutation(({ ctx, input }) => webhooks.rotateWebhookSecret(ctx.db, ctx.actor, input.webhookId)),

  sendTest: managed
    .meta({ openapi: { method: 'POST', path: '/webhooks/{webhookId}/test', tags, summary: 'Send a webhook.test event to this endpoint', protect: true }, successStatus: 201, errors: ['CONFLICT'] })
    .input(s.webhookIdInput)
    .output(s.deliveryOutput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((trx) => webhooks.sendTestEvent(trx, ctx.platform.events, ctx.actor, input.webhookId)),
    ),

  deliveries: managed
    .meta({ openapi: { method: 'GET', path: '/webhooks/{webhookId}/deliveries', tags, summary: 'Deliveries to an endpoint, newest first', protect: true } })
    .input(s.deliveriesInput)
    .output(s.deliveriesOutput)
    .query(({ ctx, input }) => webhooks.listDeliveries(ctx.db, ctx.actor, input)),

  replay: managed
    .meta({ openapi: { method: 'POST', path: '/webhooks/deliveries/{deliveryId}/replay', tags, summary: 'Send a delivery again', protect: true }, successStatus: 201, errors: ['CONFLICT'] })
    .input(s.deliveryIdInput)
    .output(s.deliveryOutput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((trx) => webhooks.replayDelivery(trx, ctx.platform.events, ctx.actor, input.deliveryId)),
    ),

  eventTypes: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/events/types', tags, summary: 'Every event type a webhook can subscribe to' } })
    .input(emptyInput.optional())
    .output(s.eventTypesOutput)
    .query(() => ({ items: eventTypes().map(({ type, description }) => ({ type, description })) })),
});
