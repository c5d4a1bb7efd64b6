// The /trpc door's own adapter (server/trpc-door.ts) against @trpc/server's Fastify adapter: the
// same requests, sent to an app with each on one platform, must get the same status, headers and
// body (but for the charset Fastify names on a JSON body, and clock readings). Requests the own
// adapter hands on to @trpc/server are in the list too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { TRPCClientError, createTRPCClient, httpBatchLink, httpBatchStreamLink, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from './router';
import { buildApp } from './app';
import { createLogger } from './logging';
import { createTestApp, newAccount, type TestApp } from './testing/harness';

let t: TestApp;
let reference: FastifyInstance;
let token = '';
let alertId = '';

beforeAll(async () => {
  t = await createTestApp({ CALOS_LOGIN_MAX_PER_IP: '2' });
  reference = await buildApp(t.platform, createLogger('silent'), { trpcOwnAdapter: false });
  const registered = await t.rest('POST', '/api/auth/register', { body: newAccount() });
  token = registered.body.token;
  // A known device reporting another zone raises an alert, so the alert mutations have a real id.
  const signals = { timezone: 'Europe/Berlin', locale: 'de-DE', platform: 'Win32', hardwareConcurrency: 8 };
  const login = (timezone: string) =>
    t.rest('POST', '/api/auth/login', {
      body: { login: registered.body.user.username, password: 'correct horse battery staple', device: { fingerprint: 'fp-door-compare', signals: { ...signals, timezone } } },
    });
  await login('Europe/Berlin');
  const second = await login('Asia/Tokyo');
  expect(second.status, JSON.stringify(second.body)).toBe(200);
  alertId = second.body.alerts[0].id;
});
afterAll(async () => {
  await reference?.close();
  await t?.close();
});

const queryInput = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
const body = (json: unknown) => JSON.stringify({ json });
const batch = (...inputs: unknown[]) => JSON.stringify(Object.fromEntries(inputs.map((json, i) => [i, { json }])));
const auth = () => ({ authorization: `Bearer ${token}` });
const post = { 'content-type': 'application/json' };

interface Case {
  name: string;
  request: () => InjectOptions;
  /** A request the own adapter passes to @trpc/server (the comparison still holds). */
  handedOn?: boolean;
  /** Where the own adapter says what @trpc/server does not: the content type it sends instead. */
  ownContentType?: string;
}

