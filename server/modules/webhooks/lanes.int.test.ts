// Webhook lanes, shown by counting rather than timing: deliveries queued for one endpoint go out in
// one round over one connection and are recorded in one statement; a stream of events is sent in
// order without any delivery being put back in the queue (the 1-second deferrals that made delivery
// take seconds); two instances share one endpoint's lane in order; and whatever bytes a receiver
// answers, the delivery history stores them and reads them back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, dbKind, type TestApp } from '../../testing/harness';
import { signUp } from '../../testing/factories';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import { defineEvent } from '../../events/catalogue';
import { DELIVERY_QUEUE } from '../../events/outbox';

const laneEvent = defineEvent({
  type: 'test.lane',
  description: 'Only emitted by the test suite.',
  data: z.object({ n: z.number() }),
});

let t: TestApp;
let receiver: WebhookReceiver;
beforeAll(async () => {
  t = await createTestApp({
    CALOS_WEBHOOK_ALLOW_PRIVATE: 'true',
    CALOS_WEBHOOK_RETRY_BASE_SECONDS: '1',
    CALOS_WEBHOOK_MAX_ATTEMPTS: '3',
  });
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await receiver?.close();
});

async function endpointFor(app: TestApp) {
  receiver = await startWebhookReceiver();
  const dev = await signUp(app);
  const made = await app.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: receiver.url, events: ['test.lane'] } });
  expect(made.status).toBe(201);
  return { dev, endpointId: made.body.endpoint.id as string };
}

const emit = (app: TestApp, userId: string, n: number) =>
  app.db.knex.transaction((trx) => app.platform.events.emit(trx, { event: laneEvent, data: { n }, mode: 'live', userId }));

/** Waits until no delivery of the endpoint is outstanding; returns them all. */
async function settled(endpointId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await t.db.knex('webhook_deliveries').where({ endpoint_id: endpointId }).orderBy('created_at');
    if (rows.every((r) => r.status !== 'pending' && r.status !== 'retrying')) return rows;
    if (Date.now() > deadline) throw new Error(`still outstanding: ${JSON.stringify(rows.map((r) => [r.status, r.attempts, r.error]))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Jobs ever queued for these deliveries (pg-boss keeps finished ones in job, then archive). */
async function jobsFor(deliveryIds: string[]): Promise<number> {
  const count = async (table: string) =>
    Number(
      (
        await t.db.knex.raw(`SELECT count(*) AS n FROM pgboss.${table} WHERE name = ? AND data->>'deliveryId' = ANY(?)`, [
          DELIVERY_QUEUE,
          deliveryIds,
        ])
      ).rows[0].n,
    );
  return (await count('job')) + (await count('archive'));
}

const numbers = (r: WebhookReceiver) => r.received.map((d) => (JSON.parse(d.body) as { data: { n: number } }).data.n);

describe('webhook lanes', () => {
  it('sends the deliveries queued for one endpoint in one round, over one connection, recorded in one statement', async () => {
    const { dev, endpointId } = await endpointFor(t);
    const before = { ...t.platform.deliveries!.stats };
    // Statements about this endpoint or its deliveries, whoever runs them.
    let deliveryIds: string[] = [];
    const statements: string[] = [];
    const onQuery = (q: { sql: string; bindings?: unknown[] }) => {
      // (The test's own look at the outcome aside.)
      if (/^select \* from "webhook_deliveries"/.test(q.sql)) return;
      if (q.bindings?.some((b) => b === endpointId || deliveryIds.includes(b as string))) statements.push(q.sql);
    };
    t.db.knex.on('query', onQuery);
    try {
      const n = 40;
      deliveryIds = await t.db.knex.transaction(async (trx) => {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) {
          ids.push(...(await t.platform.events.emit(trx, { event: laneEvent, data: { n: i }, mode: 'live', userId: dev.userId })).deliveryIds);
        }
        return ids;
      });
      await receiver.waitFor(n);
      const rows = await settled(endpointId);
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(n).fill(['succeeded', 1]));
      expect(numbers(receiver)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(new Set(receiver.received.map((d) => d.connection)).size).toBe(1);
      const stats = t.platform.deliveries!.stats;
      expect({ rounds: stats.rounds - before.rounds, attempts: stats.attempts - before.attempts }).toEqual({ rounds: 1, attempts: n });
      // Wake the lane, claim it, load it, record the round, load it again, release it and look once
      // more (and, should the jobs come in two fetches or the sweep pass by, a look or two more): a
      // handful, not one per delivery.
      expect(statements.filter((sql) => /update\s+"?webhook_deliveries/i.test(sql))).toHaveLength(1);
      expect(statements.length).toBeLessThanOrEqual(10);
    } finally {
      t.db.knex.off('query', onQuery);
    }
  });

  it('sends a stream of events to one endpoint in order without putting any delivery back in the queue', async () => {
    const { dev, endpointId } = await endpointFor(t);
    // A receiver a little slower than the stream: deliveries pile up behind the one being sent.
    receiver.setDelayMs(20);
    const n = 30;
    const deliveryIds: string[] = [];
    for (let i = 0; i < n; i++) deliveryIds.push(...(await emit(t, dev.userId, i)).deliveryIds);
    await receiver.waitFor(n);
    const rows = await settled(endpointId);
    expect(numbers(receiver)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(n).fill(['succeeded', 1]));
    // One job per delivery, the one written with its event: none deferred to a later poll.
    expect(await jobsFor(deliveryIds)).toBe(n);
  });

  // On PostgreSQL the two instances claim the lane concurrently (over separate connections); on
  // PGlite their statements run one at a time, which still interleaves their rounds.
  it(`keeps one endpoint's order when two instances send its lane (${dbKind()})`, async () => {
    const second = await createTestApp({ CALOS_WEBHOOK_ALLOW_PRIVATE: 'true' }, { db: t.db });
    try {
      const { dev, endpointId } = await endpointFor(t);
      receiver.setDelayMs(5);
      const n = 40;
      for (let i = 0; i < n; i++) await emit(i % 2 ? second : t, dev.userId, i);
      await receiver.waitFor(n);
      const rows = await settled(endpointId);
      expect(rows.map((r) => r.status)).toEqual(Array(n).fill('succeeded'));
      expect(numbers(receiver)).toEqual(Array.from({ length: n }, (_, i) => i));
    } finally {
      await second.close();
    }
  });

  it('stores whatever a receiver answers (NUL, lone surrogates, invalid UTF-8) and reads the history back', async () => {
    const { dev, endpointId } = await endpointFor(t);
    const answer = Buffer.concat([
      Buffer.from('before\0after '),
      Buffer.from([0xed, 0xa0, 0x80]), // a lone high surrogate, UTF-8 encoded (CESU-8)
      Buffer.from(' '),
      Buffer.from([0xff, 0xfe, 0xc3]), // not UTF-8 at all, and a sequence cut short
      Buffer.from(' end'),
    ]);
    receiver.setAnswerBody(answer);
    receiver.respondWith(500); // the failure's record (with its retry) and then the success's
    await emit(t, dev.userId, 1);
    await receiver.waitFor(2, 30_000);
    const [row] = await settled(endpointId);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2 });
    const list = await t.rest('GET', `/api/webhooks/${endpointId}/deliveries`, { token: dev.token });
    expect(list.status).toBe(200);
    const body = list.body.items[0].responseBody as string;
    expect(body).toMatch(/^before\uFFFDafter \uFFFD+ \uFFFD+ end$/);
    expect(body).not.toMatch(/\0|[\uD800-\uDFFF]/);
  });
});
