// The delivery worker. Deliveries to one endpoint form a lane, sent in event order by one sender at
// a time across all instances: a sender claims the lane with a lease on the endpoint row, POSTs its
// due deliveries one after another over a kept-alive connection, and records their outcomes in one
// statement. A failed attempt is retried with exponential backoff and the rest of its lane waits
// behind it; when a delivery has failed for about a day its endpoint is disabled, with the reason
// its owner sees. The queued job of a delivery (written with its event) only wakes its lane; a lane
// left behind by a crashed process is found by a sweep once its lease has run out, so a delivery is
// made at least once.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from '../../jobs';
import { DELIVERY_QUEUE, type EventOutbox } from '../../events/outbox';
import { createWebhookPoster, type WebhookResponse } from './webhook-request';
import { webhookHeaders } from './signing';
import { deliveryPayload, type DeliveryRow, type EndpointRow } from './models';

export interface DeliverySettings {
  allowPrivate: boolean;
  /** Delay before the first retry; each next one waits three times longer. */
  retryBaseSeconds: number;
  /** Attempts in all, the first included, before the delivery fails for good. */
  maxAttempts: number;
  timeoutMs: number;
}

/** Lanes (endpoints) this process sends to at once, each over its own connection. */
const LANE_CONCURRENCY = 16;
/** Jobs taken from the queue at once; each only names a lane to wake. */
const BATCH_SIZE = 100;
/** Deliveries a lane loads and sends per round, recorded together. */
const ROUND_SIZE = 100;
/** A round starts no attempt after this. */
const ROUND_BUDGET_MS = 5_000;
/**
 * A claimed lane is held this long, renewed every third of it while a round is still sending: a
 * lane whose sender died is free again within this time (then the sweep finds it).
 */
const LEASE_SECONDS = 9;
/** A lane that has sent for this long gives its place to a waiting one (it queues again). */
const SLICE_MS = 1_000;
/**
 * A lane that has sent everything keeps its lease this long for the next job of its endpoint: under
 * a steady stream the next round is a load and a record, not a release and a new claim.
 */
const LINGER_MS = 25;
/** How often an instance looks for lanes whose sender died (their lease ran out). */
const SWEEP_MS = 5_000;

/** Seconds to wait after failed attempt `attempt` (1-based): base·3^(attempt−1), ±10 % jitter. */
export function retryDelaySeconds(attempt: number, baseSeconds: number, random = Math.random): number {
  const exact = baseSeconds * 3 ** (attempt - 1);
  return Math.max(1, Math.round(exact * (0.9 + 0.2 * random())));
}

/** Counters of the work done, for tests and the benchmark: they show batching, not time. */
export interface DeliveryStats {
  /** Rounds that sent at least one delivery. */
  rounds: number;
  /** Attempts made. */
  attempts: number;
  /** Statements the lanes ran (claims, loads, records, sweeps; not the job queue's own). */
  statements: number;
}

export interface DeliveryWorkers {
  workerIds: string[];
  stats: DeliveryStats;
  /** Looks for outstanding lanes nobody is sending (run every few seconds, and at start). */
  sweep(): Promise<void>;
  /** Lets running lanes finish their round and stops taking new ones. */
  stop(): Promise<void>;
}

type Row = DeliveryRow & { sequence: string; due: boolean };
type Endpoint = Pick<EndpointRow, 'id' | 'url' | 'secret' | 'enabled'>;
type Attempt = { row: Row; result: WebhookResponse; at: Date };
/** A claimed lane: its endpoint and the token of this claim. */
type Lease = { endpoint: Endpoint; token: string };
interface Lane {
  /** A job for this lane came while it was sending: look again before stopping. */
  dirty: boolean;
  /** Ends the lane's lingering at once (a job came). */
  nudge?: () => void;
}

const OUTSTANDING = `d.status IN ('pending', 'retrying')`;
const IN_LANE_ORDER = 'ev.sequence, d.created_at';

