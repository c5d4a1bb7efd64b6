// The request log: "request completed" carries the request id, the route (its pattern, not the URL
// with ids and query), the status, the time, and who called (userId or keyId), on both doors.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/harness';
import { developerWithKey, signUp } from './testing/factories';

const lines: Array<Record<string, unknown>> = [];
let t: TestApp;
beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  t = await createTestApp({ LOG_LEVEL: 'info' }, { logStream: stream });
});
afterAll(async () => {
  await t.close();
});

const completed = (reqId: unknown) => lines.find((l) => l.reqId === reqId && l.msg === 'request completed');

describe('the request log', () => {
  it('names the route, status, time and signed-in user of a REST request, never its query string', async () => {
    const user = await signUp(t);
    const res = await t.app.inject({ method: 'GET', url: `/api/skills/user/${user.userId}`, headers: { authorization: `Bearer ${user.token}` } });
    expect(res.statusCode).toBe(200);
    const queried = await t.app.inject({ method: 'GET', url: '/api/skills/leaderboard?skill=s3cr3t&limit=2' });
    expect(completed(queried.headers['x-request-id'])).toMatchObject({ route: '/api/skills/leaderboard' });
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: `Bearer ${user.token}` } });
    const entry = completed(session.headers['x-request-id']);
    expect(entry).toMatchObject({ level: 30, route: '/api/auth/session', userId: user.userId, res: { statusCode: 200 } });
    expect(typeof entry!.responseTime).toBe('number');
    expect(completed(res.headers['x-request-id'])).toMatchObject({ route: '/api/skills/user/:userId' });
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  it('names the API key of a keyed request, and the procedure of a tRPC call', async () => {
    const { secret, key } = await developerWithKey(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/keys/me', headers: { authorization: `Bearer ${secret}` } });
    expect(completed(res.headers['x-request-id'])).toMatchObject({ route: '/api/keys/me', keyId: key.id, res: { statusCode: 200 } });
    const trpc = await t.app.inject({ method: 'GET', url: '/trpc/skills.list' });
    expect(completed(trpc.headers['x-request-id'])).toMatchObject({ route: '/trpc/skills.list', res: { statusCode: 200 } });
    const refused = await t.app.inject({ method: 'GET', url: '/api/keys/me', headers: { authorization: 'Bearer calos_sk_nope' } });
    expect(completed(refused.headers['x-request-id'])).toMatchObject({ route: '/api/keys/me', res: { statusCode: 401 } });
  });
});
