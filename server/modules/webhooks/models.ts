// Rows of webhook endpoints and deliveries and their API shapes; the secret never leaves here.
import type { Delivery, WebhookEndpoint } from '../../../shared/schemas/webhooks';
import type { Mode } from '../../../shared/schemas/developer';

export interface EndpointRow {
  id: string;
  application_id: string;
  mode: Mode;
  url: string;
  description: string;
  events: string[];
  secret: string;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  status: Delivery['status'];
  attempts: number;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: Date;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  event_type: string;
  event_data: unknown;
  event_created_at: Date;
}

export const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  applicationId: r.application_id,
  mode: r.mode,
  url: r.url,
  description: r.description,
  events: r.events,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  disabledAt: r.disabled_at,
  createdAt: r.created_at,
});

/** The body of a delivery, per the Standard Webhooks spec: `{type, timestamp, data}`. */
export const deliveryPayload = (r: Pick<DeliveryRow, 'event_type' | 'event_data' | 'event_created_at'>) => ({
  type: r.event_type,
  timestamp: r.event_created_at.toISOString(),
  data: r.event_data,
});

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  responseStatus: r.response_status,
  responseBody: r.response_body,
  error: r.error,
  durationMs: r.duration_ms,
  payload: deliveryPayload(r),
  createdAt: r.created_at,
  lastAttemptAt: r.last_attempt_at,
  nextAttemptAt: r.next_attempt_at,
  deliveredAt: r.delivered_at,
});
