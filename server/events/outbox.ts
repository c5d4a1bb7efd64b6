// The outbox writer. A module emits an event inside the transaction of the change that caused it:
// the event row, one delivery row per subscribed webhook endpoint, and one queued job per delivery
// all commit with the change or not at all, so no event is lost and none is sent for a rollback.
import type { z } from 'zod';
import type { Knex } from 'knex';
import { prepared, type Tx } from '../db/index';
import { inTransaction, type JobQueue } from '../jobs';
import type { Mode } from '../../shared/schemas/developer';
import type { EventDefinition } from './catalogue';
import { USERS } from '../modules/auth/users';

export const DELIVERY_QUEUE = 'webhook-delivery';

export interface EmitInput<T extends z.ZodType> {
  event: EventDefinition<T>;
  data: z.input<T>;
  mode: Mode;
  /** The user the event is about. */
  userId?: string | null;
  /**
   * The application whose API key caused it, if one did. A test-mode event is that application's
   * alone: only its own test endpoints hear it.
   */
  applicationId?: string | null;
  /** Deliver to this endpoint only (test events); otherwise to every subscribed endpoint. */
  endpointId?: string;
  /**
   * A write of the caller's that rides in the same statement (one round trip fewer): it runs as a
   * data-modifying CTE before the event's insert. Its placeholders are its own, from $1. Every
   * EventOutbox must make this write, even one that keeps or drops the event (writeAlongside).
   */
  alongside?: Alongside;
}

/** A data-modifying statement without RETURNING (an INSERT, UPDATE or DELETE), named for preparing. */
export interface Alongside {
  /** Stands for `sql`: one name for one text, as with prepared(). */
  name: string;
  sql: string;
  values: unknown[];
}

/** An alongside write on its own, for an outbox that does not write the event at once. */
export async function writeAlongside(tx: Tx, alongside: Alongside | undefined): Promise<void> {
  if (alongside) await prepared(tx, alongside.name, alongside.sql, alongside.values);
}

const EMIT_VALUES = 6;
/** `sql` with its placeholders $n moved past the emit statement's own. */
const shifted = (sql: string) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + EMIT_VALUES}`);

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
      // One prepared statement: the event, and a delivery row for each endpoint that gets it (the
      // one named, or every enabled endpoint of this mode subscribed to the type, that belongs to the
      // application that caused it or, for a live event, to an administrator or the user it is about).
      const [row] = await prepared<{ event_id: string; delivery_ids: string[] }>(
        tx,
        input.alongside ? `outbox.emit+${input.alongside.name}` : 'outbox.emit',
        `WITH ${input.alongside ? `alongside AS (${shifted(input.alongside.sql)}),` : ''}
              ev AS (INSERT INTO events (type, mode, user_id, application_id, data) VALUES ($1, $2, $3, $4, $5) RETURNING id),
              d AS (INSERT INTO webhook_deliveries (endpoint_id, event_id)
                    SELECT e.id, (SELECT id FROM ev)
                    FROM webhook_endpoints e JOIN applications a ON a.id = e.application_id JOIN ${USERS} u ON u.id = a.owner_id
                    WHERE CASE WHEN $6::uuid IS NOT NULL THEN e.id = $6::uuid
                               ELSE e.enabled AND e.mode = $2 AND ($1 = ANY(e.events) OR '*' = ANY(e.events))
                                    AND (a.id = $4::uuid OR ($2 = 'live' AND (u.role = 'admin' OR a.owner_id = $3::uuid))) END
                    RETURNING id)
         SELECT (SELECT id FROM ev) AS event_id, coalesce((SELECT array_agg(id) FROM d), '{}') AS delivery_ids`,
        [input.event.type, input.mode, input.userId ?? null, input.applicationId ?? null, JSON.stringify(data), input.endpointId ?? null, ...(input.alongside?.values ?? [])],
      );
      const eventId = row!.event_id;
      const deliveries = row!.delivery_ids.map((id) => ({ id }));
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
