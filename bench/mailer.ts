// Mailer benchmark (see bench/README.md): coupon codes generated per second (100,000 per request)
// and redemptions per second over HTTP, each a full exactly-once transaction.
//
//   npm run bench:mailer                          # CalOS on PostgreSQL (database calos_bench_mailer)
//   npm run bench:mailer -- --pglite              # on embedded PGlite
//   npm run bench:mailer -- --redemptions 3000 --connections 20
//   npm run bench:mailer -- --budget 1000000     # the campaign with a redemption budget
//
// Redemptions: every user redeems distinct single-use codes of ONE campaign, the worst case for its
// counter: it is spread over the campaign's slot rows (extensions/mailer/server/budget-slots.ts), so
// parallel redemptions take different rows instead of queueing on one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_PG_URL, ROOT, startBenchServer, type BenchServer } from './bench-setup';
import { stopAll } from './processes';
import { cpuUse, snapshot } from './cpu-accounting';

const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    batches: { type: 'string', default: '3' },
    redemptions: { type: 'string', default: '3000' },
    users: { type: 'string', default: '100' },
    connections: { type: 'string', default: '20' },
    budget: { type: 'string' },
    port: { type: 'string', default: '5312' },
    'pg-url': { type: 'string', default: DEFAULT_PG_URL },
  },
});
let bench: BenchServer | undefined;

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function main() {
  bench = await startBenchServer({
    name: 'calos_bench_mailer',
    pglite: flags.pglite!,
    port: flags.port!,
    pgUrl: flags['pg-url'],
    env: { CALOS_COUPON_MAX_PER_IP: '1000000', CALOS_COUPON_SECRET: 'bench-coupon-secret-0123456789abcdef' },
  });
  const { api, adminToken: token } = bench;
  const campaign = await api('POST', '/mailer/campaigns', token, {
      name: 'Bench',
      period: 'yearly',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      benefits: [{ type: 'xp_boost', multiplier: 2, hours: 24 }, { type: 'free_action', actionCode: 'cast_vote', uses: 10 }],
      ...(flags.budget ? { maxRedemptions: Number(flags.budget) } : {}),
    });

  // 1. Generation: batches of 100,000 codes, one request each.
  const generation: number[] = [];
  for (let i = 0; i < Number(flags.batches); i++) {
    const started = performance.now();
    const batch = await api('POST', '/mailer/coupons', token, { campaignId: campaign.id, count: 100_000 });
    generation.push(performance.now() - started);
    if (batch.count !== 100_000) throw new Error('short batch');
  }
  const bestMs = Math.min(...generation);

  // 2. Redemptions: users (registered first, not timed) redeem distinct codes, `connections` at a time.
  const total = Number(flags.redemptions);
  const { codes } = await api('POST', '/mailer/coupons', token, { campaignId: campaign.id, count: total });
  const users: string[] = [];
  for (let i = 0; i < Number(flags.users); i += 10) {
    const made = await Promise.all(
      Array.from({ length: Math.min(10, Number(flags.users) - i) }, async (_, j) =>
        (await api('POST', '/auth/register', undefined, { username: `bench_${i + j}_${Date.now().toString(36)}`, email: `b${i + j}${Date.now()}@example.com`, password: 'bench user password' })).token as string,
      ),
    );
    users.push(...made);
  }
  for (let i = 0; i < 50; i++) await api('POST', '/mailer/redeem', users[i % users.length], { code: codes[i] }); // warm-up
  // Where the time goes: the server's CPU per redemption (its ceiling: 1 core / that), and what the
  // bench database's active backends are doing, sampled every 20 ms (a queue on a row lock shows as
  // `Lock:transactionid` / `Lock:tuple`).
  const waits = new Map<string, number>();
  let sampling = Boolean(bench.databaseUrl);
  const sampler = (async () => {
    if (!bench!.databaseUrl) return;
    const client = new pg.Client({ connectionString: bench!.databaseUrl });
    await client.connect();
    while (sampling) {
      const { rows } = await client.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU')
                || CASE WHEN wait_event_type = 'Lock' THEN ' ' || left(regexp_replace(query, '\s+', ' ', 'g'), 40) ELSE '' END AS w
           FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      for (const r of rows as Array<{ w: string }>) waits.set(r.w, (waits.get(r.w) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.end();
  })();
  const cpuBefore = snapshot(bench.server.proc.pid, Boolean(bench.databaseUrl));
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
          await api('POST', '/mailer/redeem', users[i % users.length], { code: codes[i] });
          latencies.push(performance.now() - t0);
        } catch {
          failures++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuUse(cpuBefore, snapshot(bench.server.proc.pid, Boolean(bench.databaseUrl)), latencies.length, Boolean(bench.databaseUrl));
  sampling = false;
  await sampler;
  const sampled = [...waits.values()].reduce((a, b) => a + b, 0);
  const waitShares = Object.fromEntries([...waits].sort((a, b) => b[1] - a[1]).map(([w, n]) => [w, `${Math.round((100 * n) / sampled)} %`]));
  const loadAverage = os.loadavg().map((n) => Math.round(n * 10) / 10); // the box is shared: 1, 5, 15 min
  latencies.sort((a, b) => a - b);
  const counted = (await api('GET', `/mailer/campaigns/${campaign.id}`, token)).redemptionsCount as number;

  const results = {
    database: flags.pglite ? 'pglite' : 'postgres',
    generation: { codesPerRequest: 100_000, requestMs: generation.map(Math.round), codesPerSecond: Math.round(100_000 / (bestMs / 1000)) },
    redemption: {
      redemptions: latencies.length,
      failures,
      connections: Number(flags.connections),
      budget: flags.budget ? Number(flags.budget) : null,
      counted,
      loadAverage,
      serverUsPerRedemption: cpu.serverUsPerReq,
      serverCeilingPerSecond: cpu.serverUsPerReq ? Math.round(1e6 / cpu.serverUsPerReq) : null,
      machineBusyCores: cpu.machineBusyCores,
      otherCores: cpu.otherCores,
      backendWaits: waitShares,
      perSecond: Math.round(latencies.length / seconds),
      p50: Math.round(quantile(latencies, 0.5)),
      p99: Math.round(quantile(latencies, 0.99)),
    },
  };
  console.log(`\nMailer on ${results.database} (same box: load, server and database share the cores)`);
  console.log(`  generate 100,000 codes per request: ${results.generation.requestMs.join(', ')} ms → ${results.generation.codesPerSecond} codes/s (best)`);
  console.log(`  redeem over HTTP, ${results.redemption.connections} at a time: ${results.redemption.redemptions} ok, ${failures} failed, ${results.redemption.perSecond} redemptions/s, p50 ${results.redemption.p50} ms, p99 ${results.redemption.p99} ms, campaign counts ${counted}, budget ${flags.budget ?? 'none'}, load ${loadAverage.join(' ')}`);
  console.log(`  server ${cpu.serverUsPerReq} µs/redemption (one core's ceiling ${results.redemption.serverCeilingPerSecond}/s), box busy ${cpu.machineBusyCores} cores of which ${cpu.otherCores} not this bench`);
  console.log(`  active backends, sampled: ${JSON.stringify(waitShares)}`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `bench/results/mailer-${results.database}${flags.budget ? '-budget' : ''}.json`), JSON.stringify(results, null, 2) + '\n');
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    await bench?.cleanup();
  });
