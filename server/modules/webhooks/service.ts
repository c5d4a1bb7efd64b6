// Webhook endpoints and their deliveries, as their owner manages them: register, list, update,
// delete, rotate the secret, send a test event, list deliveries and replay one. A user manages the
// endpoints of their applications; an API key those of its own application and mode.
import type { z } from 'zod';
import type { Tx } from '../../db/index';
import { DomainError, notFound } from '../../errors';
import { newestFirstPage } from '../../db/cursor';
import type { Actor } from '../../trpc';
import type { EventOutbox } from '../../events/outbox';
import { isEventType, webhookTestEvent } from '../../events/catalogue';
import type {
  deliveriesInput,
  listWebhooksInput,
  registerWebhookInput,
  updateWebhookInput,
} from '../../../shared/schemas/webhooks';
import { defaultApplication, ownedApplication } from '../developer/applications';
import { checkWebhookUrl } from './address-policy';
import { generateWebhookSecret } from './signing';
import { toDelivery, toEndpoint, type DeliveryRow, type EndpointRow } from './models';

export interface WebhookSettings {
  allowPrivate: boolean;
}

function checkEventTypes(types: string[]): string[] {
  const unknown = types.filter((t) => t !== '*' && !isEventType(t));
  if (unknown.length) {
    const issues = unknown.map((t) => ({ path: `events.${types.indexOf(t)}`, message: `${t} is not an event type` }));
    throw new DomainError('VALIDATION_FAILED', `events: ${unknown.join(', ')} is not an event type.`, { issues });
  }
  return [...new Set(types)];
}

/** Endpoints the actor may see: its own application and mode for a key, its applications for a user. */
function visibleEndpoints(tx: Tx, actor: Actor) {
  const query = tx('webhook_endpoints as e').join('applications as a', 'a.id', 'e.application_id').select('e.*');
  if (actor.kind === 'apiKey') return query.where({ 'e.application_id': actor.key.applicationId, 'e.mode': actor.mode });
  return query.where('a.owner_id', actor.userId);
}

async function visibleEndpoint(tx: Tx, actor: Actor, webhookId: string): Promise<EndpointRow> {
  const row = (await visibleEndpoints(tx, actor).where('e.id', webhookId).first()) as EndpointRow | undefined;
  if (!row) throw notFound('webhook');
  return row;
}

export async function registerWebhook(
  tx: Tx,
  settings: WebhookSettings,
  actor: Actor,
  input: z.output<typeof registerWebhookInput>,
) {
  const url = await checkWebhookUrl(input.url, settings.allowPrivate);
  const events = checkEventTypes(input.events);
  let applicationId: string;
  let mode = actor.mode;
  if (actor.kind === 'apiKey') {
    if (input.applicationId && input.applicationId !== actor.key.applicationId) throw notFound('application');
    applicationId = actor.key.applicationId;
  } else {
    applicationId = input.applicationId
      ? (await ownedApplication(tx, actor.userId, input.applicationId)).id
      : (await defaultApplication(tx, actor.userId)).id;
    mode = input.mode ?? 'live';
  }
  const secret = input.secret ?? generateWebhookSecret();
  const [row] = (await tx('webhook_endpoints')
    .insert({ application_id: applicationId, mode, url, events, secret, description: input.description ?? '' })
    .returning('*')) as EndpointRow[];
  return { endpoint: toEndpoint(row!), secret };
}

export async function listWebhooks(tx: Tx, actor: Actor, input: z.output<typeof listWebhooksInput>) {
  const query = visibleEndpoints(tx, actor);
  if (input.applicationId) query.where('e.application_id', input.applicationId);
  if (input.mode) query.where('e.mode', input.mode);
  const { rows, nextCursor } = await newestFirstPage<EndpointRow>(query, input, 'e.');
  return { items: rows.map(toEndpoint), nextCursor };
}

export async function getWebhook(tx: Tx, actor: Actor, webhookId: string) {
  return toEndpoint(await visibleEndpoint(tx, actor, webhookId));
}

