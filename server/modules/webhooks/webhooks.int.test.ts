// Webhooks end to end: registration rules, SSRF refusals, Standard Webhooks signatures checked by
// the `standardwebhooks` package, retries with backoff, disabling after repeated failure, replays,
// test events, outbox atomicity, and who hears which event.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Webhook } from 'standardwebhooks';
import { createTestApp, type TestApp } from '../../testing/harness';
import { createApiKey, createApplication, developerWithKey, signUp } from '../../testing/factories';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import { defineEvent } from '../../../server/events/catalogue';

// A test-only event type, defined the way a module defines its own.
const pingEvent = defineEvent({
  type: 'test.ping',
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
    CALOS_WEBHOOK_TIMEOUT_MS: '2000',
  });
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  await receiver?.close();
});

async function waitForDelivery(webhookId: string, token: string, done: (d: { status: string }) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await t.rest('GET', `/api/webhooks/${webhookId}/deliveries`, { token });
    const found = list.body.items?.find(done);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching delivery: ${JSON.stringify(list.body.items)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function emitPing(n: number, options: { mode?: 'live' | 'test'; userId?: string; applicationId?: string } = {}) {
  return t.db.knex.transaction((trx) =>
    t.platform.events.emit(trx, { event: pingEvent, data: { n }, mode: options.mode ?? 'live', userId: options.userId, applicationId: options.applicationId }),
  );
}

describe('registration', () => {
  it('generates a whsec_ secret when none is given and shows it only at registration', async () => {
    const dev = await signUp(t);
    const res = await t.rest('POST', '/api/webhooks/register', {
      token: dev.token,
      body: { url: 'http://127.0.0.1:9/x', events: ['user.registered'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(res.body.endpoint).toMatchObject({ mode: 'live', enabled: true, events: ['user.registered'] });
    const got = await t.rest('GET', `/api/webhooks/${res.body.endpoint.id}`, { token: dev.token });
    expect(JSON.stringify(got.body)).not.toContain(res.body.secret);
  });

  it('refuses a weak or malformed secret, an unknown event type and a non-http URL, naming the field', async () => {
    const dev = await signUp(t);
    const cases: Array<[object, string]> = [
      [{ secret: 'webhook-signing-secret' }, 'body.secret'],
      [{ secret: `whsec_${Buffer.alloc(16).toString('base64')}` }, 'body.secret'],
      [{ events: ['no.such_event'] }, 'body.events.0'],
      [{ url: 'ftp://127.0.0.1/x' }, 'body.url'],
      [{ url: 'not a url' }, 'body.url'],
      [{ url: 'http://user:pw@127.0.0.1/x' }, 'body.url'],
    ];
    for (const [change, path] of cases) {
      const res = await t.rest('POST', '/api/webhooks/register', {
        token: dev.token,
        body: { url: 'http://127.0.0.1:9/x', events: ['user.registered'], ...change },
      });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it('lists the event catalogue', async () => {
    const res = await t.rest('GET', '/api/events/types');
    const types = res.body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['user.registered', 'webhook.test', 'device.alert_raised', 'test.ping']));
  });
});

describe('SSRF', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({ CALOS_WEBHOOK_ALLOW_PRIVATE: 'false', CALOS_WEBHOOK_MAX_ATTEMPTS: '1' });
  });
  afterAll(async () => {
    await strict.close();
  });

  it.each([
    'http://127.0.0.1/hook',
    'http://localhost:8080/hook',
    'http://10.1.2.3/hook',
    'http://172.16.0.1/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[fe80::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0/hook',
    'http://100.64.0.1/hook',
  ])('refuses %s unless private addresses are allowed', async (url) => {
    const dev = await signUp(strict);
    const res = await strict.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url, events: ['*'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'body.url' });
    expect(res.body.error.message).toMatch(/private, loopback or link-local/);
  });

  it('refuses at delivery time too, on the address actually used', async () => {
    receiver = await startWebhookReceiver();
    const dev = await signUp(strict);
    const app = await createApplication(strict, dev.token);
    // An endpoint that points at a private address anyway (say, a DNS answer that changed since).
    const [endpoint] = await strict.db
      .knex('webhook_endpoints')
      .insert({ application_id: app.id, mode: 'live', url: receiver.url, events: ['test.ping'], secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}` })
      .returning('id');
    await strict.db.knex.transaction((trx) =>
      strict.platform.events.emit(trx, { event: pingEvent, data: { n: 1 }, mode: 'live', userId: dev.userId }),
    );
    const deadline = Date.now() + 20_000;
    let delivery;
    do {
      await new Promise((r) => setTimeout(r, 100));
      delivery = await strict.db.knex('webhook_deliveries').where({ endpoint_id: endpoint.id }).first();
    } while (delivery?.status !== 'failed' && Date.now() < deadline);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery.error).toMatch(/private address/);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('delivery', () => {
  it('signs each delivery so that the standardwebhooks package verifies it', async () => {
    receiver = await startWebhookReceiver();
    const dev = await signUp(t);
    const made = await t.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: receiver.url, events: ['test.ping'] } });
    const { eventId } = await emitPing(42, { userId: dev.userId });
    const [delivery] = await receiver.waitFor(1);
    const payload = new Webhook(made.body.secret).verify(delivery!.body, delivery!.headers as Record<string, string>);
    expect(payload).toMatchObject({ type: 'test.ping', data: { n: 42 } });
    expect(delivery!.headers['webhook-id']).toBe(eventId);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(delivery!.body, delivery!.headers as Record<string, string>)).toThrow();
    const done = await waitForDelivery(made.body.endpoint.id, dev.token, (d) => d.status === 'succeeded');
    expect(done).toMatchObject({ attempts: 1, responseStatus: 200, responseBody: 'ok', eventType: 'test.ping' });
  });

  it('retries with backoff against a receiver that fails twice, then succeeds', async () => {
    receiver = await startWebhookReceiver();
    receiver.respondWith(500, 503);
    const dev = await signUp(t);
    const made = await t.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: receiver.url, events: ['test.ping'] } });
    const { deliveryIds } = await emitPing(7, { userId: dev.userId });
    // The wait the worker scheduled after each failed attempt, read from the row it wrote (seconds,
    // base 1 × 3^(attempt − 1) with ±10 % jitter): the schedule, not the clock between arrivals.
    const waits = new Map<number, number>();
    for (let polls = 0; waits.size < 2 && polls < 600; polls++) {
      const row = await t.db.knex('webhook_deliveries').where({ id: deliveryIds[0] }).first('status', 'attempts', 'last_attempt_at', 'next_attempt_at');
      if (row.status === 'retrying' && row.next_attempt_at && !waits.has(row.attempts)) {
        waits.set(row.attempts, Math.round((row.next_attempt_at.getTime() - row.last_attempt_at.getTime()) / 1000));
      }
      if (row.status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Object.fromEntries(waits)).toEqual({ 1: 1, 2: 3 });
    const received = await receiver.waitFor(3, 30_000);
    const done = await waitForDelivery(made.body.endpoint.id, dev.token, (d) => d.status === 'succeeded');
    expect(done).toMatchObject({ attempts: 3, responseStatus: 200 });
    // Same message id on every attempt.
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('disables the endpoint after the last attempt fails, and says why', async () => {
    receiver = await startWebhookReceiver();
    receiver.respondWith(500, 500, 500);
    const dev = await signUp(t);
    const made = await t.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: receiver.url, events: ['test.ping'] } });
    await emitPing(1, { userId: dev.userId });
    const failed = await waitForDelivery(made.body.endpoint.id, dev.token, (d) => d.status === 'failed', 30_000);
    expect(failed).toMatchObject({ attempts: 3, responseStatus: 500, responseBody: 'failing with 500' });
    const endpoint = await t.rest('GET', `/api/webhooks/${made.body.endpoint.id}`, { token: dev.token });
    expect(endpoint.body.enabled).toBe(false);
    expect(endpoint.body.disabledReason).toMatch(/failed 3 times.*HTTP 500/);

    // A disabled endpoint hears nothing more; re-enabling it clears the reason.
    expect((await emitPing(2, { userId: dev.userId })).deliveryIds).toEqual([]);
    const enabled = await t.rest('PATCH', `/api/webhooks/${made.body.endpoint.id}`, { token: dev.token, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('replays a delivery as a new one, and sends test events to one endpoint', async () => {
    receiver = await startWebhookReceiver();
    const dev = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    const made = await t.rest('POST', '/api/webhooks/register', { token: dev.secret, body: { url: receiver.url, events: ['test.ping'] } });
    const test = await t.rest('POST', `/api/webhooks/${made.body.endpoint.id}/test`, { token: dev.secret });
    expect(test.status).toBe(201);
    expect(test.body).toMatchObject({ eventType: 'webhook.test', status: 'pending' });
    await receiver.waitFor(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: made.body.endpoint.id } });
    const replay = await t.rest('POST', `/api/webhooks/deliveries/${test.body.id}/replay`, { token: dev.secret });
    expect(replay.status).toBe(201);
    expect(replay.body.id).not.toBe(test.body.id);
    await receiver.waitFor(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
  });

  it('cuts off a receiver that trickles its answer, without holding up other endpoints', async () => {
    receiver = await startWebhookReceiver();
    // Answers 200 at once, then one byte every 300 ms, forever.
    let trickling = 0; // answers the trickler is still sending
    const trickler = http.createServer((_req, res) => {
      trickling++;
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 300);
      res.on('close', () => {
        trickling--;
        clearInterval(timer);
      });
    });
    await new Promise<void>((r) => trickler.listen(0, '127.0.0.1', r));
    try {
      const slow = await signUp(t);
      const fast = await signUp(t);
      const slowHook = await t.rest('POST', '/api/webhooks/register', {
        token: slow.token,
        body: { url: `http://127.0.0.1:${(trickler.address() as AddressInfo).port}/`, events: ['test.ping'] },
      });
      await t.rest('POST', '/api/webhooks/register', { token: fast.token, body: { url: receiver.url, events: ['test.ping'] } });
      await emitPing(1, { userId: slow.userId });
      await emitPing(2, { userId: fast.userId });
      await receiver.waitFor(1, 5_000);
      // The other endpoint's delivery arrived while the slow one was still being cut off (ordering, not timing).
      expect(trickling).toBe(1);
      const cut = await waitForDelivery(slowHook.body.endpoint.id, slow.token, (d) => d.status !== 'pending', 10_000);
      expect(cut.error).toMatch(/No complete response within 2000 ms/);
      await t.rest('PATCH', `/api/webhooks/${slowHook.body.endpoint.id}`, { token: slow.token, body: { enabled: false } });
    } finally {
      trickler.closeAllConnections();
      trickler.close();
    }
  });

  it('delivers in event order to one endpoint', async () => {
    receiver = await startWebhookReceiver();
    const dev = await signUp(t);
    await t.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: receiver.url, events: ['test.ping'] } });
    for (let n = 0; n < 20; n++) await emitPing(n, { userId: dev.userId });
    const got = await receiver.waitFor(20);
    expect(got.map((r) => JSON.parse(r.body).data.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('keeps event order when an endpoint fails: later events wait behind the retry', async () => {
    receiver = await startWebhookReceiver();
    receiver.respondWith(500);
    const dev = await signUp(t);
    await t.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: receiver.url, events: ['test.ping'] } });
    await t.db.knex.transaction(async (trx) => {
      for (let n = 1; n <= 3; n++) await t.platform.events.emit(trx, { event: pingEvent, data: { n }, mode: 'live', userId: dev.userId });
    });
    const got = await receiver.waitFor(4, 15_000);
    expect(got.map((r) => JSON.parse(r.body).data.n)).toEqual([1, 1, 2, 3]);
  });

  it('rotates the secret: later deliveries verify with the new one only', async () => {
    receiver = await startWebhookReceiver();
    const dev = await signUp(t);
    const made = await t.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: receiver.url, events: ['test.ping'] } });
    const rotated = await t.rest('POST', `/api/webhooks/${made.body.endpoint.id}/rotate-secret`, { token: dev.token });
    expect(rotated.body.secret).not.toBe(made.body.secret);
    await emitPing(5, { userId: dev.userId });
    const [d] = await receiver.waitFor(1);
    expect(() => new Webhook(rotated.body.secret).verify(d!.body, d!.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(made.body.secret).verify(d!.body, d!.headers as Record<string, string>)).toThrow();
  });
});

