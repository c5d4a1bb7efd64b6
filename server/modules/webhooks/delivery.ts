// The delivery worker: takes queued deliveries from pg-boss in batches, POSTs each signed event to
// its endpoint (in event order per endpoint, endpoints in parallel), records the outcome, and
// queues a retry with exponential backoff. When a delivery has failed for about a day its
// endpoint is disabled, with the reason its owner sees. A job lost with a crashed process expires
// and runs again, so a delivery is made at least once.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Knex } from 'knex';
import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from '../../jobs';
import { DELIVERY_QUEUE, type EventOutbox } from '../../events/outbox';
import { guardedLookup, isPrivateAddress } from './address-policy';
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

const RESPONSE_EXCERPT_BYTES = 2048;
const ENDPOINT_CONCURRENCY = 16;
const BATCH_SIZE = 100;

/** Seconds to wait after failed attempt `attempt` (1-based): base·3^(attempt−1), ±10 % jitter. */
export function retryDelaySeconds(attempt: number, baseSeconds: number, random = Math.random): number {
  const exact = baseSeconds * 3 ** (attempt - 1);
  return Math.max(1, Math.round(exact * (0.9 + 0.2 * random())));
}

interface AttemptResult {
  status: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
}

type Row = DeliveryRow & Pick<EndpointRow, 'url' | 'secret' | 'enabled'> & { sequence: string };

export async function startDeliveryWorker(
  db: Knex,
  queue: JobQueue,
  outbox: EventOutbox,
  settings: DeliverySettings,
  log: FastifyBaseLogger,
): Promise<string> {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: ENDPOINT_CONCURRENCY }),
    https: new https.Agent({ keepAlive: true, maxSockets: ENDPOINT_CONCURRENCY }),
  };
  const lookup = guardedLookup(settings.allowPrivate);
  let workerId: string | undefined;

  function post(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    const started = performance.now();
    const done = (r: Omit<AttemptResult, 'durationMs'>) => ({ ...r, durationMs: Math.round(performance.now() - started) });
    return new Promise((resolve) => {
      const target = new URL(url);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      // A literal IP skips DNS, and so the guarded lookup: check it here.
      if (net.isIP(host) && !settings.allowPrivate && isPrivateAddress(host)) {
        return resolve(done({ status: null, body: null, error: 'The URL points at a private address.' }));
      }
      const client = target.protocol === 'https:' ? https : http;
      const req = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: target.protocol === 'https:' ? agents.https : agents.http,
          lookup,
          timeout: settings.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () =>
            resolve(
              done({
                status: res.statusCode ?? null,
                body: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'),
                error: null,
              }),
            ),
          );
          res.on('error', (err) => resolve(done({ status: res.statusCode ?? null, body: null, error: err.message })));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`No response within ${settings.timeoutMs} ms.`)));
      req.on('error', (err: NodeJS.ErrnoException) =>
        resolve(done({ status: null, body: null, error: err.code === 'EPRIVATE' ? err.message : `${err.code ?? 'ERROR'}: ${err.message}` })),
      );
      req.end(body);
    });
  }

  /** Records successful attempts in one statement: the common case costs one round trip per batch. */
  async function recordSuccesses(done: Array<{ row: Row; result: AttemptResult; at: Date }>): Promise<void> {
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

  /** Makes one attempt; a success is returned for recordSuccesses, anything else is recorded here. */
  async function attempt(row: Row): Promise<{ row: Row; result: AttemptResult; at: Date } | null> {
    if (row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled') return null;
    if (!row.enabled) {
      await db('webhook_deliveries').where({ id: row.id }).update({ status: 'cancelled', error: 'The endpoint is disabled.' });
      return null;
    }
    const body = JSON.stringify(deliveryPayload(row));
    // The event id is the message id: the same across retries and endpoints, so receivers can dedupe.
    const result = await post(row.url, webhookHeaders(row.secret, row.event_id, body), body);
    if (result.status !== null && result.status >= 200 && result.status < 300) return { row, result, at: new Date() };
    const attempts = row.attempts + 1;
    const recorded = {
      attempts,
      response_status: result.status,
      response_body: result.body,
      error: result.error,
      duration_ms: result.durationMs,
      last_attempt_at: db.fn.now(),
    };
    await db.transaction(async (trx) => {
      if (attempts < settings.maxAttempts) {
        const delay = retryDelaySeconds(attempts, settings.retryBaseSeconds);
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
    return null;
  }

  async function deliverBatch(jobs: Array<PgBoss.Job<{ deliveryId: string }>>): Promise<void> {
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
    const succeeded: Array<{ row: Row; result: AttemptResult; at: Date }> = [];
    // One lane per endpoint, in event order; up to ENDPOINT_CONCURRENCY endpoints at once.
    const runLane = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        for (const row of lane) {
          const done = await attempt(row).catch((err: unknown) => {
            failures++;
            log.error({ err, deliveryId: row.id }, 'could not record a webhook delivery');
            return null;
          });
          if (done) succeeded.push(done);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ENDPOINT_CONCURRENCY, lanes.length) }, runLane));
    await recordSuccesses(succeeded);
    // pg-boss waits out its polling interval after each batch; a full batch means more are
    // waiting, so ask for the next one at once.
    if (jobs.length >= BATCH_SIZE && workerId) queue.notifyWorker(workerId);
    // Failing the batch makes pg-boss run it again; rows already settled are skipped then.
    if (failures) throw new Error(`${failures} webhook deliveries could not be recorded`);
  }

  workerId = await queue.work<{ deliveryId: string }>(
    DELIVERY_QUEUE,
    { batchSize: BATCH_SIZE, pollingIntervalSeconds: 0.5 },
    deliverBatch,
  );
  return workerId;
}
