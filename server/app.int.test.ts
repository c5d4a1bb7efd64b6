// The doors themselves: health, the OpenAPI document (its reference at /api/docs: docs.int.test.ts),
// the error shape on every kind of bad input, tokens that must be refused, and the cookie + Origin rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { SignJWT } from 'jose';
import { createTestApp, newAccount, type TestApp } from './testing/harness';
import { SESSION_COOKIE } from './app';
import { signUp } from './testing/factories';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await t.rest('POST', '/api/auth/register', { body: newAccount() })).body.token;
});
afterAll(async () => {
  await t.close();
});

/** Row counts of every identity table, to prove a refused request wrote nothing. */
async function snapshot() {
  const counts: Record<string, unknown> = {};
  for (const table of ['users', 'user_sessions', 'trusted_devices', 'device_spoofing_alerts', 'age_verifications']) {
    counts[table] = (await t.db.knex(table).count({ n: '*' }))[0]!.n;
  }
  return counts;
}

function expectErrorShape(body: any, code: string) {
  expect(body).toEqual({
    error: { code, message: expect.any(String), details: expect.any(Object), requestId: expect.any(String) },
  });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules|select |insert |stack/i);
}

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await t.rest('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await t.rest('GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

describe('metrics', () => {
  it('exposes Prometheus metrics with request durations labelled by route pattern, never the raw path', async () => {
    await t.rest('GET', '/api/auth/session', { token });
    await t.rest('POST', '/api/auth/devices/00000000-0000-4000-8000-000000000000/trust', { token });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect(res.body).toMatch(/calos_http_request_duration_seconds_count\{method="GET",route="\/api\/auth\/session",status="200"\} \d+/);
    expect(res.body).toContain('route="/api/auth/devices/:deviceId/trust",status="404"');
    expect(res.body).not.toContain('00000000-0000-4000-8000-000000000000');
  });
});

describe('request ids', () => {
  it('keep a well-formed x-request-id and replace anything else, in the header and the error body alike', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'trace-123.abc' } });
    expect(kept.headers['x-request-id']).toBe('trace-123.abc');
    expect(kept.json().error.requestId).toBe('trace-123.abc');
    const replaced = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'has spaces <b>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.json().error.requestId).toBe(replaced.headers['x-request-id']);
  });
});

