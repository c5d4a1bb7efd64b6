// Idempotency-Key on every POST of the REST door that needs a caller (not only the four hot writes):
// a retry of a create makes nothing new and replays the first answer; an answer holding a secret shown
// once (an API key, a webhook secret, a session token, coupon codes) is never stored, so its replay is
// refused with 409 IDEMPOTENT_REPLAY_WITHHELD naming what the first request made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/harness';
import { createApplication, signUp, signUpAdmin } from './testing/factories';
import { procedureMetas } from './openapi';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ CALOS_WEBHOOK_ALLOW_PRIVATE: 'true' });
});
afterAll(async () => {
  await t.close();
});

describe('Idempotency-Key on every authenticated POST', () => {
  it('is documented on each such route and on no public one', () => {
    const metas = [...procedureMetas(t.platform.router).values()];
    for (const meta of metas) {
      const expected = meta.method === 'POST' && !['public', 'optionalApiKey'].includes(meta.access);
      expect(meta.idempotent, meta.route).toBe(expected);
    }
    expect(metas.filter((m) => m.idempotent).length).toBeGreaterThan(20);
  });

  it('replays a create (an application) instead of making a second one', async () => {
    const user = await signUp(t);
    const headers = { 'idempotency-key': `app-${user.userId}` };
    const first = await t.rest('POST', '/api/apps', { token: user.token, body: { name: 'Retry club' }, headers });
    const again = await t.rest('POST', '/api/apps', { token: user.token, body: { name: 'Retry club' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await t.db.knex('applications').where({ owner_id: user.userId }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
    const other = await t.rest('POST', '/api/apps', { token: user.token, body: { name: 'Another club' }, headers });
    expect([other.status, other.body.error.details.reason]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('scopes a key to its caller: another user with the same key makes their own', async () => {
    const [a, b] = [await signUp(t), await signUp(t)];
    const headers = { 'idempotency-key': 'shared-key-1' };
    const first = await t.rest('POST', '/api/apps', { token: a.token, body: { name: 'A club' }, headers });
    const second = await t.rest('POST', '/api/apps', { token: b.token, body: { name: 'A club' }, headers });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
  });

  it('never stores a secret: the replay of a key creation is 409 naming the key, and no second key exists', async () => {
    const user = await signUp(t);
    const app = await createApplication(t, user.token);
    const headers = { 'idempotency-key': `key-${user.userId}` };
    const body = { name: 'ci', mode: 'test', scopes: ['webhooks:manage'] };
    const first = await t.rest('POST', `/api/apps/${app.id}/keys`, { token: user.token, body, headers });
    expect(first.status).toBe(201);
    const again = await t.rest('POST', `/api/apps/${app.id}/keys`, { token: user.token, body, headers });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ reason: 'IDEMPOTENT_REPLAY_WITHHELD', id: first.body.key.id });
    const stored = await t.db.knex('idempotency_keys').where({ key: headers['idempotency-key'] }).first('response');
    expect(JSON.stringify(stored)).not.toContain(first.body.secret);
    expect((await t.rest('GET', `/api/apps/${app.id}/keys`, { token: user.token })).body.items).toHaveLength(1);
  });

  it('withholds a refreshed session token and a webhook secret on replay too', async () => {
    const admin = await signUpAdmin(t);
    const refresh = { 'idempotency-key': `refresh-${admin.userId}` };
    const fresh = await t.rest('POST', '/api/auth/refresh', { token: admin.token, headers: refresh });
    expect(fresh.status).toBe(200);
    const replay = await t.rest('POST', '/api/auth/refresh', { token: admin.token, headers: refresh });
    expect([replay.status, replay.body.error.details.reason]).toEqual([409, 'IDEMPOTENT_REPLAY_WITHHELD']);

    const hook = { 'idempotency-key': `hook-${admin.userId}` };
    const body = { url: 'http://127.0.0.1:9/hook', events: ['xp.awarded'] };
    const registered = await t.rest('POST', '/api/webhooks/register', { token: admin.token, body, headers: hook });
    expect(registered.status).toBe(201);
    const twice = await t.rest('POST', '/api/webhooks/register', { token: admin.token, body, headers: hook });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toMatchObject({ reason: 'IDEMPOTENT_REPLAY_WITHHELD', id: registered.body.endpoint.id });
  });

  it('names the header when a key is malformed or too long', async () => {
    const user = await signUp(t);
    for (const key of ['a b', 'x'.repeat(256)]) {
      const answer = await t.rest('POST', '/api/apps', { token: user.token, body: { name: 'Odd key' }, headers: { 'idempotency-key': key } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.issues).toEqual([expect.objectContaining({ path: 'header.Idempotency-Key' })]);
    }
  });

  it('runs ten parallel creates with one key once', async () => {
    const user = await signUp(t);
    const headers = { 'idempotency-key': `race-${user.userId}` };
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.rest('POST', '/api/apps', { token: user.token, body: { name: 'Race club' }, headers })));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await t.db.knex('applications').where({ owner_id: user.userId }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });
});
