// No delivery is lost when the server dies mid-queue: a process is killed (SIGKILL) while a slow
// receiver is working through queued deliveries, a new one starts on the same database, and every
// event still arrives, at least once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKind, newAccount } from '../../testing/harness';
import { freePort, startServer, waitUntilReady, type ServerProcess } from '../../testing/server-process';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const servers: ServerProcess[] = [];
let receiver: WebhookReceiver | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await receiver?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('a server restart mid-queue', () => {
  it('loses no delivery', async () => {
    const database: Record<string, string> = {};
    if (dbKind() === 'postgres') {
      const db = await createTestDatabase();
      await db.close();
      database.DATABASE_URL = db.url!;
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-restart-'));
      database.CALOS_DATA_DIR = dataDir;
    }
    const env = {
      ...database,
      CALOS_ADMIN_USERNAME: 'ops_admin',
      CALOS_ADMIN_EMAIL: 'ops@example.com',
      CALOS_ADMIN_PASSWORD: 'operator password',
      CALOS_WEBHOOK_ALLOW_PRIVATE: 'true',
      // A job whose process died counts as lost after 3 s; the queue looks every second.
      CALOS_JOB_EXPIRE_SECONDS: '3',
      CALOS_JOB_MAINTENANCE_SECONDS: '1',
    };
    receiver = await startWebhookReceiver();
    receiver.setDelayMs(250);

    const first = startServer(await freePort(), env);
    servers.push(first);
    await waitUntilReady(first);
    const login = await post(`${first.url}/api/auth/login`, { login: 'ops_admin', password: 'operator password' });
    const { token } = (await login.json()) as { token: string };
    const hook = await post(`${first.url}/api/webhooks/register`, { url: receiver.url, events: ['user.registered'] }, token);
    expect(hook.status).toBe(201);
    const webhookId = ((await hook.json()) as { endpoint: { id: string } }).endpoint.id;

    const users = 15;
    const registered: string[] = [];
    for (let i = 0; i < users; i++) {
      const res = await post(`${first.url}/api/auth/register`, newAccount());
      expect(res.status).toBe(201);
      registered.push(((await res.json()) as { user: { id: string } }).user.id);
    }
    await receiver.waitFor(3, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeRestart = receiver.received.length;
    expect(beforeRestart).toBeLessThan(users);

    const second = startServer(await freePort(), env);
    servers.push(second);
    await waitUntilReady(second);

    const deadline = Date.now() + 60_000;
    const heardAbout = () => new Set(receiver!.received.map((r) => (JSON.parse(r.body) as { data: { userId: string } }).data.userId));
    while (registered.some((id) => !heardAbout().has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect([...heardAbout()].sort()).toEqual([...registered].sort());

    // Every delivery ends as succeeded; an event sent twice (the one in flight at the kill) is the
    // at-least-once promise, and it carries the same webhook-id both times for the receiver to dedupe.
    const adminLogin = await post(`${second.url}/api/auth/login`, { login: 'ops_admin', password: 'operator password' });
    const adminToken = ((await adminLogin.json()) as { token: string }).token;
    let statuses: string[] = [];
    while (Date.now() < deadline) {
      const page = await fetch(`${second.url}/api/webhooks/${webhookId}/deliveries?limit=100`, { headers: { authorization: `Bearer ${adminToken}` } });
      statuses = ((await page.json()) as { items: Array<{ status: string }> }).items.map((d) => d.status);
      if (statuses.length === users && statuses.every((s) => s === 'succeeded')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(statuses).toEqual(Array(users).fill('succeeded'));
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(users);
  }, 120_000);
});
