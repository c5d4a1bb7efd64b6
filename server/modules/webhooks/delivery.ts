// The delivery worker: takes queued deliveries from pg-boss in batches, POSTs each signed event to
// its endpoint (in event order per endpoint, endpoints in parallel), records the outcome, and
// queues a retry with exponential backoff. When a delivery has failed for about a day its
// endpoint is disabled, with the reason its owner sees. A job lost with a crashed process expires
// and runs again, so a delivery is made at least once.
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
  /**
   * How long one batch may take before it stops starting attempts and queues the rest again;
   * kept well below the job expiry, so that a slow batch is never run twice at once.
   */
  batchBudgetMs: number;
}

const ENDPOINT_CONCURRENCY = 16;
const BATCH_SIZE = 100;
const WORKERS = 2;

/** Seconds to wait after failed attempt `attempt` (1-based): base·3^(attempt−1), ±10 % jitter. */
export function retryDelaySeconds(attempt: number, baseSeconds: number, random = Math.random): number {
  const exact = baseSeconds * 3 ** (attempt - 1);
  return Math.max(1, Math.round(exact * (0.9 + 0.2 * random())));
}

type AttemptResult = WebhookResponse;
type Success = { row: Row; result: AttemptResult; at: Date };
type Outcome = { kind: 'succeeded'; done: Success } | { kind: 'retrying'; delaySeconds: number } | { kind: 'skipped' };

type Row = DeliveryRow & Pick<EndpointRow, 'url' | 'secret' | 'enabled'> & { sequence: string };