describe('the outbox', () => {
  it('writes user.registered with the account, and nothing when registration fails', async () => {
    const before = Number((await t.db.knex('events').where({ type: 'user.registered' }).count({ n: '*' }))[0]!.n);
    const dev = await signUp(t);
    const duplicate = await t.rest('POST', '/api/auth/register', { body: { ...dev.account, email: 'other@example.com' } });
    expect(duplicate.status).toBe(409);
    const rows = await t.db.knex('events').where({ type: 'user.registered' }).orderBy('sequence');
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ user_id: dev.userId, mode: 'live', data: { userId: dev.userId, username: dev.account.username } });
  });

  it('rolls back an event, its deliveries and their jobs with the transaction', async () => {
    const dev = await signUp(t);
    await t.rest('POST', '/api/webhooks/register', { token: dev.token, body: { url: 'http://127.0.0.1:9/x', events: ['test.ping'] } });
    const count = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0]!.n);
    const [events, deliveries] = [await count('events'), await count('webhook_deliveries')];
    await expect(
      t.db.knex.transaction(async (trx) => {
        const { deliveryIds } = await t.platform.events.emit(trx, { event: pingEvent, data: { n: 1 }, mode: 'live', userId: dev.userId });
        expect(deliveryIds).toHaveLength(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect([await count('events'), await count('webhook_deliveries')]).toEqual([events, deliveries]);
  });
});

