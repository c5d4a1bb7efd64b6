// Real server processes: two instances on one PostgreSQL behave as one (a logout on one is refused
// on the other), SIGTERM drains in-flight requests, and PGlite refuses a second process clearly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKind, newAccount } from './testing/harness';
import { freePort, startServer, waitUntilReady, type ServerProcess } from './testing/server-process';

const started: ServerProcess[] = [];
const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop('SIGKILL')));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const json = (method: string, body?: unknown, token?: string): RequestInit => ({
  method,
  headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: body ? JSON.stringify(body) : undefined,
});

/** Environment for a server process on this run's database (a fresh one for PostgreSQL). */
async function serverDatabaseEnv(): Promise<Record<string, string>> {
  if (dbKind() === 'postgres') {
    const db = await createTestDatabase();
    await db.close();
    return { DATABASE_URL: db.url! };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-proc-'));
  tempDirs.push(dir);
  return { CALOS_DATA_DIR: dir };
}

// Two processes cannot share a PGlite data folder (one process per folder), so this runs on PostgreSQL.
describe.runIf(dbKind() === 'postgres')('two instances on one PostgreSQL', () => {
  it('refuses on instance B a token logged out on instance A, at once', async () => {
    const env = await serverDatabaseEnv();
    const a = startServer(await freePort(), env);
    const b = startServer(await freePort(), env);
    started.push(a, b);
    await Promise.all([waitUntilReady(a), waitUntilReady(b)]);

    const registered = await fetch(`${a.url}/api/auth/register`, json('POST', newAccount()));
    expect(registered.status).toBe(201);
    const { token } = (await registered.json()) as { token: string };
    expect((await fetch(`${b.url}/api/auth/session`, json('GET', undefined, token))).status).toBe(200);

    expect((await fetch(`${a.url}/api/auth/logout`, json('POST', undefined, token))).status).toBe(204);
    const refused = await fetch(`${b.url}/api/auth/session`, json('GET', undefined, token));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');

    // A session revoked from another device on A is refused on B too.
    const account = newAccount();
    await fetch(`${a.url}/api/auth/register`, json('POST', account));
    const login = async () =>
      ((await (await fetch(`${b.url}/api/auth/login`, json('POST', { login: account.username, password: account.password }))).json()) as {
        token: string;
        session: { id: string };
      });
    const [first, second] = [await login(), await login()];
    expect((await fetch(`${a.url}/api/auth/sessions/${second.session.id}`, json('DELETE', undefined, first.token))).status).toBe(204);
    expect((await fetch(`${b.url}/api/auth/session`, json('GET', undefined, second.token))).status).toBe(401);
    expect((await fetch(`${b.url}/api/auth/session`, json('GET', undefined, first.token))).status).toBe(200);
  });
});

describe('shutdown', () => {
  it('drains in-flight requests on SIGTERM, then exits 0', async () => {
    const server = startServer(await freePort(), {
      ...(await serverDatabaseEnv()),
      CALOS_ARGON2_CONCURRENCY: '1',
      CALOS_LOGIN_MAX_PER_ACCOUNT: '1000',
      LOG_LEVEL: 'info',
    });
    started.push(server);
    await waitUntilReady(server);
    const account = newAccount();
    expect((await fetch(`${server.url}/api/auth/register`, json('POST', account))).status).toBe(201);

    // Twelve logins queue behind one argon2 slot (~20 ms each). SIGTERM goes out once the server has
    // logged all twelve as received, so they are in flight, not merely sent.
    const logins = Array.from({ length: 12 }, () =>
      fetch(`${server.url}/api/auth/login`, json('POST', { login: account.username, password: account.password })).then((r) => r.status),
    );
    const received = () => server.output().match(/"url":"\/api\/auth\/login"[^\n]*"msg":"incoming request"/g)?.length ?? 0;
    while (received() < 12) await new Promise((r) => setTimeout(r, 5));
    const code = server.stop('SIGTERM');
    expect(await Promise.all(logins)).toEqual(Array(12).fill(200));
    expect(await code).toBe(0);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe.runIf(dbKind() === 'pglite')('embedded database', () => {
  it('refuses a second process on the same data folder with a clear message', async () => {
    const env = await serverDatabaseEnv();
    const first = startServer(await freePort(), env);
    started.push(first);
    await waitUntilReady(first);
    const second = startServer(await freePort(), env);
    started.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by process \d+.*DATABASE_URL/s);
    expect(await first.stop()).toBe(0);
    expect(fs.existsSync(path.join(env.CALOS_DATA_DIR!, 'calos.lock'))).toBe(false);
  });
});