export async function startDeliveryWorkers(
  db: Knex,
  queue: JobQueue,
  outbox: EventOutbox,
  settings: DeliverySettings,
  log: FastifyBaseLogger,
): Promise<DeliveryWorkers> {
  const post = createWebhookPoster({ ...settings, maxSockets: LANE_CONCURRENCY });
  const stats: DeliveryStats = { rounds: 0, attempts: 0, statements: 0 };
  const run = async <T>(query: PromiseLike<T>): Promise<T> => {
    stats.statements++;
    return query;
  };

  /**
   * Claims the lane when nobody holds it (or their lease ran out) and its first outstanding
   * delivery is due; a lane whose head waits for a retry stays put until the retry's job.
   */
  async function claimLane(endpointId: string): Promise<Lease | null> {
    const token = randomUUID();
    const { rows } = await run(
      db.raw<{ rows: Endpoint[] }>(
        `UPDATE webhook_endpoints e SET lane_token = ?, lane_until = now() + make_interval(secs => ?)
         WHERE e.id = ? AND (e.lane_until IS NULL OR e.lane_until < now())
           AND EXISTS (SELECT 1 FROM (SELECT d.next_attempt_at FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id
                                      WHERE d.endpoint_id = e.id AND ${OUTSTANDING} ORDER BY ${IN_LANE_ORDER} LIMIT 1) head
                       WHERE head.next_attempt_at IS NULL OR head.next_attempt_at <= now())
         RETURNING e.id, e.url, e.secret, e.enabled`,
        [token, LEASE_SECONDS, endpointId],
      ),
    );
    return rows[0] ? { endpoint: rows[0], token } : null;
  }

  /**
   * The lane's outstanding deliveries in event order. A separate statement from the claim, so
   * that it sees everything committed before the claim (a claim that waited on the previous
   * sender's release would otherwise read the lane as it was before that sender's outcomes).
   */
  async function loadLane(endpointId: string): Promise<Row[]> {
    const { rows } = await run(
      db.raw<{ rows: Row[] }>(
        `SELECT d.*, ev.type AS event_type, ev.data AS event_data, ev.created_at AS event_created_at, ev.sequence,
                (d.next_attempt_at IS NULL OR d.next_attempt_at <= now()) AS due
         FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id
         WHERE d.endpoint_id = ? AND ${OUTSTANDING} ORDER BY ${IN_LANE_ORDER} LIMIT ?`,
        [endpointId, ROUND_SIZE],
      ),
    );
    return rows;
  }

  const release = (trx: Knex | Knex.Transaction, lease: Lease) =>
    run(trx.raw(`UPDATE webhook_endpoints SET lane_token = NULL, lane_until = NULL WHERE id = ? AND lane_token = ?`, [lease.endpoint.id, lease.token]));

  /**
   * Records a round's attempts and renews the lease: one statement when they all succeeded. The
   * last attempt may have failed: then its retry is queued (the rest of the lane waits behind it),
   * or, after the last attempt, the delivery fails, the endpoint is disabled and its lane cancelled.
   */
  async function recordRound({ endpoint, token }: Lease, attempts: Attempt[]): Promise<void> {
    const last = attempts.at(-1);
    const failed = last && !succeeded(last.result) ? last : null;
    const retryIn =
      failed && failed.row.attempts + 1 < settings.maxAttempts ? retryDelaySeconds(failed.row.attempts + 1, settings.retryBaseSeconds) : null;
    const values = attempts.map(() => '(?::uuid, ?::text, ?::int, ?::int, ?::text, ?::text, ?::int, ?::timestamptz, ?::float8)').join(', ');
    const bindings = attempts.flatMap(({ row, result, at }) => {
      const ok = succeeded(result);
      const status = ok ? 'succeeded' : retryIn !== null ? 'retrying' : 'failed';
      return [row.id, status, row.attempts + 1, result.status, result.body, ok ? null : result.error, result.durationMs, at, ok ? null : retryIn];
    });
    const statement = (trx: Knex | Knex.Transaction) =>
      run(
        trx.raw(
          `WITH v(id, status, attempts, response_status, response_body, error, duration_ms, at, retry_in) AS (VALUES ${values}),
                recorded AS (
                  UPDATE webhook_deliveries d SET status = v.status, attempts = v.attempts, response_status = v.response_status,
                    response_body = v.response_body, error = v.error, duration_ms = v.duration_ms, last_attempt_at = v.at,
                    delivered_at = CASE WHEN v.status = 'succeeded' THEN v.at END,
                    next_attempt_at = CASE WHEN v.retry_in IS NOT NULL THEN now() + make_interval(secs => v.retry_in) END
                  FROM v WHERE d.id = v.id RETURNING d.id)
           UPDATE webhook_endpoints SET lane_until = now() + make_interval(secs => ?) WHERE id = ? AND lane_token = ?`,
          [...bindings, LEASE_SECONDS, endpoint.id, token],
        ),
      );
    if (!failed) {
      await statement(db);
      return;
    }
    await db.transaction(async (trx) => {
      await statement(trx);
      if (retryIn !== null) {
        await outbox.enqueueDelivery(trx, failed.row.id, retryIn);
        return;
      }
      const why = failed.result.status ? `HTTP ${failed.result.status}` : (failed.result.error ?? 'no response');
      await trx('webhook_endpoints')
        .where({ id: endpoint.id, enabled: true })
        .update({
          enabled: false,
          disabled_at: trx.fn.now(),
          disabled_reason: `Disabled after a delivery failed ${failed.row.attempts + 1} times over about a day (last: ${why}).`,
        });
      await cancelOutstanding(trx, endpoint.id);
      log.warn({ endpointId: endpoint.id }, 'webhook endpoint disabled after repeated failures');
    });
  }

  const cancelOutstanding = (trx: Knex | Knex.Transaction, endpointId: string) =>
    run(
      trx('webhook_deliveries')
        .where({ endpoint_id: endpointId })
        .whereIn('status', ['pending', 'retrying'])
        .update({ status: 'cancelled', error: 'The endpoint is disabled.', next_attempt_at: null }),
    );

  /**
   * One round of a held lane: load it, send its due head in order, record. `empty` when nothing is
   * outstanding, `blocked` when the lane waits for a retry (or its endpoint is disabled).
   */
  async function sendRound(lease: Lease): Promise<'sent' | 'empty' | 'blocked'> {
    const { endpoint } = lease;
    const rows = await loadLane(endpoint.id);
    if (!endpoint.enabled) {
      if (rows.length) await cancelOutstanding(db, endpoint.id);
      return 'blocked';
    }
    if (!rows.length) return 'empty';
    const attempts: Attempt[] = [];
    const roundEnds = Date.now() + ROUND_BUDGET_MS;
    for (const row of rows) {
      // A delivery behind a retry waits for it (its lane's order); so does one past the budget.
      if (!row.due || Date.now() > roundEnds) break;
      const body = JSON.stringify(deliveryPayload(row));
      // The event id is the message id: the same across retries and endpoints, so receivers can dedupe.
      const result = await post(endpoint.url, webhookHeaders(endpoint.secret, row.event_id, body), body);
      stats.attempts++;
      attempts.push({ row, result, at: new Date() });
      if (!succeeded(result)) break;
    }
    if (!attempts.length) return 'blocked';
    stats.rounds++;
    await recordRound(lease, attempts);
    // After a failure the lane waits for the retry's job.
    return succeeded(attempts.at(-1)!.result) ? 'sent' : 'blocked';
  }

  // This process's lanes: at most LANE_CONCURRENCY send at once, the others wait their turn.
  const lanes = new Map<string, Lane>();
  const waiting = new Set<string>();
  const running = new Set<Promise<void>>();
  let stopping = false;

  /** Asks the lane of an endpoint to look for due deliveries (a job or the sweep found some). */
  function wake(endpointId: string): void {
    if (stopping || waiting.has(endpointId)) return;
    const lane = lanes.get(endpointId);
    if (lane) {
      lane.dirty = true;
      lane.nudge?.();
    } else if (running.size < LANE_CONCURRENCY) startLane(endpointId);
    else waiting.add(endpointId);
  }

  function startLane(endpointId: string): void {
    const lane: Lane = { dirty: false };
    lanes.set(endpointId, lane);
    const done = runLane(endpointId, lane)
      .catch((err: unknown) => log.error({ err, endpointId }, 'could not send a webhook lane'))
      .finally(() => {
        if (lanes.get(endpointId) === lane) lanes.delete(endpointId);
        running.delete(done);
        for (const next of waiting) {
          if (running.size >= LANE_CONCURRENCY) break;
          waiting.delete(next);
          wake(next);
        }
      });
    running.add(done);
  }

  /**
   * Claims the lane and sends rounds while anything is due, keeping the lease between rounds.
   * Once nothing is due it releases the lane and looks once more: a job for this lane may have been
   * dropped meanwhile by an instance that found the lane held, and that look sees its delivery.
   */
  async function runLane(endpointId: string, lane: Lane): Promise<void> {
    const started = Date.now();
    for (;;) {
      lane.dirty = false;
      const lease = await claimLane(endpointId);
      if (!lease) {
        // Checked and forgotten in one step: a job that comes later starts the lane again.
        if (!lane.dirty || stopping) {
          lanes.delete(endpointId);
          return;
        }
        continue;
      }
      // A round longer than a third of the lease (a slow receiver) renews it meanwhile.
      const renewing = setInterval(() => {
        run(
          db.raw(`UPDATE webhook_endpoints SET lane_until = now() + make_interval(secs => ?) WHERE id = ? AND lane_token = ?`, [
            LEASE_SECONDS,
            endpointId,
            lease.token,
          ]),
        ).catch((err: unknown) => log.warn({ err, endpointId }, 'could not renew a webhook lane'));
      }, (LEASE_SECONDS * 1000) / 3);
      let yielding = false;
      try {
        for (;;) {
          const round = await sendRound(lease);
          if (round === 'blocked' || stopping) break;
          if (waiting.size && Date.now() - started > SLICE_MS) {
            yielding = true;
            break;
          }
          if (round === 'empty') {
            if (!lane.dirty) {
              await new Promise<void>((resolve) => {
                lane.nudge = resolve;
                setTimeout(resolve, LINGER_MS);
              });
            }
            lane.nudge = undefined;
            if (!lane.dirty || stopping) break;
          }
          lane.dirty = false;
        }
      } finally {
        clearInterval(renewing);
        // On an error too, rather than leave the lane to the sweep once the lease runs out.
        await release(db, lease).catch((err: unknown) => log.warn({ err, endpointId }, 'could not release a webhook lane'));
      }
      if (stopping || yielding) {
        lanes.delete(endpointId);
        if (yielding) waiting.add(endpointId);
        return;
      }
    }
  }

  /** Lanes with a due head that nobody holds: those of a sender that died, or jobs lost. */
  async function sweep(): Promise<void> {
    const { rows } = await run(
      db.raw<{ rows: Array<{ endpoint_id: string }> }>(
        `SELECT head.endpoint_id FROM (
           SELECT DISTINCT ON (d.endpoint_id) d.endpoint_id, d.next_attempt_at
           FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id
           WHERE ${OUTSTANDING} ORDER BY d.endpoint_id, ${IN_LANE_ORDER}) head
         JOIN webhook_endpoints e ON e.id = head.endpoint_id
         WHERE (head.next_attempt_at IS NULL OR head.next_attempt_at <= now()) AND (e.lane_until IS NULL OR e.lane_until < now())`,
      ),
    );
    for (const { endpoint_id } of rows) wake(endpoint_id);
  }

  /** A batch of jobs wakes the lanes of their endpoints; the lanes send everything due, in order. */
  async function wakeLanes(jobs: Array<PgBoss.Job<{ deliveryId: string }>>): Promise<void> {
    const endpointIds = await run(
      db('webhook_deliveries')
        .whereIn(
          'id',
          jobs.map((j) => j.data.deliveryId),
        )
        .distinct()
        .pluck('endpoint_id') as Promise<string[]>,
    );
    endpointIds.forEach(wake);
  }

  // One worker is enough: its batches only wake lanes, which send on their own.
  const workerIds = [await queue.work<{ deliveryId: string }>(DELIVERY_QUEUE, { batchSize: BATCH_SIZE, pollingIntervalSeconds: 0.5 }, wakeLanes)];
  const sweepSafely = () => sweep().catch((err: unknown) => log.error({ err }, 'could not sweep webhook lanes'));
  const sweeping = setInterval(sweepSafely, SWEEP_MS);
  sweeping.unref();
  void sweepSafely();

  return {
    workerIds,
    stats,
    sweep,
    async stop() {
      stopping = true;
      clearInterval(sweeping);
      waiting.clear();
      await Promise.all(running);
    },
  };
}

const succeeded = (r: WebhookResponse) => r.status !== null && r.status >= 200 && r.status < 300;