describe('OpenAPI', () => {
  it('is an OpenAPI 3 document a standard validator accepts, listing the identity routes', async () => {
    const res = await t.rest('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const [method, path] of [
      ['post', '/auth/register'],
      ['post', '/auth/login'],
      ['post', '/auth/logout'],
      ['get', '/auth/session'],
      ['get', '/auth/devices'],
      ['get', '/auth/alerts'],
      ['post', '/auth/age-verification'],
    ] as const) {
      expect(res.body.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(Object.keys(res.body.paths['/auth/register'].post.responses)).toContain('201');
    expect(Object.keys(res.body.paths['/auth/logout'].post.responses)).toContain('204');
  });

  it('lists the statuses each route answers: who may call, its method, its path ids and its own errors', async () => {
    const { paths } = (await t.rest('GET', '/api/openapi.json')).body;
    const statuses = (method: string, path: string) => Object.keys(paths[path][method].responses).sort();
    // 403: a second factor or a new device's confirmation is required (both opt-in); 422: the passkey's relying party would be an IP address.
    expect(statuses('post', '/auth/login')).toEqual(['200', '400', '401', '403', '413', '415', '422', '429', '500']);
    expect(statuses('post', '/auth/register')).toEqual(['201', '400', '409', '413', '415', '429', '500']);
    expect(statuses('get', '/skills')).toEqual(['200', '400', '401', '429', '500']); // 401: a bad API key
    // 409 and 422: an Idempotency-Key still running, or reused with another body (every authenticated POST honours one).
    expect(statuses('post', '/auth/logout')).toEqual(['204', '400', '401', '403', '409', '413', '415', '422', '429', '500']);
    expect(statuses('post', '/mailer/redeem')).toEqual(['200', '400', '401', '403', '404', '409', '410', '413', '415', '422', '429', '500']);
    expect(statuses('get', '/leagues/elo/{userId}')).toEqual(['200', '400', '404', '500']);
    expect(paths['/skills/award-xp'].post.responses['403'].description).toMatch(/requiredScope/);
  });
});

describe('bad input gets a 4xx in the error shape and writes nothing', () => {
  const big = 'x'.repeat(1024 * 1024);
  const cases: Array<[string, string | undefined, number, string, Record<string, string>?]> = [
    ['malformed JSON', '{"username":', 400, 'VALIDATION_FAILED'],
    ['an empty body', '', 400, 'VALIDATION_FAILED'],
    ['a JSON array', '[]', 400, 'VALIDATION_FAILED'],
    ['JSON null', 'null', 400, 'VALIDATION_FAILED'],
    ['a missing field', JSON.stringify({ username: 'someone_new', password: 'long enough pw' }), 400, 'VALIDATION_FAILED'],
    ['an extra field', JSON.stringify({ ...newAccount(), role: 'admin' }), 400, 'VALIDATION_FAILED'],
    ['wrong types', '{"username":12,"email":true,"password":[]}', 400, 'VALIDATION_FAILED'],
    ['a 1 MB body', JSON.stringify({ username: big }), 413, 'PAYLOAD_TOO_LARGE'],
    ['10,000-character strings', JSON.stringify({ username: 'a'.repeat(10_000), email: `${'a'.repeat(10_000)}@x.io`, password: 'p'.repeat(10_000) }), 400, 'VALIDATION_FAILED'],
    ['SQL-looking strings', JSON.stringify({ username: "x' OR 1=1 --", email: "'; DROP TABLE users; --@x.io", password: "' OR ''='0123456" }), 400, 'VALIDATION_FAILED'],
    ['unicode and NUL', JSON.stringify({ username: 'ü\u0000\u202e𝕏', email: 'ü@例え.jp', password: 'é'.repeat(300) }), 400, 'VALIDATION_FAILED'],
    ['a text/plain body', 'username=x', 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': 'text/plain' }],
  ];

  it.each(cases)('register with %s', async (_name, payload, status, code, headers) => {
    const before = await snapshot();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });
    expect(res.statusCode).toBe(status);
    expectErrorShape(res.json(), code);
    expect(await snapshot()).toEqual(before);
  });

  it('names each bad field with where it came from', async () => {
    const res = await t.rest('POST', '/api/auth/register', { body: { username: 'ab', email: 'nope', password: 'short', extra: 1 } });
    expect(res.body.error.details.issues).toEqual([
      { path: 'body.username', message: 'must be at least 3 characters' },
      { path: 'body.email', message: 'must be an email address' },
      { path: 'body.password', message: 'must be at least 10 characters' },
      { path: 'body.extra', message: 'is not a known field' },
    ]);
    const query = await t.rest('GET', '/api/auth/alerts?limit=1000', { token });
    expect(query.status).toBe(400);
    expect(query.body.error.details.issues[0].path).toBe('query.limit');
    const pathParam = await t.rest('POST', '/api/auth/devices/not-a-uuid/trust', { token });
    expect(pathParam.status).toBe(400);
    expect(pathParam.body.error.details.issues[0].path).toBe('path.deviceId');
  });

  it('keeps SQL-looking and unicode input as plain data where it is allowed', async () => {
    const before = await snapshot();
    const res = await t.rest('POST', '/api/auth/login', {
      body: { login: "'; DROP TABLE users; --", password: '𝕏 ü \u202e' },
    });
    expect(res.status).toBe(401);
    expect(await snapshot()).toEqual(before);
    const label = await t.rest('POST', '/api/auth/login', {
      body: {
        login: (await t.rest('GET', '/api/auth/session', { token })).body.user.username,
        password: 'correct horse battery staple',
        device: { fingerprint: "fp'); DELETE FROM users; --", label: "Bobby'); DROP TABLE--𝕏", signals: {} },
      },
    });
    expect(label.status).toBe(200);
    const devices = await t.rest('GET', '/api/auth/devices', { token: label.body.token });
    expect(devices.body.items[0].label).toBe("Bobby'); DROP TABLE--𝕏");
  });

  it('refuses a DELETE body with fields instead of ignoring it', async () => {
    const user = await signUp(t);
    const res = await t.rest('DELETE', '/api/mailer/address', { token: user.token, body: { userId: {}, xp: 'lots' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body' }] } });
    expect((await t.rest('DELETE', '/api/mailer/address', { token: user.token, body: {} })).status).toBe(204);
    expect((await t.rest('DELETE', '/api/mailer/address', { token: user.token })).status).toBe(204);
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await t.rest('PUT', '/api/auth/session', { token, body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expectErrorShape(res.body, 'METHOD_NOT_ALLOWED');
    const device = await t.rest('GET', '/api/auth/devices/00000000-0000-4000-8000-000000000000/trust', { token });
    expect(device.status).toBe(405);
    expect(device.headers.allow).toBe('POST');
  });

  it('answers a wrong method with 405 before reading the body', async () => {
    for (const [payload, type] of [['{', 'application/json'], ['<a/>', 'text/xml']] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/skills', headers: { 'content-type': type }, payload });
      expect(res.statusCode, type).toBe(405);
      expect(res.headers.allow).toBe('GET');
    }
  });

  it('answers a malformed URL in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/skills/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'VALIDATION_FAILED');
  });

  it('answers HEAD on a write-only path with 405, and reads a path with a trailing slash as without', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: '/api/auth/login' });
    expect(head.statusCode).toBe(405);
    expect(head.headers.allow).toBe('POST');
    const slash = await t.rest('GET', '/api/auth/session/', { token });
    expect(slash.status).toBe(200);
  });

  it('reads numbers from the query string but never coerces a JSON body', async () => {
    const query = await t.rest('GET', '/api/auth/sessions?limit=1', { token });
    expect(query.status).toBe(200);
    expect(query.body.items).toHaveLength(1);
    const blank = await t.rest('GET', '/api/auth/sessions?limit=', { token });
    expect(blank.status).toBe(200); // a blank field takes its default
    for (const limit of ['ten', '1e999', '1&limit=2', '0']) {
      const bad = await t.rest('GET', `/api/auth/sessions?limit=${limit}`, { token });
      expect(bad.status, limit).toBe(400);
      expect(bad.body.error.details.issues[0].path).toBe('query.limit');
    }
    const body = await t.rest('POST', '/api/auth/age-verification', { token, body: { minimumAge: '18', method: 'self_declaration', declaredOver: 'true' } });
    expect(body.status).toBe(400);
    expect(body.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.minimumAge', 'body.declaredOver']);
  });

  it('answers an unknown route with a 404 in the error shape', async () => {
    const res = await t.rest('GET', '/api/no/such/route');
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 'NOT_FOUND');
  });
});

describe('tokens', () => {
  const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

  it('refuses forged, expired, alg:none and garbage tokens with 401', async () => {
    const claims = decode(token);
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(32)));
    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(await secretOf(t));
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${token.split('.')[1]}.`;
    const tampered = `${token.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${token.split('.')[2]}`;
    for (const bad of [forged, expired, none, tampered, 'garbage', 'a.b.c', '']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: `Bearer ${bad}` } });
      expect(res.statusCode, bad).toBe(401);
      expectErrorShape(res.json(), 'UNAUTHENTICATED');
    }
  });
});

async function secretOf(app: TestApp): Promise<Uint8Array> {
  const row = await app.db.knex('platform_secrets').where({ name: 'jwt_hs256' }).first('value');
  return new TextEncoder().encode(row.value);
}

describe('cookie sessions and the Origin check', () => {
  const origin = 'http://localhost:80';

  async function cookieLogin() {
    const account = newAccount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.register',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:80', host: 'localhost:80' },
      payload: JSON.stringify({ json: account }),
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    return cookie.value;
  }

  it('reads the session from the cookie', async () => {
    const cookie = await cookieLogin();
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: cookie } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses cookie-authenticated writes without our Origin', async () => {
    const cookie = await cookieLogin();
    for (const headers of [{}, { origin: 'https://evil.example' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sessions/revoke-others',
        headers: { host: 'localhost:80', ...headers },
        cookies: { [SESSION_COOKIE]: cookie },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.details.reason).toMatch(/^ORIGIN_/);
    }
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sessions/revoke-others',
      headers: { host: 'localhost:80', origin },
      cookies: { [SESSION_COOKIE]: cookie },
    });
    expect(same.statusCode).toBe(200);
  });

  it('refuses a sign-in posted to /trpc from another site', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost:80' },
      payload: JSON.stringify({ json: { login: 'whoever', password: 'whatever12' } }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies).toEqual([]);
  });

  it('clears the cookie on logout and refuses it afterwards', async () => {
    const cookie = await cookieLogin();
    const out = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.logout',
      headers: { 'content-type': 'application/json', host: 'localhost:80', origin },
      cookies: { [SESSION_COOKIE]: cookie },
      payload: JSON.stringify({ json: {} }),
    });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: { [SESSION_COOKIE]: cookie } });
    expect(after.statusCode).toBe(401);
  });
});
