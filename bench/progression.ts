// Progression benchmark (see bench/README.md, "Progression"): generates 1,000,000 user_skills rows
// with set-based SQL, then measures over HTTP the leaderboard top-100 and "around me" latency (with
// the exact rank) and award-xp/s, and checks the plans of the around-me queries.
//
//   npm run bench:progression                        # CalOS on PostgreSQL (database calos_bench_progression)
//   npm run bench:progression -- --pglite            # on embedded PGlite in a temporary folder
//   npm run bench:progression -- --rows 200000 --skills-per-user 5 --latency-requests 1000
//
// The server is started once to migrate and seed, stopped (PGlite is one process per folder) while
// the bench process writes the rows and reads the plans, then started again for the measurements.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import pg from 'pg';
import { openDatabase } from '../server/db/index';
import { leaderboard } from '../server/modules/skills/service';
import { skillBucket, TOTAL_LEVEL_BOARD, totalBucket } from '../server/modules/skills/rank-buckets';
import { MAX_XP, XP_FOR_LEVEL } from '../shared/xp';
import { cpuUse, snapshot } from './cpu-accounting';
import { load, type Measurement } from './load';
import { withoutIndexes } from './bulk-load';
import { startNode, stopAll, stopChild, waitForHttp } from './processes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    rows: { type: 'string', default: '1000000' },
    'skills-per-user': { type: 'string', default: '1' },
    'latency-requests': { type: 'string', default: '2000' },
    'latency-connections': { type: 'string', default: '1,8' },
    'award-connections': { type: 'string', default: '8,50' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    port: { type: 'string', default: '5314' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const DB_NAME = 'calos_bench_progression';
const base = `http://127.0.0.1:${flags.port}`;
const rowsWanted = Number(flags.rows);
const perUser = Number(flags['skills-per-user']);
const userCount = Math.ceil(rowsWanted / perUser);
const withPostgres = !flags.pglite;

const cleanups: Array<() => Promise<void> | void> = [];
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
const log = (line: string) => console.log(`[progression] ${line}`);

async function api(method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}/api${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The least value at which `bucketOf` reaches each bucket: the boundaries rank-buckets.ts uses. */
function bucketStarts(bucketOf: (value: number) => number, max: number): number[] {
  const starts = [0];
  for (let b = 1; b <= bucketOf(max); b++) {
    let low = starts[b - 1]! + 1;
    let high = max;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (bucketOf(mid) >= b) high = mid;
      else low = mid + 1;
    }
    starts.push(low);
  }
  return starts;
}

const intArray = (values: number[]) => `'{${values.join(',')}}'::int[]`;

/**
 * Users, their skills (log-uniform XP from 10 to 50,000,000: most users low, a long tail high), the
 * totals and the bucket counts, all set-based. User n's id is derived from md5('bench' || n), so every
 * statement can name a user without a join; user n has skills n, n+1, … (mod 10), so the boards fill evenly.
 */
async function generate(knex: Knex) {
  const levelThresholds = intArray(XP_FOR_LEVEL.slice(2)); // width_bucket(xp, …) + 1 is the level
  const skillStarts = intArray(bucketStarts(skillBucket, MAX_XP));
  const totalSlices = intArray(bucketStarts((xp) => totalBucket(0, xp), MAX_XP * 10));
  const steps: Record<string, number> = {};
  const step = async (name: string, sql: string, bindings: Knex.RawBinding[] = []) => {
    const t0 = performance.now();
    await knex.raw(sql, bindings);
    steps[name] = seconds(t0);
    log(`  ${name}: ${steps[name]} s`);
  };
  // md5 with the version and variant bits of a v4 UUID set, so the API's uuid checks accept it.
  await knex.raw(
    `CREATE FUNCTION bench_user_id(n int) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$
       SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid FROM md5('bench' || n) h $$`,
  );
  // Loaded with no index, key or foreign key in place; those are rebuilt after (bench/bulk-load.ts).
  const rebuilt = await withoutIndexes(knex, ['users', 'user_skills', 'user_progress'], async () => {
    await step(
      'users',
      `INSERT INTO users (id, username, email, password_hash)
       SELECT bench_user_id(n), 'bench_' || n, 'bench_' || n || '@bench.local', 'not-a-hash' FROM generate_series(1, ?) n`,
      [userCount],
    );
    await step(
      'user_skills',
      `INSERT INTO user_skills (mode, user_id, skill_id, xp, prev_xp, tiebreak)
       SELECT 'live', bench_user_id(n), s.id, floor(exp(ln(10) + random() * (ln(50000000) - ln(10))))::int, 0, nextval('progress_tiebreak_seq')
       FROM generate_series(1, ?) n
       CROSS JOIN generate_series(0, ? - 1) j
       JOIN (SELECT id, (row_number() OVER (ORDER BY sort_order))::int - 1 AS idx FROM skills) s ON s.idx = (n + j) % 10
       WHERE (n - 1) * ? + j < ?`,
      [userCount, perUser, perUser, rowsWanted],
    );
    await step(
      'user_progress',
      `INSERT INTO user_progress (mode, user_id, total_level, total_xp, tiebreak)
       SELECT 'live', user_id, (sum(1 + width_bucket(xp, ${levelThresholds})) + (SELECT count(*) FROM skills) - count(*))::int,
              sum(xp)::int, nextval('progress_tiebreak_seq')
       FROM user_skills WHERE mode = 'live' GROUP BY user_id`,
    );
  }, log);
  steps['indexes and keys'] = Math.round(rebuilt.indexSeconds * 10) / 10;
  steps['foreign keys'] = Math.round(rebuilt.foreignKeySeconds * 10) / 10;
  log(`  indexes and keys rebuilt: ${steps['indexes and keys']} s; foreign keys checked: ${steps['foreign keys']} s`);
  await step(
    'leaderboard_buckets',
    `INSERT INTO leaderboard_buckets (mode, board, bucket, users)
     SELECT 'live', s.code, width_bucket(us.xp, ${skillStarts}) - 1, count(*)
       FROM user_skills us JOIN skills s ON s.id = us.skill_id WHERE us.mode = 'live' GROUP BY 2, 3
     UNION ALL
     SELECT 'live', 'total', total_level * ${totalSlices.split(',').length} + width_bucket(total_xp, ${totalSlices}) - 1, count(*)
       FROM user_progress WHERE mode = 'live' GROUP BY 3
     UNION ALL
     SELECT 'live', '${TOTAL_LEVEL_BOARD}', total_level, count(*) FROM user_progress WHERE mode = 'live' GROUP BY 3`,
  );
  await knex.raw('DROP FUNCTION bench_user_id');
  await step(withPostgres ? 'vacuum analyze' : 'analyze', withPostgres ? 'VACUUM ANALYZE' : 'ANALYZE');
  return steps;
}

interface Sample {
  userId: string;
  skill: string;
}

async function sampleUsers(knex: Knex, count: number): Promise<Sample[]> {
  const numbers = Array.from({ length: count }, () => 1 + Math.floor(Math.random() * userCount));
  const { rows } = await knex.raw(
    `SELECT DISTINCT ON (us.user_id) us.user_id, s.code FROM user_skills us JOIN skills s ON s.id = us.skill_id
     WHERE us.mode = 'live' AND us.user_id IN (SELECT id FROM users WHERE username = ANY(?::text[]))`,
    [numbers.map((n) => `bench_${n}`)],
  );
  return rows.map((r: { user_id: string; code: string }) => ({ userId: r.user_id, skill: r.code }));
}

/** The ranks the service gives (bucket counts) against a plain count of everyone ahead. */
async function checkRanks(knex: Knex, samples: Sample[]) {
  let mismatches = 0;
  for (const s of samples) {
    const page = await leaderboard(knex, 'live', { skill: s.skill, limit: 20, around: s.userId });
    const { rows } = await knex.raw(
      `SELECT 1 + count(*) AS rank FROM user_skills b, (SELECT xp, tiebreak, skill_id FROM user_skills WHERE mode = 'live' AND user_id = ?
         AND skill_id = (SELECT id FROM skills WHERE code = ?)) me
       WHERE b.mode = 'live' AND b.skill_id = me.skill_id AND (b.xp, b.tiebreak) > (me.xp, me.tiebreak)`,
      [s.userId, s.skill],
    );
    if (!('you' in page) || page.you?.rank !== Number(rows[0].rank)) mismatches++;
  }
  return { checked: samples.length, mismatches };
}

/**
 * EXPLAIN ANALYZE of every statement the around-me path runs, captured from the service itself
 * (leaderboard() on this connection, with knex's query events), for a skill board and the total board.
 */
async function explainAround(knex: Knex, sample: Sample) {
  const out: Record<string, { sql: string; ms: number; indexes: string[]; seqScans: string[]; plan: string }[]> = {};
  for (const board of [sample.skill, 'total']) {
    const captured: Array<{ sql: string; bindings: readonly unknown[] }> = [];
    const listener = (q: { sql: string; bindings?: readonly unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
    knex.on('query', listener);
    await leaderboard(knex, 'live', { skill: board, limit: 20, around: sample.userId });
    knex.off('query', listener);
    out[board] = [];
    for (const q of captured.filter((c) => /user_skills|user_progress|leaderboard_buckets/.test(c.sql))) {
      // The event carries the statement as sent ($1, $2, … in order); knex.raw takes ? placeholders.
      const { rows } = await knex.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as Knex.RawBinding[]);
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      out[board]!.push({
        sql: q.sql.replace(/\s+/g, ' ').slice(0, 160),
        ms: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN),
        indexes: [...new Set([...plan.matchAll(/(?:using|Bitmap Index Scan on) (\w+)/g)].map((m) => m[1]!))],
        seqScans: [...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!))],
        plan,
      });
    }
  }
  return out;
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** `count` GETs, `connections` at a time, each URL from `next`; latency of each, in ms. */
async function latency(serverPid: number | undefined, count: number, connections: number, next: () => string) {
  const run = async (n: number) => {
    const times: number[] = [];
    let issued = 0;
    let failures = 0;
    let sample = '';
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (issued < n) {
          issued++;
          const url = next();
          const t0 = performance.now();
          const res = await fetch(`${base}${url}`);
          const text = await res.text();
          if (res.ok) times.push(performance.now() - t0);
          else {
            failures++;
            sample ||= `${res.status} ${url} ${text.slice(0, 300)}`;
          }
        }
      }),
    );
    if (sample) log(`  a failure: ${sample}`);
    return { times, failures };
  };
  await run(Math.min(200, count)); // warm-up: JIT, prepared plans, caches
  const before = snapshot(serverPid, withPostgres);
  const t0 = performance.now();
  const { times, failures } = await run(count);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpuUse(before, snapshot(serverPid, withPostgres), times.length, withPostgres);
  times.sort((a, b) => a - b);
  return {
    connections,
    requests: times.length,
    failures,
    perSecond: Math.round(times.length / elapsed),
    p50: round1(quantile(times, 0.5)),
    p95: round1(quantile(times, 0.95)),
    p99: round1(quantile(times, 0.99)),
    serverUsPerReq: cpu.serverUsPerReq,
    pgUsPerReq: cpu.pgUsPerReq,
    loadAverage: os.loadavg().map(round1), // the box is shared: 1, 5 and 15 min, at the end of the run
  };
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: flags.port!,
    LOG_LEVEL: 'warn',
    CALOS_CLIENT_DIR: '/nonexistent',
    CALOS_SEED_DEMO: 'false',
    CALOS_ADMIN_USERNAME: 'bench_admin',
    CALOS_ADMIN_EMAIL: 'bench@example.com',
    CALOS_ADMIN_PASSWORD: 'bench admin password',
  };
  let open: () => ReturnType<typeof openDatabase>;
  if (flags.pglite) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-bench-progression-'));
    env.CALOS_DATA_DIR = dir;
    delete env.DATABASE_URL;
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    open = () => openDatabase({ dataDir: dir });
  } else {
    const maintenance = async (sql: string) => {
      const c = new pg.Client({ connectionString: flags['pg-url'] });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await maintenance(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await maintenance(`CREATE DATABASE ${DB_NAME}`);
    cleanups.push(() => maintenance(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
    const url = new URL(flags['pg-url']!);
    url.pathname = `/${DB_NAME}`;
    env.DATABASE_URL = url.toString();
    open = () => openDatabase({ url: url.toString(), poolMax: 2 });
  }
  const database = flags.pglite ? 'pglite' : 'postgres';

  // 1. Migrate and seed, then stop: the bench process writes the rows itself.
  let t0 = performance.now();
  const first = startNode('calos-server', ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
  await waitForHttp(first, `${base}/readyz`, 180_000);
  await stopChild(first);
  log(`migrated and seeded in ${seconds(t0)} s; generating ${rowsWanted.toLocaleString('en')} user_skills rows for ${userCount.toLocaleString('en')} users on ${database}`);

  // 2. Generate, check ranks against plain counts, read the plans, pick the users to ask about.
  const db = open();
  t0 = performance.now();
  const generation = await generate(db.knex);
  const generationSeconds = seconds(t0);
  const counts = (await db.knex.raw(`SELECT (SELECT count(*) FROM user_skills) AS user_skills, (SELECT count(*) FROM user_progress) AS user_progress, (SELECT count(*) FROM users) AS users`)).rows[0];
  log(`generated in ${generationSeconds} s: ${JSON.stringify(counts)}`);
  const samples = await sampleUsers(db.knex, 5000);
  const rankCheck = await checkRanks(db.knex, samples.slice(0, 30));
  log(`exact ranks against count(*): ${rankCheck.checked} checked, ${rankCheck.mismatches} different`);
  const explain = await explainAround(db.knex, samples[0]!);
  for (const [board, queries] of Object.entries(explain)) {
    for (const q of queries) log(`  EXPLAIN ${board}: ${q.ms} ms, indexes ${q.indexes.join(', ') || '-'}, seq scans ${q.seqScans.join(', ') || '-'} :: ${q.sql.slice(0, 100)}`);
  }
  await db.close();

  // 3. The server again, with an API key that may award XP.
  const server = startNode('calos-server', ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
  await waitForHttp(server, `${base}/readyz`, 180_000);
  const serverPid = server.proc.pid;
  const login = await api('POST', '/auth/login', undefined, { login: 'bench_admin', password: 'bench admin password', device: { fingerprint: 'bench-progression' } });
  const app = await api('POST', '/apps', login.token, { name: 'Progression bench' });
  const key = (await api('POST', `/apps/${app.id}/keys`, login.token, { name: 'bench', scopes: ['skills:award'], rateLimitPerMinute: 100000 })).secret as string;
  const skillCodes = ((await api('GET', '/skills')).items as Array<{ code: string }>).map((s) => s.code);
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

  // 4. Latency: top 100 of a random board; around a random user on their skill's board and on total.
  const count = Number(flags['latency-requests']);
  const latencies: Record<string, Array<Awaited<ReturnType<typeof latency>>>> = { top100: [], aroundSkill: [], aroundTotal: [] };
  for (const connections of flags['latency-connections']!.split(',').map(Number)) {
    latencies.top100!.push(await latency(serverPid, count, connections, () => `/api/skills/leaderboard?skill=${pick(['total', ...skillCodes])}&limit=100`));
    latencies.aroundSkill!.push(
      await latency(serverPid, count, connections, () => {
        const s = pick(samples);
        return `/api/skills/leaderboard?skill=${s.skill}&around=${s.userId}`;
      }),
    );
    latencies.aroundTotal!.push(await latency(serverPid, count, connections, () => `/api/skills/leaderboard?skill=total&around=${pick(samples).userId}`));
    for (const [name, runs] of Object.entries(latencies)) {
      const r = runs.at(-1)!;
      log(`${name} @${connections}: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ${r.perSecond}/s, server ${r.serverUsPerReq} µs/req, PG ${r.pgUsPerReq ?? '-'} µs/req, ${r.failures} failed, load ${r.loadAverage.join(' ')}`);
    }
  }

  // 5. award-xp/s: random users and skills, through the API key.
  const awards: Array<Measurement & { connections: number; loadAverage: number[] }> = [];
  for (const connections of flags['award-connections']!.split(',').map(Number)) {
    const m = await load({
      url: `${base}/api/skills/award-xp`,
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{}',
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ userId: pick(samples).userId, skill: pick(skillCodes), xp: 1 + Math.floor(Math.random() * 500), reason: 'bench' }),
      }),
      connections,
      serverPid,
      warmupSeconds: Number(flags.warmup),
      durationSeconds: Number(flags.duration),
      withPostgres,
    });
    awards.push({ ...m, connections, loadAverage: os.loadavg().map(round1) });
    log(`award-xp @${connections}: ${m.rps}/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, load ${awards.at(-1)!.loadAverage.join(' ')}, non-2xx ${m.non2xx}${m.statusCodes ? ` ${JSON.stringify(m.statusCodes)}` : ''}, server ${m.cpu.serverUsPerReq} µs/req, PG ${m.cpu.pgUsPerReq ?? '-'} µs/req`);
  }
  await stopChild(server);

  const results = {
    database,
    at: new Date().toISOString(),
    rows: Number(counts.user_skills),
    users: Number(counts.users),
    skillsPerUser: perUser,
    generationSeconds,
    generation,
    rankCheck,
    explain: Object.fromEntries(Object.entries(explain).map(([b, qs]) => [b, qs.map(({ plan: _plan, ...q }) => q)])),
    latencies,
    awards: awards.map((a) => ({ connections: a.connections, perSecond: a.rps, p50Ms: a.p50Ms, p99Ms: a.p99Ms, non2xx: a.non2xx, serverUsPerReq: a.cpu.serverUsPerReq, pgUsPerReq: a.cpu.pgUsPerReq, busyCores: a.cpu.machineBusyCores, otherCores: a.cpu.otherCores, loadAverage: a.loadAverage })),
  };
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `bench/results/progression-${database}.json`), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(
    path.join(ROOT, `bench/results/progression-${database}-plans.txt`),
    Object.entries(explain).flatMap(([b, qs]) => qs.map((q) => `── ${b}: ${q.sql}\n${q.plan}\n`)).join('\n'),
  );
  log(`written to bench/results/progression-${database}.json`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