describe('who hears an event', () => {
  it("gives an endpoint its owner's events, its application's events and, for admins, all; test mode apart", async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    const aliceApp = await createApplication(t, alice.token);
    const aliceTestKey = await createApiKey(t, alice.token, aliceApp.id, { mode: 'test' });
    const register = async (token: string, body: object = {}) =>
      (await t.rest('POST', '/api/webhooks/register', { token, body: { url: 'http://127.0.0.1:9/x', events: ['test.ping'], ...body } })).body.endpoint.id as string;
    const aliceLive = await register(alice.token, { applicationId: aliceApp.id });
    const aliceTest = await register(aliceTestKey.secret);
    const bobLive = await register(bob.token);

    const heard = async (emit: Promise<{ deliveryIds: string[] }>) => {
      const { deliveryIds } = await emit;
      const rows = await t.db.knex('webhook_deliveries').whereIn('id', deliveryIds).pluck('endpoint_id');
      return new Set(rows);
    };
    const admins = new Set(await t.db.knex('webhook_endpoints as e').join('applications as a', 'a.id', 'e.application_id').join('users as u', 'u.id', 'a.owner_id').where('u.role', 'admin').pluck('e.id'));
    const without = (s: Set<string>) => new Set([...s].filter((id) => !admins.has(id)));

    expect(without(await heard(emitPing(1, { userId: alice.userId })))).toEqual(new Set([aliceLive]));
    expect(without(await heard(emitPing(2, { userId: bob.userId })))).toEqual(new Set([bobLive]));
    expect(without(await heard(emitPing(3, { mode: 'test', applicationId: aliceApp.id })))).toEqual(new Set([aliceTest]));
    expect(without(await heard(emitPing(4, {})))).toEqual(new Set());

    await t.db.knex('users').where({ id: bob.userId }).update({ role: 'admin' });
    expect(await heard(emitPing(5, { userId: alice.userId }))).toContain(bobLive);
    await t.db.knex('users').where({ id: bob.userId }).update({ role: 'user' });
  });
});
