// Mailer benchmark (see bench/README.md): coupon codes generated per second (100,000 per request)
// and redemptions per second over HTTP, each a full exactly-once transaction.
//
//   npm run bench:mailer                          # CalOS on PostgreSQL (database calos_bench_mailer)
//   npm run bench:mailer -- --pglite              # on embedded PGlite
//   npm run bench:mailer -- --redemptions 3000 --connections 20
//
// Redemptions: every user redeems distinct single-use codes of ONE campaign, the worst case: each
// redemption locks that campaign's row for its budget counter, so they queue on it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    batches: { type: 'string', default: '3' },
    redemptions: { type: 'string', default: '3000' },
    users: { type: 'string', default: '100' },
    connections: { type: 'string', default: '20' },
    port: { type: 'string', default: '5312' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const base = `http://127.0.0.1:${flags.port}`;
const DB_NAME = 'calos_bench_mailer';

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

async function call(method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function main() {
  const env: Record<string, string> = {
    PORT: flags.port!,
    LOG_LEVEL: 'warn',
    CALOS_CLIENT_DIR: '/nonexistent',
    CALOS_SEED_DEMO: 'false',
    CALOS_ADMIN_USERNAME: 'bench_admin',
    CALOS_ADMIN_EMAIL: 'bench@example.com',
    CALOS_ADMIN_PASSWORD: 'bench admin password',
    CALOS_COUPON_MAX_PER_IP: '1000000',
    CALOS_COUPON_SECRET: 'bench-coupon-secret-0123456789abcdef',
  };
  if (flags.pglite) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-bench-mailer-'));
    env.CALOS_DATA_DIR = dir;
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    const admin = new pg.Client({ connectionString: flags['pg-url'] });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
    await admin.end();
    const url = new URL(flags['pg-url']!);
    url.pathname = `/${DB_NAME}`;
    env.DATABASE_URL = url.toString();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: flags['pg-url'] });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await c.end();
    });
  }

  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(server);
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('server not ready');
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const { token } = await call('POST', '/api/auth/login', { login: 'bench_admin', password: 'bench admin password' });
  const campaign = await call(
    'POST',
    '/api/mailer/campaigns',
    {
      name: 'Bench',
      period: 'yearly',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      benefits: [{ type: 'xp_boost', multiplier: 2, hours: 24 }, { type: 'free_action', actionCode: 'cast_vote', uses: 10 }],
    },
    token,
  );

  // 1. Generation: batches of 100,000 codes, one request each.
  const generation: number[] = [];
  for (let i = 0; i < Number(flags.batches); i++) {
    const started = performance.now();
    const batch = await call('POST', '/api/mailer/coupons', { campaignId: campaign.id, count: 100_000 }, token);
    generation.push(performance.now() - started);
    if (batch.count !== 100_000) throw new Error('short batch');
  }
  const bestMs = Math.min(...generation);

  // 2. Redemptions: users (registered first, not timed) redeem distinct codes, `connections` at a time.
  const total = Number(flags.redemptions);
  const { codes } = await call('POST', '/api/mailer/coupons', { campaignId: campaign.id, count: total }, token);
  const users: string[] = [];
  for (let i = 0; i < Number(flags.users); i += 10) {
    const made = await Promise.all(
      Array.from({ length: Math.min(10, Number(flags.users) - i) }, async (_, j) =>
        (await call('POST', '/api/auth/register', { username: `bench_${i + j}_${Date.now().toString(36)}`, email: `b${i + j}${Date.now()}@example.com`, password: 'bench user password' })).token as string,
      ),
    );
    users.push(...made);
  }
  for (let i = 0; i < 50; i++) await call('POST', '/api/mailer/redeem', { code: codes[i] }, users[i % users.length]); // warm-up
  let next = 50;
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(flags.connections) }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        try {
          await call('POST', '/api/mailer/redeem', { code: codes[i] }, users[i % users.length]);
          latencies.push(performance.now() - t0);
        } catch {
          failures++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  const results = {
    database: flags.pglite ? 'pglite' : 'postgres',
    generation: { codesPerRequest: 100_000, requestMs: generation.map(Math.round), codesPerSecond: Math.round(100_000 / (bestMs / 1000)) },
    redemption: {
      redemptions: latencies.length,
      failures,
      connections: Number(flags.connections),
      perSecond: Math.round(latencies.length / seconds),
      p50: Math.round(quantile(latencies, 0.5)),
      p99: Math.round(quantile(latencies, 0.99)),
    },
  };
  console.log(`\nMailer on ${results.database} (same box: load, server and database share the cores)`);
  console.log(`  generate 100,000 codes per request: ${results.generation.requestMs.join(', ')} ms → ${results.generation.codesPerSecond} codes/s (best)`);
  console.log(`  redeem over HTTP, ${results.redemption.connections} at a time: ${results.redemption.redemptions} ok, ${failures} failed, ${results.redemption.perSecond} redemptions/s, p50 ${results.redemption.p50} ms, p99 ${results.redemption.p99} ms`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `bench/results/mailer-${results.database}.json`), JSON.stringify(results, null, 2) + '\n');
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