const cases: Case[] = [
  { name: 'a query without input', request: () => ({ method: 'GET', url: '/trpc/system.ping' }) },
  { name: 'a batch of one query', request: () => ({ method: 'GET', url: '/trpc/system.ping?batch=1&input=%7B%7D' }) },
  { name: 'an authenticated query with dates in its answer', request: () => ({ method: 'GET', url: '/trpc/auth.session', headers: auth() }) },
  { name: 'a query with input', request: () => ({ method: 'GET', url: `/trpc/auth.sessions?input=${queryInput({ limit: 2 })}`, headers: auth() }) },
  { name: 'a query refused for want of a session', request: () => ({ method: 'GET', url: '/trpc/auth.session' }) },
  { name: 'a batch of a success and a refusal (207)', request: () => ({ method: 'GET', url: '/trpc/system.ping,auth.session?batch=1&input=%7B%7D' }) },
  { name: 'a batch of one success and a procedure that does not exist', request: () => ({ method: 'GET', url: '/trpc/system.ping,nothing.here?batch=1' }) },
  { name: 'invalid input, with the field named', request: () => ({ method: 'GET', url: `/trpc/auth.sessions?input=${queryInput({ limit: 'many' })}`, headers: auth() }) },
  { name: 'input that is not JSON', request: () => ({ method: 'GET', url: '/trpc/auth.sessions?input=%7Bnope', headers: auth() }) },
  { name: 'a procedure that does not exist', request: () => ({ method: 'GET', url: '/trpc/nothing.here' }) },
  { name: 'a mutation over GET', request: () => ({ method: 'GET', url: '/trpc/auth.logout' }) },
  { name: 'a query over POST', request: () => ({ method: 'POST', url: '/trpc/system.ping', headers: post, payload: '{}' }) },
  {
    name: 'a query and a mutation in one batch',
    request: () => ({ method: 'POST', url: '/trpc/system.ping,auth.logout?batch=1', headers: post, payload: '{}' }),
    // A request refused before any call runs gets its JSON error from @trpc/server without a
    // content type, so fetch's Response calls it text/plain; the own adapter says application/json.
    ownContentType: 'application/json',
  },
  {
    name: 'a mutation that succeeds',
    request: () => ({ method: 'POST', url: '/trpc/auth.updateProfile', headers: { ...post, ...auth() }, payload: body({ timezone: 'Europe/Berlin' }) }),
  },
  {
    name: 'a batch of two mutations',
    request: () => ({
      method: 'POST',
      url: '/trpc/auth.updateProfile,auth.acknowledgeAlert?batch=1',
      headers: { ...post, ...auth() },
      payload: batch({ timezone: 'Europe/Berlin' }, { alertId }),
    }),
  },
  {
    name: 'a domain error with its own status (404)',
    request: () => ({
      method: 'POST',
      url: '/trpc/auth.acknowledgeAlert',
      headers: { ...post, ...auth() },
      payload: body({ alertId: '00000000-0000-4000-8000-000000000000' }),
    }),
  },
  {
    name: 'a wrong password (401)',
    request: () => ({ method: 'POST', url: '/trpc/auth.login', headers: post, payload: body({ login: 'nobody_here', password: 'wrong-password' }), remoteAddress: '10.1.0.1' }),
  },
  {
    name: 'a throttled sign-in (429 with Retry-After and RateLimit headers)',
    request: () => ({ method: 'POST', url: '/trpc/auth.login', headers: post, payload: body({ login: 'nobody_here', password: 'wrong-password' }), remoteAddress: '10.1.0.9' }),
  },
  {
    name: 'a body that starts with a byte-order mark',
    request: () => ({ method: 'POST', url: '/trpc/auth.updateProfile', headers: { ...post, ...auth() }, payload: `\uFEFF${body({ timezone: 'Europe/Berlin' })}` }),
  },
  { name: 'a mutation with invalid input', request: () => ({ method: 'POST', url: '/trpc/auth.register', headers: post, payload: body({ username: 'x' }) }) },
  { name: 'a body that is not JSON', request: () => ({ method: 'POST', url: '/trpc/auth.register', headers: post, payload: '{nope' }) },
  { name: 'a batch whose input is not an object', request: () => ({ method: 'POST', url: '/trpc/auth.register?batch=1', headers: post, payload: '[1]' }) },
  { name: 'a write from a foreign origin', request: () => ({ method: 'POST', url: '/trpc/auth.logout', headers: { ...post, ...auth(), origin: 'https://evil.example' }, payload: '{}' }) },
  { name: 'HEAD', request: () => ({ method: 'HEAD', url: '/trpc/system.ping' }), handedOn: true },
  { name: 'a streaming (jsonl) batch', request: () => ({ method: 'GET', url: '/trpc/system.ping?batch=1', headers: { 'trpc-accept': 'application/jsonl' } }), handedOn: true },
  { name: 'a body of another type', request: () => ({ method: 'POST', url: '/trpc/auth.logout', headers: { 'content-type': 'text/plain' }, payload: 'hi' }), handedOn: true },
  { name: 'a percent-encoded dot in the path', request: () => ({ method: 'GET', url: '/trpc/system%2Eping' }) },
  { name: 'a path holding a percent sign', request: () => ({ method: 'GET', url: '/trpc/system%2525ping' }), handedOn: true },
];