export async function startDeliveryWorkers(
  db: Knex,
  queue: JobQueue,
  outbox: EventOutbox,
  settings: DeliverySettings,
  log: FastifyBaseLogger,
): Promise<string[]> {
  const post = createWebhookPoster({ ...settings, maxSockets: ENDPOINT_CONCURRENCY });

  /** Records successful attempts in one statement: the common case costs one round trip per batch. */
  async function recordSuccesses(done: Success[]): Promise<void> {
    if (!done.length) return;
    const values = done.map(() => '(?::uuid, ?::int, ?::int, ?::text, ?::int, ?::timestamptz)').join(', ');
    await db.raw(
      `UPDATE webhook_deliveries AS d SET status = 'succeeded', attempts = v.attempts, response_status = v.status,
         response_body = v.body, duration_ms = v.ms, error = NULL, last_attempt_at = v.at, delivered_at = v.at,
         next_attempt_at = NULL
       FROM (VALUES ${values}) AS v(id, attempts, status, body, ms, at) WHERE d.id = v.id`,
      done.flatMap(({ row, result, at }) => [row.id, row.attempts + 1, result.status, result.body, result.durationMs, at]),
    );
  }

  /**
   * Makes one attempt. A success is returned for recordSuccesses; a failure is recorded here with
   * its retry (or as final); a row with nothing to do is skipped.
   */
  async function attempt(row: Row): Promise<Outcome> {
    if (row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled') return { kind: 'skipped' };
    // A retry is already queued for later: this job is a stale duplicate (e.g. a re-run batch).
    if (row.status === 'retrying' && row.next_attempt_at && row.next_attempt_at.getTime() - Date.now() > 2000) {
      return { kind: 'skipped' };
    }
    if (!row.enabled) {
      await db('webhook_deliveries').where({ id: row.id }).update({ status: 'cancelled', error: 'The endpoint is disabled.' });
      return { kind: 'skipped' };
    }
    const body = JSON.stringify(deliveryPayload(row));
    // The event id is the message id: the same across retries and endpoints, so receivers can dedupe.
    const result = await post(row.url, webhookHeaders(row.secret, row.event_id, body), body);
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      return { kind: 'succeeded', done: { row, result, at: new Date() } };
    }
    const attempts = row.attempts + 1;
    const recorded = {
      attempts,
      response_status: result.status,
      response_body: result.body,
      error: result.error,
      duration_ms: result.durationMs,
      last_attempt_at: db.fn.now(),
    };
    const delay = attempts < settings.maxAttempts ? retryDelaySeconds(attempts, settings.retryBaseSeconds) : null;
    await db.transaction(async (trx) => {
      if (delay !== null) {
        await trx('webhook_deliveries')
          .where({ id: row.id })
          .update({ ...recorded, status: 'retrying', next_attempt_at: trx.raw(`now() + make_interval(secs => ?)`, [delay]) });
        await outbox.enqueueDelivery(trx, row.id, delay);
      } else {
        await trx('webhook_deliveries').where({ id: row.id }).update({ ...recorded, status: 'failed', next_attempt_at: null });
        const why = result.status ? `HTTP ${result.status}` : (result.error ?? 'no response');
        await trx('webhook_endpoints')
          .where({ id: row.endpoint_id, enabled: true })
          .update({
            enabled: false,
            disabled_at: trx.fn.now(),
            disabled_reason: `Disabled after a delivery failed ${attempts} times over about a day (last: ${why}).`,
          });
        log.warn({ endpointId: row.endpoint_id }, 'webhook endpoint disabled after repeated failures');
      }
    });
    return delay === null ? { kind: 'skipped' } : { kind: 'retrying', delaySeconds: delay };
  }

  /**
   * Seconds this lane must wait for an older delivery to the same endpoint that is not settled yet
   * (waiting in another batch, or behind a retry), or null when nothing older is outstanding.
   */
  async function waitForOlder(first: Row, batchIds: string[]): Promise<number | null> {
    const older = (await db('webhook_deliveries as d')
      .join('events as ev', 'ev.id', 'd.event_id')
      .where('d.endpoint_id', first.endpoint_id)
      .whereIn('d.status', ['pending', 'retrying'])
      .where('ev.sequence', '<', first.sequence)
      .whereNotIn('d.id', batchIds)
      .first(db.raw('count(*)::int as n'), db.raw('max(d.next_attempt_at) as until'))) as { n: number; until: Date | null };
    if (!older.n) return null;
    return older.until ? Math.max(1, Math.ceil((older.until.getTime() - Date.now()) / 1000)) : 1;
  }

  // Deliveries to one endpoint take turns in this process, in the order their batches came.
  const endpointTurns = new Map<string, Promise<void>>();
  async function inTurn(endpointId: string, work: () => Promise<void>): Promise<void> {
    const previous = endpointTurns.get(endpointId) ?? Promise.resolve();
    let release!: () => void;
    const mine = previous.then(() => new Promise<void>((r) => (release = r)));
    endpointTurns.set(endpointId, mine);
    await previous;
    try {
      await work();
    } finally {
      release();
      if (endpointTurns.get(endpointId) === mine) endpointTurns.delete(endpointId);
    }
  }

  async function deliverBatch(jobs: Array<PgBoss.Job<{ deliveryId: string }>>, wakeSelf: () => void): Promise<void> {
    const rows = (await db('webhook_deliveries as d')
      .join('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .join('events as ev', 'ev.id', 'd.event_id')
      .whereIn(
        'd.id',
        jobs.map((j) => j.data.deliveryId),
      )
      .orderBy([{ column: 'ev.sequence' }, { column: 'd.created_at' }])
      .select(
        'd.*',
        'e.url',
        'e.secret',
        'e.enabled',
        'ev.type as event_type',
        'ev.data as event_data',
        'ev.created_at as event_created_at',
        'ev.sequence',
      )) as Row[];
    const byEndpoint = new Map<string, Row[]>();
    for (const row of rows) byEndpoint.set(row.endpoint_id, [...(byEndpoint.get(row.endpoint_id) ?? []), row]);
    const lanes = [...byEndpoint.values()];
    let failures = 0;
    const succeeded: Success[] = [];
    const deferred: Array<{ row: Row; delaySeconds: number }> = [];
    const budgetEnds = Date.now() + settings.batchBudgetMs;

    // One lane per endpoint, in event order. When an endpoint fails, the rest of its lane waits
    // behind that retry, so a slow or broken endpoint costs one timeout per batch, not one per event.
    const batchIds = rows.map((r) => r.id);
    const runLane = async (lane: Row[]) => {
      // An older delivery to this endpoint that is still outstanding (in another batch, another
      // instance, or behind a retry) goes first: this lane waits rather than overtake it.
      const wait = await waitForOlder(lane[0]!, batchIds);
      if (wait !== null) {
        deferred.push(...lane.map((r) => ({ row: r, delaySeconds: wait })));
        return;
      }
      for (const [i, row] of lane.entries()) {
        if (Date.now() > budgetEnds) {
          deferred.push(...lane.slice(i).map((r) => ({ row: r, delaySeconds: 0 })));
          return;
        }
        const outcome = await attempt(row).catch((err: unknown) => {
          failures++;
          log.error({ err, deliveryId: row.id }, 'could not record a webhook delivery');
          return { kind: 'skipped' } as const;
        });
        if (outcome.kind === 'succeeded') succeeded.push(outcome.done);
        if (outcome.kind === 'retrying') {
          deferred.push(...lane.slice(i + 1).map((r) => ({ row: r, delaySeconds: outcome.delaySeconds })));
          return;
        }
      }
    };
    const runLanes = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        const current = lane;
        await inTurn(current[0]!.endpoint_id, () => runLane(current));
      }
    };
    await Promise.all(Array.from({ length: Math.min(ENDPOINT_CONCURRENCY, lanes.length) }, runLanes));
    await recordSuccesses(succeeded);
    if (deferred.length) {
      await db.transaction(async (trx) => {
        for (const { row, delaySeconds } of deferred) {
          if (delaySeconds) {
            await trx('webhook_deliveries')
              .where({ id: row.id })
              .update({ next_attempt_at: trx.raw('now() + make_interval(secs => ?)', [delaySeconds]) });
          }
          await outbox.enqueueDelivery(trx, row.id, delaySeconds);
        }
      });
    }
    // pg-boss waits out its polling interval after each batch; a full batch means more are
    // waiting, so ask for the next one at once.
    if (jobs.length >= BATCH_SIZE) wakeSelf();
    // Failing the batch makes pg-boss run it again; rows already settled are skipped then.
    if (failures) throw new Error(`${failures} webhook deliveries could not be recorded`);
  }

  // Two workers, so that one batch waiting on a slow endpoint does not hold up all the others.
  const workerIds: string[] = [];
  for (let i = 0; i < WORKERS; i++) {
    let id = '';
    id = await queue.work<{ deliveryId: string }>(
      DELIVERY_QUEUE,
      { batchSize: BATCH_SIZE, pollingIntervalSeconds: 0.5 },
      (jobs) => deliverBatch(jobs, () => queue.notifyWorker(id)),
    );
    workerIds.push(id);
  }
  return workerIds;
}
