// What a request may hold (issue 18, items 1 and 9): a string PostgreSQL cannot store is refused
// with 400 naming the field before any query; free-form JSON is bounded; a stored value that is
// valid but awkward JSON reads back the same on both doors; an empty body is no body.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { FREE_JSON_LIMITS } from '../shared/schemas/json';
import { createTestApp, type TestApp } from './testing/harness';
import { signUp, signUpAdmin } from './testing/factories';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
const ACTION = 'input_safety_probe';

beforeAll(async () => {
  // No background workers: the query counter below sees this test's requests only.
  t = await createTestApp({ CALOS_WORKERS: 'false' });
  admin = await signUpAdmin(t);
  const registered = await t.rest('POST', '/api/actions/register', {
    token: admin.token,
    body: {
      actionCode: ACTION,
      actionName: 'Probe',
      actionCategory: 'test',
      effects: [
        { effectCode: 'increment_counter', effectParams: { counter: 'probe' } },
        { effectCode: 'emit_event', effectParams: { name: 'probe.sent', payload: { constructor: 'kept', prototype: 1 } } },
      ],
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const trpc = async (method: 'GET' | 'POST', url: string, token: string | undefined, payload?: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    payload,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
};
const trpcIssues = (body: { error: { json: { data: { calos: { details: { issues: unknown[] } } } } } }) => body.error.json.data.calos.details.issues;

/** Runs `request` and counts the database queries made meanwhile. */
async function countingQueries<T>(request: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const count = () => void queries++;
  t.db.knex.on('query', count);
  try {
    return { result: await request(), queries };
  } finally {
    t.db.knex.off('query', count);
  }
}

describe('a string PostgreSQL cannot store', () => {
  const cases: { name: string; params: string; path: string; message: string }[] = [
    { name: 'a NUL in a value', params: '{"a":"x\\u0000"}', path: 'params.a', message: 'must not contain NUL (U+0000) characters' },
    { name: 'a NUL in a key', params: '{"b\\u0000":1}', path: 'params.b\\u0000', message: 'this key must not contain NUL (U+0000) characters' },
    { name: 'a lone surrogate deep inside', params: '{"a":[{"b":"\\ud800"}]}', path: 'params.a.0.b', message: 'must not contain unpaired UTF-16 surrogates' },
  ];

  it.each(cases)('$name is refused with 400 naming the field, before any query, on both doors', async ({ params, path, message }) => {
    const rest = await countingQueries(() =>
      t.rest('POST', '/api/actions/execute', { token: admin.token, body: `{"actionCode":"${ACTION}","params":${params}}` }),
    );
    expect(rest.result.status).toBe(400);
    expect(rest.result.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: `body.${path}: ${message}`, details: { issues: [{ path: `body.${path}`, message }] } });
    expect(rest.queries).toBe(0);

    const viaTrpc = await countingQueries(() => trpc('POST', '/trpc/actions.execute', admin.token, `{"json":{"actionCode":"${ACTION}","params":${params}}}`));
    expect(viaTrpc.result.status).toBe(400);
    expect(trpcIssues(viaTrpc.result.body)).toEqual([{ path, message }]);
    expect(viaTrpc.queries).toBe(0);
  });

  it('the same request with storable params is executed (the counter sees its queries)', async () => {
    const ok = await countingQueries(() => t.rest('POST', '/api/actions/execute', { token: admin.token, body: { actionCode: ACTION, params: { a: 'x' } } }));
    expect(ok.result.status, JSON.stringify(ok.result.body)).toBe(200);
    expect(ok.queries).toBeGreaterThan(0);
  });

  it('is refused in registration and sign-in fields, device signals included', async () => {
    const base = { username: 'nul_probe', email: 'nul_probe@example.com', password: 'correct horse battery staple' };
    for (const [field, value] of [
      ['username', 'nul\u0000probe'],
      ['email', 'nul\u0000probe@example.com'],
      ['password', 'correct horse\u0000battery staple'],
      ['password', 'correct horse \ud83d battery staple'],
    ] as const) {
      const res = await t.rest('POST', '/api/auth/register', { body: { ...base, [field]: value } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([`body.${field}`]);
    }
    const login = await t.rest('POST', '/api/auth/login', {
      body: { login: 'nobody_at_all', password: 'whatever it is', device: { fingerprint: 'fp-input-safety', signals: { timezone: 'Europe/Berlin', platform: '\udc00' } } },
    });
    expect(login.status).toBe(400);
    expect(login.body.error.details.issues).toEqual([{ path: 'body.device.signals.platform', message: 'must not contain unpaired UTF-16 surrogates' }]);
  });

  it('keys that could change a prototype are refused on both doors', async () => {
    for (const params of ['{"__proto__":{"admin":true}}', '{"x":{"constructor":{"prototype":{"admin":true}}}}']) {
      const rest = await t.rest('POST', '/api/actions/execute', { token: admin.token, body: `{"actionCode":"${ACTION}","params":${params}}` });
      expect(rest.status).toBe(400);
      expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body' }] } });
      expect(rest.body.error.message).toMatch(/__proto__ or constructor\.prototype/);
    }
    // On /trpc, superjson's deserialiser drops a `__proto__` key before any code of ours sees it; a
    // NUL beside it is refused all the same.
    const proto = await trpc('POST', '/trpc/actions.execute', admin.token, `{"json":{"actionCode":"${ACTION}","params":{"__proto__":{"admin":true},"b":"\\u0000"}}}`);
    expect(trpcIssues(proto.body)).toEqual([{ path: 'params.b', message: 'must not contain NUL (U+0000) characters' }]);
    const ctor = await trpc('POST', '/trpc/actions.execute', admin.token, `{"json":{"actionCode":"${ACTION}","params":{"x":{"constructor":{"prototype":1}}}}}`);
    expect(trpcIssues(ctor.body)).toEqual([{ path: 'params.x.constructor', message: 'is not allowed as a key' }]);
  });

  it('is refused in a query string, a path and a tRPC GET input', async () => {
    const query = await t.rest('GET', '/api/actions/history?actionCode=a%00', { token: admin.token });
    expect(query.body.error.details.issues).toEqual([{ path: 'query.actionCode', message: 'must not contain NUL (U+0000) characters' }]);
    const path = await t.rest('GET', '/api/skills/attack%00');
    expect(path.body.error.details.issues).toEqual([{ path: 'path.skillId', message: 'must not contain NUL (U+0000) characters' }]);
    const get = await trpc('GET', `/trpc/skills.get?input=${encodeURIComponent('{"json":{"skillId":"\\ud800"}}')}`, undefined);
    expect(get.status).toBe(400);
    expect(trpcIssues(get.body)).toEqual([{ path: 'skillId', message: 'must not contain unpaired UTF-16 surrogates' }]);
  });
});

describe('free-form JSON', () => {
  const nestedObjects = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = {};
    for (let i = 1; i < levels; i++) value = { a: value };
    return value;
  };
  const execute = (params: unknown) => t.rest('POST', '/api/actions/execute', { token: admin.token, body: { actionCode: ACTION, params } });

  it(`is taken up to its bounds: ${FREE_JSON_LIMITS.depth} levels, ${FREE_JSON_LIMITS.entries} entries, ${FREE_JSON_LIMITS.bytes} bytes`, async () => {
    expect((await execute(nestedObjects(FREE_JSON_LIMITS.depth))).status).toBe(200);
    expect((await execute(Object.fromEntries(Array.from({ length: FREE_JSON_LIMITS.entries }, (_, i) => [`k${i}`, i])))).status).toBe(200);
    const framing = JSON.stringify({ s: '' }).length;
    expect((await execute({ s: 'x'.repeat(FREE_JSON_LIMITS.bytes - framing) })).status).toBe(200);
  });

  it('is refused past them, naming where', async () => {
    const deep = await execute(nestedObjects(FREE_JSON_LIMITS.depth + 1));
    expect(deep.status).toBe(400);
    expect(deep.body.error.details.issues).toEqual([
      { path: `body.params${'.a'.repeat(FREE_JSON_LIMITS.depth)}`, message: `must not be nested more than ${FREE_JSON_LIMITS.depth} levels deep` },
    ]);
    const wide = await execute({ list: Array.from({ length: FREE_JSON_LIMITS.entries }, () => 1) });
    expect(wide.body.error.details.issues).toEqual([{ path: 'body.params', message: `must hold at most ${FREE_JSON_LIMITS.entries} keys and array items in all` }]);
    const framing = JSON.stringify({ s: '' }).length;
    // 'é' is two bytes in UTF-8: the bound is on bytes, not characters.
    const large = await execute({ s: 'é'.repeat((FREE_JSON_LIMITS.bytes - framing) / 2 + 1) });
    expect(large.body.error.details.issues).toEqual([{ path: 'body.params', message: `must be at most ${FREE_JSON_LIMITS.bytes / 1024} KiB as JSON` }]);
    const infinite = await t.rest('POST', '/api/actions/execute', { token: admin.token, body: `{"actionCode":"${ACTION}","params":{"n":1e400}}` });
    expect(infinite.body.error.details.issues).toEqual([{ path: 'body.params.n', message: 'must be a finite number' }]);
  });

  it('takes only plain JSON on /trpc, where superjson could send more', async () => {
    for (const [type, value] of [['bigint', '1'], ['Date', '2026-01-01T00:00:00.000Z'], ['number', 'NaN']] as const) {
      const payload = JSON.stringify({ json: { actionCode: ACTION, params: { v: value } }, meta: { values: { 'params.v': [type] } } });
      const res = await trpc('POST', '/trpc/actions.execute', admin.token, payload);
      expect(res.status).toBe(400);
      expect(trpcIssues(res.body)).toEqual([{ path: 'params.v', message: expect.stringMatching(/^must be (a finite number|plain JSON)/) }]);
    }
  });
});

describe('a stored value that is valid but awkward JSON', () => {
  const awkward = {
    max: 1e308,
    min: 5e-324,
    negativeZero: -0,
    bigInteger: 123456789012345678901234567890,
    long: 'é'.repeat(5000),
    pair: 'knight ♞ 😀',
    constructor: { x: 1 },
    prototype: 1,
  };
  // What JSON makes of it: -0 is 0, the big integer the nearest double.
  const asJson = JSON.parse(JSON.stringify(awkward));

  it('reads back the same in history on both doors, even with keys superjson will not write', async () => {
    const user = await signUp(t);
    const executed = await t.rest('POST', '/api/actions/execute', { token: user.token, body: { actionCode: ACTION, params: awkward } });
    expect(executed.status, JSON.stringify(executed.body)).toBe(200);

    const rest = await t.rest('GET', `/api/actions/history?actionCode=${ACTION}`, { token: user.token });
    expect(rest.status).toBe(200);
    expect(rest.body.items[0].params).toEqual(asJson);

    const viaTrpc = await trpc('GET', `/trpc/actions.history?input=${encodeURIComponent(JSON.stringify({ json: { actionCode: ACTION } }))}`, user.token);
    expect(viaTrpc.status, JSON.stringify(viaTrpc.body)).toBe(200);
    const data = superjson.deserialize<{ items: { params: unknown; executedAt: unknown }[] }>(viaTrpc.body.result.data);
    expect(data.items[0]!.params).toEqual(asJson);
    expect(data.items[0]!.executedAt).toBeInstanceOf(Date); // the rest of the answer is superjson as ever
  });

  it('reads back in the action catalogue on both doors (effect params holding such keys)', async () => {
    const rest = await t.rest('GET', '/api/actions');
    const restProbe = rest.body.items.find((a: { code: string }) => a.code === ACTION);
    const viaTrpc = await trpc('GET', '/trpc/actions.list', undefined);
    expect(viaTrpc.status, JSON.stringify(viaTrpc.body)).toBe(200);
    const trpcProbe = superjson.deserialize<{ items: { code: string; effects: unknown }[] }>(viaTrpc.body.result.data).items.find((a) => a.code === ACTION);
    expect(trpcProbe!.effects).toEqual(restProbe.effects);
    expect(restProbe.effects[1].effectParams.payload).toEqual({ constructor: 'kept', prototype: 1 });
  });
});

describe('an empty body', () => {
  let port = 0;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  /** A real HTTP request, so that a chunked body of zero bytes is what goes over the wire. */
  const raw = (path: string, headers: Record<string, string>, chunked: boolean) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers });
      if (chunked) req.setHeader('transfer-encoding', 'chunked');
      else req.setHeader('content-length', '0');
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end();
    });

  const variants = [
    { name: 'with a JSON content type and Content-Length: 0', type: true, chunked: false },
    { name: 'with a JSON content type, chunked with zero bytes', type: true, chunked: true },
    { name: 'without a content type, Content-Length: 0', type: false, chunked: false },
    { name: 'without a content type, chunked with zero bytes', type: false, chunked: true },
    // What fetch(url, {method: 'POST', body: ''}) and curl -d '' send.
    { name: 'as text/plain;charset=UTF-8, Content-Length: 0', type: 'text/plain;charset=UTF-8', chunked: false },
    { name: 'as a form, chunked with zero bytes', type: 'application/x-www-form-urlencoded', chunked: true },
  ];
  const typeHeader = (type: boolean | string): Record<string, string> =>
    type === false ? {} : { 'content-type': type === true ? 'application/json' : type };

  it.each(variants)('is no input for a route that takes none ($name), on both doors', async ({ type, chunked }) => {
    const headers = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, ...typeHeader(type) });
    const rest = await raw('/api/auth/logout', headers((await signUp(t)).token), chunked);
    expect(rest.status, rest.body).toBe(204);
    const viaTrpc = await raw('/trpc/auth.logout', headers((await signUp(t)).token), chunked);
    expect(viaTrpc.status, viaTrpc.body).toBe(200);
    // A batch's calls run at once: two that take no input and leave the caller signed in (a logout
    // beside them could end the session before the other call reads it).
    const batch = await raw('/trpc/auth.revokeOtherSessions,auth.revokeOtherSessions?batch=1', headers((await signUp(t)).token), chunked);
    expect(batch.status, batch.body).toBe(200);
  });

  it.each(variants)('reads as {} for a route that takes input ($name), so the error names each missing field', async ({ type, chunked }) => {
    const headers = typeHeader(type);
    const rest = await raw('/api/auth/register', headers, chunked);
    expect(rest.status).toBe(400);
    expect(JSON.parse(rest.body).error.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.username', 'body.email', 'body.password']);
    const viaTrpc = await raw('/trpc/auth.register', headers, chunked);
    expect(viaTrpc.status).toBe(400);
    expect(trpcIssues(JSON.parse(viaTrpc.body)).map((i) => (i as { path: string }).path)).toEqual(['username', 'email', 'password']);
  });

  it('is still required to be JSON when it is not empty', async () => {
    const leagueStart = await t.rest('POST', '/api/leagues/00000000-0000-4000-8000-000000000000/start', { token: admin.token, headers: { 'content-type': 'application/json' }, body: '' });
    expect(leagueStart.status).toBe(404); // read as no input: the league is looked for, and is not there
    const untyped = await t.app.inject({ method: 'POST', url: '/api/auth/logout', payload: 'hello' });
    expect(untyped.statusCode).toBe(415);
    const text = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    const form = await t.app.inject({ method: 'POST', url: '/trpc/auth.logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });
    expect(form.statusCode).toBe(415);
    const whitespace = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'content-type': 'application/json' }, payload: ' ' });
    expect(whitespace.statusCode).toBe(400);
    const trpcUntyped = await t.app.inject({ method: 'POST', url: '/trpc/auth.logout', payload: 'hello' });
    expect(trpcUntyped.statusCode).toBe(415);
    const unknownRoute = await t.app.inject({ method: 'POST', url: '/api/no/such/route', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(unknownRoute.statusCode).toBe(404);
  });
});