const COMPARED_HEADERS = ['content-type', 'vary', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy', 'set-cookie'];

async function answer(app: FastifyInstance, c: Case, requestId: string) {
  const options = c.request();
  const res = await app.inject({ ...options, headers: { ...(options.headers as Record<string, string>), 'x-request-id': requestId } });
  const headers = Object.fromEntries(COMPARED_HEADERS.filter((h) => res.headers[h] !== undefined).map((h) => [h, res.headers[h]]));
  // Fastify names the charset of a text body; @trpc/server's Response does not. Same media type.
  if (typeof headers['content-type'] === 'string') headers['content-type'] = headers['content-type'].replace('; charset=utf-8', '');
  // Clock readings differ between two requests, whichever door answers.
  const text = res.body.replace(/"time":\d+/g, '"time":0').replace(/"nextAvailableAt":"[^"]+"/g, '"nextAvailableAt":"…"');
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : text;
  } catch {
    // jsonl and the like: compared as text
  }
  // Fastify streams a fetch Response (no length); the own adapter's body is one string, with one.
  const adapter = res.headers['content-length'] === undefined ? 'trpc' : 'own';
  return { status: res.statusCode, headers, body: parsed, adapter };
}

describe('the /trpc door', () => {
  beforeAll(async () => {
    // Use up the throttled address's budget, so both doors see it over its limit.
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: post, payload: JSON.stringify({ login: 'nobody_here', password: 'x' }), remoteAddress: '10.1.0.9' });
    }
  });

  it.each(cases)('answers $name as @trpc/server does', async (c) => {
    const requestId = `door-${cases.indexOf(c)}`;
    const { adapter: referenceAdapter, ...expected } = await answer(reference, c, requestId);
    const { adapter, ...actual } = await answer(t.app, c, requestId);
    expect(referenceAdapter).toBe('trpc');
    expect(adapter).toBe(c.handedOn ? 'trpc' : 'own');
    // A window's reset counts down between the two requests: at most a second apart.
    for (const h of ['retry-after', 'ratelimit-reset']) {
      if (expected.headers[h] !== undefined && actual.headers[h] !== undefined) {
        expect(Math.abs(Number(actual.headers[h]) - Number(expected.headers[h]))).toBeLessThanOrEqual(1);
        actual.headers[h] = expected.headers[h];
      }
    }
    if (c.ownContentType) {
      expect(actual.headers['content-type']).toBe(c.ownContentType);
      actual.headers['content-type'] = expected.headers['content-type'];
    }
    expect(actual).toEqual(expected);
  });

  it('refuses form data with 415 before reading it, whatever its size', async () => {
    const boundary = 'calos-door-test';
    const big = `--${boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\n${'x'.repeat(2 * 1024 * 1024)}\r\n--${boundary}--\r\n`;
    for (const app of [t.app, reference]) {
      const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: big });
      expect(res.statusCode).toBe(415);
      expect(JSON.parse(res.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('covers successes, batches and errors of every kind it answers itself', async () => {
    const statuses = new Set<number>();
    for (const c of cases.filter((c) => !c.handedOn)) statuses.add((await answer(t.app, c, 'cover')).status);
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 207, 400, 401, 403, 404, 405, 429]));
  });
});

describe('tRPC 11 clients over HTTP', () => {
  let url = '';
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/trpc`;
  });

  const links = {
    httpLink: () => httpLink({ url, transformer: superjson, headers: auth }),
    httpBatchLink: () => httpBatchLink({ url, transformer: superjson, headers: auth }),
    httpBatchStreamLink: () => httpBatchStreamLink({ url, transformer: superjson, headers: auth }),
  };

  it('reads the query string up to a fragment, as URL does (a raw request line may carry one)', async () => {
    const { request } = await import('node:http');
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(url);
      const req = request({ host: '127.0.0.1', port, path: `/trpc/auth.sessions?input=${queryInput({ limit: 2 })}#top`, headers: auth() });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body).result.data.json.items.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(links) as (keyof typeof links)[])('%s: queries, mutations and errors', async (name) => {
    const client = createTRPCClient<AppRouter>({ links: [links[name]()] });
    const [ping, session] = await Promise.all([client.system.ping.query(), client.auth.session.query()]);
    expect(ping.ok).toBe(true);
    expect(session.session.createdAt).toBeInstanceOf(Date); // superjson both ways
    const profile = await client.auth.updateProfile.mutate({ timezone: 'Europe/Berlin' });
    expect(profile.timezone).toBe('Europe/Berlin');
    const refused = await client.auth.updateProfile.mutate({ timezone: 'Mars/Olympus' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<AppRouter>).data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, calos: { code: 'VALIDATION_FAILED' } });
  });
});