export async function updateWebhook(
  tx: Tx,
  settings: WebhookSettings,
  actor: Actor,
  input: z.output<typeof updateWebhookInput>,
) {
  await visibleEndpoint(tx, actor, input.webhookId);
  const change: Record<string, unknown> = { updated_at: tx.fn.now() };
  if (input.url !== undefined) change.url = await checkWebhookUrl(input.url, settings.allowPrivate);
  if (input.events !== undefined) change.events = checkEventTypes(input.events);
  if (input.description !== undefined) change.description = input.description;
  if (input.enabled !== undefined) {
    change.enabled = input.enabled;
    change.disabled_reason = input.enabled ? null : 'Disabled by its owner.';
    change.disabled_at = input.enabled ? null : tx.fn.now();
  }
  const [row] = (await tx('webhook_endpoints').where({ id: input.webhookId }).update(change).returning('*')) as EndpointRow[];
  return toEndpoint(row!);
}

export async function deleteWebhook(tx: Tx, actor: Actor, webhookId: string): Promise<void> {
  await visibleEndpoint(tx, actor, webhookId);
  await tx('webhook_endpoints').where({ id: webhookId }).delete().returning('id');
}

/** A new secret; deliveries from now on are signed with it. */
export async function rotateWebhookSecret(tx: Tx, actor: Actor, webhookId: string) {
  await visibleEndpoint(tx, actor, webhookId);
  const secret = generateWebhookSecret();
  await tx('webhook_endpoints').where({ id: webhookId }).update({ secret, updated_at: tx.fn.now() });
  return { secret };
}

/** Emits a `webhook.test` event to this endpoint only, and returns its delivery. */
export async function sendTestEvent(tx: Tx, events: EventOutbox, actor: Actor, webhookId: string) {
  const endpoint = await visibleEndpoint(tx, actor, webhookId);
  const { deliveryIds } = await events.emit(tx, {
    event: webhookTestEvent,
    data: { endpointId: endpoint.id, message: 'This is a test event from CalOS.' },
    mode: endpoint.mode,
    userId: actor.userId,
    applicationId: endpoint.application_id,
    endpointId: endpoint.id,
  });
  return getDelivery(tx, deliveryIds[0]!);
}

const deliveryColumns = ['d.*', 'ev.type as event_type', 'ev.data as event_data', 'ev.created_at as event_created_at'];

async function getDelivery(tx: Tx, deliveryId: string) {
  const row = (await tx('webhook_deliveries as d')
    .join('events as ev', 'ev.id', 'd.event_id')
    .where('d.id', deliveryId)
    .first(deliveryColumns)) as DeliveryRow;
  return toDelivery(row);
}

export async function listDeliveries(tx: Tx, actor: Actor, input: z.output<typeof deliveriesInput>) {
  await visibleEndpoint(tx, actor, input.webhookId);
  const query = tx('webhook_deliveries as d')
    .join('events as ev', 'ev.id', 'd.event_id')
    .where('d.endpoint_id', input.webhookId)
    .select(deliveryColumns);
  if (input.status) query.where('d.status', input.status);
  const { rows, nextCursor } = await newestFirstPage<DeliveryRow>(query, input, 'd.');
  return { items: rows.map(toDelivery), nextCursor };
}

/** Sends a delivery's event again to its endpoint, as a new delivery with its own history. */
export async function replayDelivery(tx: Tx, events: EventOutbox, actor: Actor, deliveryId: string) {
  const original = (await tx('webhook_deliveries').where({ id: deliveryId }).first()) as DeliveryRow | undefined;
  if (!original) throw notFound('delivery');
  const endpoint = await visibleEndpoint(tx, actor, original.endpoint_id).catch(() => {
    throw notFound('delivery');
  });
  if (!endpoint.enabled) {
    throw new DomainError('CONFLICT', 'The endpoint is disabled; enable it before replaying.', { reason: 'ENDPOINT_DISABLED' });
  }
  const [replay] = (await tx('webhook_deliveries')
    .insert({ endpoint_id: original.endpoint_id, event_id: original.event_id })
    .returning('id')) as Array<{ id: string }>;
  await events.enqueueDelivery(tx, replay!.id);
  return getDelivery(tx, replay!.id);
}
