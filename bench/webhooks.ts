// Webhook delivery benchmark (see bench/README.md): the delay from an event to its delivery at a
// sustained event rate, and how many deliveries per second the worker sustains.
//
//   npm run bench:webhooks                        # CalOS on PostgreSQL (database calos_bench_wh)
//   npm run bench:webhooks -- --pglite            # on embedded PGlite
//   npm run bench:webhooks -- --rate 100 --seconds 20 --burst 3000
//   npm run bench:webhooks -- --rate 1000 --endpoints 10 --seconds 10   # the rate spread over 10 endpoints
//   npm run bench:webhooks -- --in-process ...    # sustained events emitted inside the server process
//
// Events are `webhook.test` events made by POST /api/webhooks/{id}/test: one transaction that
// writes the event, its delivery and its job, like any module's event. A receiver in this process
// answers 200 at once and notes when each delivery arrives; the delay is arrival time minus the
// event's own timestamp (same machine, same clock). Each endpoint has its own path on the receiver,
// so that the order of arrivals per endpoint can be checked against the events' sequence (on
// PostgreSQL, which the bench can read while the server runs).
import { fork, spawn, type ChildProcess } from 'node:child_process';
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
    // The sustained events made inside the server (bench/webhooks-server.ts), not over HTTP.
    'in-process': { type: 'boolean', default: false },
    rate: { type: 'string', default: '100' },
    endpoints: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '20' },
    burst: { type: 'string', default: '3000' },
    port: { type: 'string', default: '5311' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const rate = Number(flags.rate);
const endpointCount = Math.max(1, Number(flags.endpoints));
const seconds = Number(flags.seconds);
const burst = Number(flags.burst);
const base = `http://127.0.0.1:${flags.port}`;

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

let dbUrl: string | undefined;

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
    dbUrl = env.DATABASE_URL;
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: flags['pg-url'] });
      await c.connect();
      await c.query('DROP DATABASE IF EXISTS calos_bench_wh WITH (FORCE)');
      await c.end();
    });
  }

  // The receiver: 200 at once, arrival times by event id, and the order of arrivals per endpoint
  // (its path).
  const arrivals = new Map<string, number>();
  const eventTimes = new Map<string, number>();
  const arrivalOrder = new Map<string, string[]>();
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
          if (!arrivalOrder.has(req.url!)) arrivalOrder.set(req.url!, []);
          arrivalOrder.get(req.url!)!.push(id);
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

  const inProcess = flags['in-process']!;
  const server = inProcess
    ? fork('bench/webhooks-server.ts', [], { cwd: ROOT, env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
    : spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
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
  const register = async (i: number) =>
    (await json(`${base}/api/webhooks/register`, { url: `${receiverUrl}/${i}`, events: ['webhook.test'] }, token)).endpoint.id as string;
  const endpoints: string[] = [];
  for (let i = 0; i < Math.max(endpointCount, 4); i++) endpoints.push(await register(i));
  const emitTimes: number[] = [];
  // Event id → [request sent, answer received]: its transaction began and committed in between.
  const emitted = new Map<string, [number, number]>();
  const emit = async (i = 0) => {
    const sent = Date.now();
    const delivery = await json(`${base}/api/webhooks/${endpoints[i % endpointCount]}/test`, {}, token);
    emitted.set(delivery.eventId as string, [sent, Date.now()]);
    emitTimes.push(Date.now() - sent);
  };

  const waitForAll = async (count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (arrivals.size < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  };

  // Warm-up.
  for (let i = 0; i < 50; i++) await emit(i);
  await waitForAll(50, 10_000);
  arrivals.clear();
  eventTimes.clear();
  arrivalOrder.clear();
  emitTimes.length = 0;
  emitted.clear();

  // 1. Sustained rate: one event every 1000/rate ms, for `seconds`, round-robin over the endpoints.
  const total = rate * seconds;
  let produced: number;
  if (inProcess) {
    type Done = { produced: number; events: Array<[string, number, number]>; lanes: unknown };
    const done = new Promise<Done>((resolve) => server.on('message', (m: Partial<Done>) => m.produced && resolve(m as Done)));
    server.send({ endpointIds: endpoints.slice(0, endpointCount), rate, seconds });
    const reply = await done;
    produced = reply.produced;
    console.log('  lanes (rounds, attempts, statements, counted from the start):', JSON.stringify(reply.lanes));
    for (const [id, sent, committed] of reply.events) emitted.set(id, [sent, committed]);
  } else {
    const started = Date.now();
    // At most 32 requests open at once: a rate the server cannot take shows as a lower `produced`
    // rather than as requests timing out in its pool queue.
    const inflight = new Set<Promise<unknown>>();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inflight.size >= 32) await Promise.race(inflight);
      const one: Promise<unknown> = emit(i).finally(() => inflight.delete(one));
      inflight.add(one);
    }
    await Promise.all(inflight);
    produced = total / ((Date.now() - started) / 1000);
  }
  await waitForAll(total, 30_000);
  const delays = [...arrivals].map(([id, at]) => at - eventTimes.get(id)!).sort((a, b) => a - b);
  const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]!;
  emitTimes.sort((a, b) => a - b);
  const emitQ = (p: number) => Math.round(emitTimes[Math.min(emitTimes.length - 1, Math.floor(p * emitTimes.length))]!);
  const sustained = {
    endpoints: endpointCount,
    eventsPerSecond: Math.round(produced),
    delivered: arrivals.size,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: delays.at(-1)!,
    // The event's own request (its transaction commits before the answer): part of the delay.
    emittedBy: inProcess ? 'the server process' : 'POST /api/webhooks/{id}/test',
    emitRequestMs: inProcess ? null : { p50: emitQ(0.5), p95: emitQ(0.95) },
    orderInversions: orderInversions(),
  };

  /**
   * Arrivals at an endpoint that overtook an event committed before theirs began: one that arrived
   * later although its transaction had committed before an earlier arrival's even started. Events
   * whose transactions overlap have no order to keep (either may commit first).
   */
  function orderInversions(): number {
    let inversions = 0;
    for (const ids of arrivalOrder.values()) {
      let latestStart = -Infinity;
      for (const id of ids) {
        const [sent, committed] = emitted.get(id) ?? [NaN, NaN];
        if (committed < latestStart) inversions++;
        latestStart = Math.max(latestStart, sent);
      }
    }
    return inversions;
  }

  // 2. Throughput: `burst` events queued across 4 endpoints while the receiver holds its answers,
  // then released; deliveries/s is measured over the drain alone.
  arrivals.clear();
  eventTimes.clear();
  held = [];
  let made = 0;
  const burstStart = Date.now();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (made < burst) {
        const target = endpoints[made++ % 4];
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
  const jobsPerDelivery = await jobsPerDeliveryNow();

  /** Queue jobs per delivery over the whole run (PostgreSQL only): 1 when nothing is put back. */
  async function jobsPerDeliveryNow(): Promise<number | null> {
    if (!dbUrl) return null;
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const jobs = await c.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM pgboss.job WHERE name = 'webhook-delivery') + (SELECT count(*) FROM pgboss.archive WHERE name = 'webhook-delivery') AS n`,
      );
      const deliveries = await c.query<{ n: string }>('SELECT count(*) AS n FROM webhook_deliveries');
      return Math.round((Number(jobs.rows[0]!.n) / Number(deliveries.rows[0]!.n)) * 100) / 100;
    } finally {
      await c.end();
    }
  }

  const results = {
    database: flags.pglite ? 'pglite' : 'postgres',
    sustained,
    burst: { events: burst, producedPerSecond: Math.round(burstProduced), delivered: arrivals.size, deliveriesPerSecond: Math.round(deliveriesPerSecond) },
    queueJobsPerDelivery: jobsPerDelivery,
    target: { p95DelayMs: 100, met: sustained.p95 < 100 && sustained.delivered === total && sustained.orderInversions === 0 },
  };
  console.log(`\nWebhook delivery on ${results.database} (same box: load, server, database and receiver share the cores)`);
  const over = endpointCount === 1 ? 'to one endpoint' : `over ${endpointCount} endpoints`;
  console.log(`  sustained ${rate} events/s ${over} for ${seconds} s: produced ${sustained.eventsPerSecond}/s, delivered ${sustained.delivered}/${total}`);
  console.log(`    delay event → delivery: p50 ${sustained.p50} ms, p95 ${sustained.p95} ms, p99 ${sustained.p99} ms, max ${sustained.max} ms`);
  if (sustained.emitRequestMs) {
    console.log(`    of which the event's own request (POST .../test, committed before it answers): p50 ${sustained.emitRequestMs.p50} ms, p95 ${sustained.emitRequestMs.p95} ms`);
  } else console.log('    events emitted inside the server process (one transaction each), not over HTTP');
  console.log(`    order per endpoint: ${sustained.orderInversions ? `BROKEN (${sustained.orderInversions} overtook an event committed before theirs began)` : 'kept'}`);
  console.log(`    target p95 < 100 ms, none lost, order kept: ${results.target.met ? 'met' : 'NOT met'}`);
  console.log(`  burst of ${burst} queued over 4 endpoints (made at ${results.burst.producedPerSecond}/s), then drained: ${results.burst.delivered} delivered at ${results.burst.deliveriesPerSecond} deliveries/s`);
  if (jobsPerDelivery !== null) console.log(`  queue jobs per delivery over the run: ${jobsPerDelivery} (1: none put back in the queue)`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const file = `webhooks-${results.database}${endpointCount === 1 ? '' : `-${endpointCount}-endpoints`}${inProcess ? '-in-process' : ''}.json`;
  fs.writeFileSync(path.join(ROOT, 'bench/results', file), JSON.stringify(results, null, 2) + '\n');
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
