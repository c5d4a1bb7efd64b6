// The outbox writer. A module emits an event inside the transaction of the change that caused it:
// the event row, one delivery row per subscribed webhook endpoint, and one queued job per delivery
// all commit with the change or not at all, so no event is lost and none is sent for a rollback.
import type { z } from 'zod';
import type { Knex } from 'knex';
import type { Tx } from '../db/index';
import { inTransaction, type JobQueue } from '../jobs';
import type { Mode } from '../../shared/schemas/developer';
import type { EventDefinition } from './catalogue';

export const DELIVERY_QUEUE = 'webhook-delivery';

export interface EmitInput<T extends z.ZodType> {
  event: EventDefinition<T>;
  data: z.input<T>;
  mode: Mode;
  /** The user the event is about. */
  userId?: string | null;
  /** The application whose API key caused it, if one did. */
  applicationId?: string | null;
  /** Deliver to this endpoint only (test events); otherwise to every subscribed endpoint. */
  endpointId?: string;
}

export interface EventOutbox {
  emit<T extends z.ZodType>(tx: Tx, input: EmitInput<T>): Promise<{ eventId: string; deliveryIds: string[] }>;
  /** Queues one more attempt of an existing delivery (replays and retries). */
  enqueueDelivery(tx: Tx, deliveryId: string, startAfterSeconds?: number): Promise<void>;
}

export function createOutbox(queue: JobQueue, wakeWorkers: () => void): EventOutbox {
  const afterCommit = (tx: Tx) => {
    const done = (tx as Knex.Transaction).executionPromise;
    if (done) done.then(wakeWorkers, () => undefined);
    else wakeWorkers();
  };
  const outbox: EventOutbox = {
    async emit(tx, input) {
      const data = input.event.data.parse(input.data);
      const subscribed = input.endpointId
        ? tx('webhook_endpoints as e').where('e.id', input.endpointId).select(tx.raw('e.id, (SELECT id FROM ev)'))
        : tx('webhook_endpoints as e')
            .join('applications as a', 'a.id', 'e.application_id')
            .join('users as u', 'u.id', 'a.owner_id')
            .where('e.enabled', true)
            .where('e.mode', input.mode)
            .whereRaw('(? = ANY(e.events) OR ? = ANY(e.events))', [input.event.type, '*'])
            .where((w) => {
              w.where('u.role', 'admin');
              if (input.applicationId) w.orWhere('a.id', input.applicationId);
              if (input.userId) w.orWhere('a.owner_id', input.userId);
            })
            .select(tx.raw('e.id, (SELECT id FROM ev)'));
      // One statement: the event and a delivery row for each subscribed endpoint.
      const { rows } = await tx.raw(
        `WITH ev AS (INSERT INTO events (type, mode, user_id, application_id, data) VALUES (?, ?, ?, ?, ?) RETURNING id),
              d AS (INSERT INTO webhook_deliveries (endpoint_id, event_id) ? RETURNING id)
         SELECT (SELECT id FROM ev) AS event_id, coalesce((SELECT array_agg(id) FROM d), '{}') AS delivery_ids`,
        [input.event.type, input.mode, input.userId ?? null, input.applicationId ?? null, JSON.stringify(data), subscribed],
      );
      const eventId = rows[0].event_id as string;
      const deliveries = (rows[0].delivery_ids as string[]).map((id) => ({ id }));
      if (deliveries.length) {
        await queue.insert(
          deliveries.map((d) => ({ name: DELIVERY_QUEUE, data: { deliveryId: d.id } })),
          { db: inTransaction(tx) },
        );
        afterCommit(tx);
      }
      return { eventId, deliveryIds: deliveries.map((d) => d.id) };
    },

    async enqueueDelivery(tx, deliveryId, startAfterSeconds) {
      await queue.send(
        DELIVERY_QUEUE,
        { deliveryId },
        { ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}), db: inTransaction(tx) },
      );
      if (!startAfterSeconds) afterCommit(tx);
    },
  };
  return outbox;
}
