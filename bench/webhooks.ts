// Webhook delivery benchmark (see bench/README.md): the delay from an event to its delivery at a
// sustained event rate, and how many deliveries per second the worker sustains.
//
//   npm run bench:webhooks                        # CalOS on PostgreSQL (database calos_bench_wh)
//   npm run bench:webhooks -- --pglite            # on embedded PGlite
//   npm run bench:webhooks -- --rate 100 --seconds 20 --burst 3000
//
// Events are `webhook.test` events made by POST /api/webhooks/{id}/test: one transaction that
// writes the event, its delivery and its job, like any module's event. A receiver in this process
// answers 200 at once and notes when each delivery arrives; the delay is arrival time minus the
// event's own timestamp (same machine, same clock).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    burst: { type: 'string', default: '3000' },
    port: { type: 'string', default: '5311' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const rate = Number(flags.rate);
const seconds = Number(flags.seconds);
const burst = Number(flags.burst);
const base = `http://127.0.0.1:${flags.port}`;

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

async function main() {
  const env: Record<string, string> = {
    PORT: flags.port!,
    LOG_LEVEL: 'warn',
    CALOS_CLIENT_DIR: '/nonexistent',
    CALOS_WEBHOOK_ALLOW_PRIVATE: 'true',
    CALOS_ADMIN_USERNAME: 'bench_admin',
    CALOS_ADMIN_EMAIL: 'bench@example.com',
    CALOS_ADMIN_PASSWORD: 'bench admin password',
  };
  if (flags.pglite) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-bench-wh-'));
    env.CALOS_DATA_DIR = dir;
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    const admin = new pg.Client({ connectionString: flags['pg-url'] });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS calos_bench_wh WITH (FORCE)');
    await admin.query('CREATE DATABASE calos_bench_wh');
    await admin.end();
    const url = new URL(flags['pg-url']!);
    url.pathname = '/calos_bench_wh';
    env.DATABASE_URL = url.toString();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: flags['pg-url'] });
      await c.connect();
      await c.query('DROP DATABASE IF EXISTS calos_bench_wh WITH (FORCE)');
      await c.end();
    });
  }

  // The receiver: 200 at once, arrival times by event id.
  const arrivals = new Map<string, number>();
  const eventTimes = new Map<string, number>();
  // While gated, answers wait: the worker's batch stalls and the rest of the queue builds up.
  let held: Array<() => void> | null = null;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = () => {
        const id = req.headers['webhook-id'] as string;
        if (!arrivals.has(id)) {
          arrivals.set(id, Date.now());
          eventTimes.set(id, Date.parse((JSON.parse(Buffer.concat(chunks).toString()) as { timestamp: string }).timestamp));
        }
        res.writeHead(200).end('ok');
      };
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => receiver.close(() => r())));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(server);
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('server not ready');
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const json = async (url: string, body: unknown, token?: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const { token } = await json(`${base}/api/auth/login`, { login: 'bench_admin', password: 'bench admin password' });
  const { endpoint } = await json(`${base}/api/webhooks/register`, { url: receiverUrl, events: ['webhook.test'] }, token);
  const emit = () => json(`${base}/api/webhooks/${endpoint.id}/test`, {}, token);

  const waitForAll = async (count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (arrivals.size < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  };

  // Warm-up.
  for (let i = 0; i < 50; i++) await emit();
  await waitForAll(50, 10_000);
  arrivals.clear();
  eventTimes.clear();

  // 1. Sustained rate: one event every 1000/rate ms, for `seconds`.
  const total = rate * seconds;
  const started = Date.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(emit());
  }
  await Promise.all(inflight);
  const produced = total / ((Date.now() - started) / 1000);
  await waitForAll(total, 30_000);
  const delays = [...arrivals].map(([id, at]) => at - eventTimes.get(id)!).sort((a, b) => a - b);
  const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]!;
  const sustained = { eventsPerSecond: Math.round(produced), delivered: arrivals.size, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: delays.at(-1)! };

  // 2. Throughput: `burst` events queued across 4 endpoints while the receiver holds its answers,
  // then released; deliveries/s is measured over the drain alone.
  const endpoints = [endpoint.id as string];
  for (let i = 1; i < 4; i++) {
    endpoints.push((await json(`${base}/api/webhooks/register`, { url: receiverUrl, events: ['webhook.test'] }, token)).endpoint.id);
  }
  arrivals.clear();
  eventTimes.clear();
  held = [];
  let made = 0;
  const burstStart = Date.now();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (made < burst) {
        const target = endpoints[made++ % endpoints.length];
        await json(`${base}/api/webhooks/${target}/test`, {}, token);
      }
    }),
  );
  const burstProduced = burst / ((Date.now() - burstStart) / 1000);
  const release = held;
  held = null;
  const releasedAt = Date.now();
  release.forEach((answer) => answer());
  await waitForAll(burst, 120_000);
  const lastArrival = Math.max(...arrivals.values());
  const deliveriesPerSecond = arrivals.size / ((lastArrival - releasedAt) / 1000);

  const results = {
    database: flags.pglite ? 'pglite' : 'postgres',
    sustained,
    burst: { events: burst, producedPerSecond: Math.round(burstProduced), delivered: arrivals.size, deliveriesPerSecond: Math.round(deliveriesPerSecond) },
    target: { p95DelayMs: 1000, met: sustained.p95 < 1000 && sustained.delivered === total },
  };
  console.log(`\nWebhook delivery on ${results.database} (same box: load, server, database and receiver share the cores)`);
  console.log(`  sustained ${rate} events/s for ${seconds} s: produced ${sustained.eventsPerSecond}/s, delivered ${sustained.delivered}/${total}`);
  console.log(`    delay event → delivery: p50 ${sustained.p50} ms, p95 ${sustained.p95} ms, p99 ${sustained.p99} ms, max ${sustained.max} ms`);
  console.log(`    target p95 < 1000 ms: ${results.target.met ? 'met' : 'NOT met'}`);
  console.log(`  burst of ${burst} queued over 4 endpoints (made at ${results.burst.producedPerSecond}/s), then drained: ${results.burst.delivered} delivered at ${results.burst.deliveriesPerSecond} deliveries/s`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `bench/results/webhooks-${results.database}.json`), JSON.stringify(results, null, 2) + '\n');
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
