// Applications and API keys through both doors: shown once, stored as a hash, scopes checked in the
// procedure base, revocation at once on another instance, per-key rate limits, test mode apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scopeRegistry } from './scopes';

const apiScopes = scopeRegistry.ids();
import { createTestApp, raceTest, type TestApp } from '../../testing/harness';
import { createApiKey, createApplication, developerWithKey, signUp } from '../../testing/factories';
import { apiKeyProcedure, router, createCallerFactory } from '../../trpc';
import { hashApiKey } from './api-key-format';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ CALOS_WEBHOOK_ALLOW_PRIVATE: 'true' });
});
afterAll(async () => {
  await t.close();
});

describe('applications', () => {
  it('are created, listed, renamed and deleted by their owner only', async () => {
    const owner = await signUp(t);
    const other = await signUp(t);
    const app = await createApplication(t, owner.token, 'Puzzle league');
    expect((await t.rest('GET', '/api/apps', { token: owner.token })).body.items.map((a: { name: string }) => a.name)).toEqual(['Puzzle league']);
    expect((await t.rest('GET', '/api/apps', { token: other.token })).body.items).toEqual([]);
    expect((await t.rest('GET', `/api/apps/${app.id}`, { token: other.token })).status).toBe(404);
    const renamed = await t.rest('PATCH', `/api/apps/${app.id}`, { token: owner.token, body: { name: 'Puzzles' } });
    expect(renamed.body.name).toBe('Puzzles');
    expect((await t.rest('DELETE', `/api/apps/${app.id}`, { token: other.token })).status).toBe(404);
    expect((await t.rest('DELETE', `/api/apps/${app.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.rest('GET', `/api/apps/${app.id}`, { token: owner.token })).status).toBe(404);
  });
});

describe('API keys', () => {
  it('are shown once, stored only as a hash, and listed by prefix and last four', async () => {
    const dev = await signUp(t);
    const app = await createApplication(t, dev.token);
    const { secret, key } = await createApiKey(t, dev.token, app.id, { scopes: ['webhooks:manage'] });
    expect(secret).toMatch(/^calos_sk_[0-9A-Za-z]{38}$/);
    const row = await t.db.knex('api_keys').where({ id: key.id }).first();
    expect(row.key_hash).toBe(hashApiKey(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await t.rest('GET', `/api/apps/${app.id}/keys`, { token: dev.token });
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ display: `${secret.slice(0, 13)}…${secret.slice(-4)}`, scopes: ['webhooks:manage'], mode: 'live' });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });

  it('makes test keys with the calos_tk_ prefix', async () => {
    const { secret, key } = await developerWithKey(t, { mode: 'test' });
    expect(secret).toMatch(/^calos_tk_/);
    expect(key.mode).toBe('test');
  });

  it('say who they are, and record when they were last used', async () => {
    const dev = await developerWithKey(t);
    const me = await t.rest('GET', '/api/keys/me', { token: dev.secret });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ application: { id: dev.app.id }, key: { id: dev.key.id, mode: 'live' } });
    expect(me.headers['ratelimit-policy']).toBe('"api-key";q=600;w=60');
    const keys = await t.rest('GET', `/api/apps/${dev.app.id}/keys`, { token: dev.token });
    expect(keys.body.items[0].lastUsedAt).not.toBeNull();
  });

  it('refuses a malformed key, one with a bad checksum, and an unknown one with 401', async () => {
    const dev = await developerWithKey(t);
    const flipped = dev.secret.slice(0, -1) + (dev.secret.endsWith('a') ? 'b' : 'a');
    for (const token of ['calos_sk_nope', flipped, `calos_sk_${'A'.repeat(38)}`]) {
      const res = await t.rest('GET', '/api/webhooks', { token });
      expect(res.status, token).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('cannot open user-only routes', async () => {
    const dev = await developerWithKey(t);
    const res = await t.rest('GET', '/api/auth/session', { token: dev.secret });
    expect(res.status).toBe(403);
    expect(res.body.error.details.reason).toBe('USER_ONLY');
  });

  it('are refused at once after revocation, on another instance too', async () => {
    const dev = await developerWithKey(t);
    const second = await createTestApp({}, { db: t.db });
    try {
      expect((await second.rest('GET', '/api/webhooks', { token: dev.secret })).status).toBe(200);
      expect((await t.rest('DELETE', `/api/apps/${dev.app.id}/keys/${dev.key.id}`, { token: dev.token })).status).toBe(204);
      const refused = await second.rest('GET', '/api/webhooks', { token: dev.secret });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    } finally {
      await second.close();
    }
  });

  it('carry RateLimit headers, and answer 429 with Retry-After over their limit', async () => {
    const dev = await developerWithKey(t, { rateLimitPerMinute: 3 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await t.rest('GET', '/api/webhooks', { token: dev.secret }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers['ratelimit-policy']).toBe('"api-key";q=3;w=60');
    expect(answers[0]!.headers.ratelimit).toMatch(/^"api-key";r=2;t=\d+$/);
    expect(answers[2]!.headers.ratelimit).toMatch(/^"api-key";r=0;t=\d+$/);
    expect(answers[3]!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0);
  });

  raceTest('share one rate limit under parallel requests: exactly the limit succeed', async () => {
    const dev = await developerWithKey(t, { rateLimitPerMinute: 5 });
    const statuses = await Promise.all(Array.from({ length: 12 }, () => t.rest('GET', '/api/webhooks', { token: dev.secret }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe('scopes are checked in the procedure base', () => {
  // One throwaway procedure per scope, built on the same base every module uses.
  const scoped = router(
    Object.fromEntries(apiScopes.map((scope) => [scope.replace(':', '_'), apiKeyProcedure(scope).output(z.string()).query(() => scope)])),
  );

  it.each(apiScopes)('%s: a key with it passes, a key without it gets 403 naming it', async (scope) => {
    const holder = await developerWithKey(t, { scopes: [scope], mode: 'test' });
    const other = apiScopes.find((s) => s !== scope)!;
    const lacking = await developerWithKey(t, { scopes: [other], mode: 'test' });
    const call = (token: string) =>
      (createCallerFactory(scoped)(t.contextFor({ token })) as Record<string, () => Promise<string>>)[scope.replace(':', '_')]!();
    await expect(call(holder.secret)).resolves.toBe(scope);
    await expect(call(lacking.secret)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      cause: { code: 'FORBIDDEN', details: { requiredScope: scope } },
    });
  });

  it('on REST: webhooks:manage allowed with the scope, 403 with requiredScope without it', async () => {
    const allowed = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    const refused = await developerWithKey(t, { scopes: ['users:read'], mode: 'test' });
    expect((await t.rest('GET', '/api/webhooks', { token: allowed.secret })).status).toBe(200);
    const res = await t.rest('GET', '/api/webhooks', { token: refused.secret });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: { requiredScope: 'webhooks:manage' } });
  });
});

describe('privileged scopes', () => {
  const promote = (userId: string, role: 'admin' | 'user') => t.db.knex('users').where({ id: userId }).update({ role });

  it('go on live keys only from an administrator; anyone may try them on a test key', async () => {
    const dev = await signUp(t);
    const app = await createApplication(t, dev.token);
    const refused = await t.rest('POST', `/api/apps/${app.id}/keys`, {
      token: dev.token,
      body: { name: 'award', mode: 'live', scopes: ['skills:award', 'webhooks:manage'] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({ reason: 'SCOPE_NEEDS_ADMIN', scopes: ['skills:award'] });
    expect((await t.db.knex('api_keys').where({ application_id: app.id })).length).toBe(0);

    const sandbox = await createApiKey(t, dev.token, app.id, { mode: 'test', scopes: ['skills:award'] });
    expect(sandbox.secret).toMatch(/^calos_tk_/);

    await promote(dev.userId, 'admin');
    const granted = await createApiKey(t, dev.token, app.id, { mode: 'live', scopes: ['skills:award', 'webhooks:manage'] });
    const ctx = () => t.contextFor({ token: granted.secret });
    const award = router({ award: apiKeyProcedure('skills:award').output(z.string()).query(() => 'awarded') });
    await expect(createCallerFactory(award)(ctx()).award()).resolves.toBe('awarded');

    // Demoted: the live key loses its privileged scopes at once, and keeps the others.
    await promote(dev.userId, 'user');
    await expect(createCallerFactory(award)(ctx()).award()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.rest('GET', '/api/webhooks', { token: granted.secret })).status).toBe(200);
  });
});

describe('test mode', () => {
  it('keeps test and live webhooks apart', async () => {
    const dev = await signUp(t);
    const app = await createApplication(t, dev.token);
    const live = await createApiKey(t, dev.token, app.id, { mode: 'live' });
    const test = await createApiKey(t, dev.token, app.id, { mode: 'test' });
    const made = await t.rest('POST', '/api/webhooks/register', {
      token: test.secret,
      body: { url: 'http://127.0.0.1:9/test-hooks', events: ['user.registered'] },
    });
    expect(made.status).toBe(201);
    expect(made.body.endpoint.mode).toBe('test');
    expect((await t.rest('GET', '/api/webhooks', { token: live.secret })).body.items).toEqual([]);
    expect((await t.rest('GET', `/api/webhooks/${made.body.endpoint.id}`, { token: live.secret })).status).toBe(404);
    expect((await t.rest('GET', '/api/webhooks', { token: test.secret })).body.items).toHaveLength(1);
    // The owner sees both modes in the portal.
    const mine = await t.rest('GET', '/api/webhooks', { token: dev.token });
    expect(mine.body.items.map((e: { mode: string }) => e.mode)).toEqual(['test']);
  });
});

describe('usage analytics', () => {
  it('counts requests per key, route and day, with errors and latency percentiles', async () => {
    const dev = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    for (let i = 0; i < 3; i++) await t.rest('GET', '/api/webhooks', { token: dev.secret });
    await t.rest('GET', '/api/webhooks/00000000-0000-4000-8000-000000000000', { token: dev.secret });
    await t.rest('GET', '/api/keys/me', { token: dev.secret });
    await t.platform.usage.flush();
    const usage = await t.rest('GET', `/api/usage?applicationId=${dev.app.id}&days=7`, { token: dev.token });
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toMatchObject({ requests: 5, errors: 1 });
    expect(usage.body.totals.p50Ms).toBeGreaterThan(0);
    expect(usage.body.days).toHaveLength(7);
    expect(usage.body.days.at(-1)).toMatchObject({ day: new Date().toISOString().slice(0, 10), requests: 5 });
    const routes = Object.fromEntries(usage.body.routes.map((r: { route: string; requests: number; errors: number }) => [r.route, [r.requests, r.errors]]));
    expect(routes).toEqual({ 'GET /webhooks': [3, 0], 'GET /webhooks/{webhookId}': [1, 1], 'GET /keys/me': [1, 0] });
    expect(usage.body.keys).toEqual([expect.objectContaining({ keyId: dev.key.id, requests: 5, errors: 1 })]);

    // Another developer sees none of it.
    const other = await signUp(t);
    expect((await t.rest('GET', '/api/usage', { token: other.token })).body.totals.requests).toBe(0);
    expect((await t.rest('GET', `/api/usage?applicationId=${dev.app.id}`, { token: other.token })).status).toBe(404);
  });
});
