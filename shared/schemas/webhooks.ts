// Webhooks and events: endpoints, deliveries and the event catalogue, shared by server and client.
import { z } from 'zod';
import { listInput, page, text, timestamp, uuid } from './primitives';
import { mode } from './developer';

/** A Standard Webhooks secret: `whsec_` and the base64 of at least 24 random bytes. */
export const webhookSecret = z
  .string()
  .max(200)
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64')
  .refine((s) => decodedLength(s.slice(6)) >= 24, 'must hold at least 24 random bytes of valid base64');

function decodedLength(base64: string): number {
  try {
    return atob(base64).length;
  } catch {
    return 0;
  }
}

export const eventTypeName = text(100, 1).describe('An event type from GET /api/events/types, or "*" for all.');

export const webhookEndpointOutput = z.object({
  id: uuid(),
  applicationId: uuid(),
  mode,
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: timestamp().nullable(),
  createdAt: timestamp(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointOutput>;

export const registerWebhookInput = z.strictObject({
  url: text(2000, 1).describe('Where deliveries are POSTed: http(s), not a private address.'),
  events: z.array(eventTypeName).min(1).max(100),
  secret: webhookSecret.optional().describe('Generated (and returned once) when omitted.'),
  description: text(500).optional(),
  applicationId: uuid().optional().describe('Users only: the application it belongs to (default: your first).'),
  mode: mode.optional().describe('Users only; an API key registers in its own mode.'),
});
export const registerWebhookOutput = z.object({
  endpoint: webhookEndpointOutput,
  secret: z.string().describe('The signing secret. Shown only here and when rotated.'),
});

export const webhookIdInput = z.strictObject({ webhookId: uuid() });
export const listWebhooksInput = z.strictObject({ applicationId: uuid().optional(), mode: mode.optional(), ...listInput });
export const webhooksOutput = page(webhookEndpointOutput);
export const updateWebhookInput = z.strictObject({
  webhookId: uuid(),
  url: text(2000, 1).optional(),
  events: z.array(eventTypeName).min(1).max(100).optional(),
  description: text(500).optional(),
  enabled: z.boolean().optional().describe('Re-enabling clears the reason it was disabled.'),
});
export const rotateSecretOutput = z.object({ secret: z.string() });

export const deliveryStatus = z.enum(['pending', 'retrying', 'succeeded', 'failed', 'cancelled']);
export const deliveryOutput = z.object({
  id: uuid(),
  endpointId: uuid(),
  eventId: uuid(),
  eventType: z.string(),
  status: deliveryStatus,
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable().describe('The first 2 KB of the last response.'),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  payload: z.unknown().describe('The body that was (or will be) sent.'),
  createdAt: timestamp(),
  lastAttemptAt: timestamp().nullable(),
  nextAttemptAt: timestamp().nullable(),
  deliveredAt: timestamp().nullable(),
});
export type Delivery = z.infer<typeof deliveryOutput>;
export const deliveriesInput = z.strictObject({ webhookId: uuid(), status: deliveryStatus.optional(), ...listInput });
export const deliveriesOutput = page(deliveryOutput);
export const deliveryIdInput = z.strictObject({ deliveryId: uuid() });

export const eventTypesOutput = z.object({
  items: z.array(z.object({ type: z.string(), description: z.string() })),
});
