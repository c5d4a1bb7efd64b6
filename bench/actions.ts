// Actions benchmark (see bench/README.md): executions per second of a typical action (one award_xp
// effect) over HTTP, beside the ceiling of the same SQL transaction without HTTP or Node:
//   PostgreSQL: pgbench (prepared statements, 8 clients) running the statements one execution sends;
//   PGlite: the same engine call, in process, with no HTTP in front.
//
//   npx tsx bench/actions.ts                 # PostgreSQL (database calos_bench_actions, dropped at the end)
//   npx tsx bench/actions.ts --pglite        # embedded PGlite
//   npx tsx bench/actions.ts --users 2000 --connections 8 --duration 10 --warmup 3
//   npx tsx bench/actions.ts --cpu-prof /tmp/prof   # the server under --cpu-prof
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../server/db/index';
import { migrateToLatest } from '../server/db/migrate';
import { seedReferenceData } from '../database/seeds/index';
import { loadConfig } from '../server/config';
import { loadPlatformExtensions } from '../server/platform';
import { createOutbox } from '../server/events/outbox';
import type { JobQueue } from '../server/jobs';
import { executeActionIn } from '../server/modules/actions/engine';
import { LIVE_SCOPE } from '../server/modules/developer/realm';
import { waitForQuiet } from './cpu-accounting';
import { load } from './load';
import { stopAll } from './processes';
import {
  adminApiKey,
  BENCH_USER_ID_SQL,
  benchUserId,
  DEFAULT_PG_URL,
  insertBenchUsersSql,
  ROOT,
  startBenchServer,
} from './bench-setup';

const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    users: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '8' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    port: { type: 'string', default: '5331' },
    'quiet-wait': { type: 'string', default: '60' },
    'pg-url': { type: 'string', default: DEFAULT_PG_URL },
    'cpu-prof': { type: 'string' },
  },
});
const users = Number(flags.users);
const connections = Number(flags.connections);
const duration = Number(flags.duration);
const warmup = Number(flags.warmup);
const ACTION = 'bench_award';
const actionBody = { actionCode: ACTION, actionName: 'Bench award', actionCategory: 'bench', cooldownSeconds: 0, dailyLimit: null, effects: [{ effectCode: 'award_xp', effectParams: { skillId: 'development', xpAmount: 10 } }] };
/** The bench users' ids: 1…users by benchUserId, or, on PGlite over HTTP, the ids sign-up returned. */
let userIds: string[] = Array.from({ length: users }, (_, i) => benchUserId(i + 1));
const randomUser = () => userIds[Math.floor(Math.random() * userIds.length)]!;

/** Executions over HTTP: autocannon, each request for a random user, through an API key. */
function httpExecutions(base: string, key: string, serverPid: number | undefined, withPostgres: boolean) {
  return load({
    url: `${base}/api/actions/execute`,
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ actionCode: ACTION, userId: randomUser(), params: {} }) }),
    connections,
    serverPid,
    warmupSeconds: warmup,
    durationSeconds: duration,
    withPostgres,
  });
}

/** A value as a SQL literal: arrays in PostgreSQL's array syntax, the rest as knex quotes them. */
function literal(knex: Knex, value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => (v === null ? 'NULL' : `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`));
    return knex.raw('?', [`{${items.join(',')}}`]).toQuery();
  }
  return knex.raw('?', [value as Knex.Value]).toQuery();
}

/**
 * Records the statements of one execution, in order and with their values, at the driver (both
 * knex's queries and the named prepared statements go through pg.Client#query).
 */
async function captureExecution(knex: Knex, userId: string): Promise<string[]> {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  const recording = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof first === 'string' ? first : first.text;
    const values = (typeof first === 'string' ? second : first.values) ?? [];
    if (!/^(BEGIN|COMMIT|ROLLBACK)/i.test(text.trim())) {
      statements.push(text.replace(/\$(\d+)/g, (_, n: string) => literal(knex, values[Number(n) - 1])));
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  const once = () => knex.transaction((trx) => executeActionIn(trx, deps, { mode: 'live', userId, actionCode: ACTION, params: {}, apiKeyId: null, applicationId: null }));
  // One execution first, not recorded: the connection's first statements (knex asks for the server's
  // version) and the process's caches (which achievement conditions exist) are as the server has them.
  const deps = engineDeps();
  await once();
  pg.Client.prototype.query = recording;
  try {
    await once();
  } finally {
    pg.Client.prototype.query = original;
  }
  return statements;
}

const stubQueue = { insert: async () => { throw new Error('no webhook deliveries in the bench'); } } as unknown as JobQueue;
const engineDeps = () => ({ events: createOutbox(stubQueue, () => undefined), config: loadConfig({}), kernels: new Map() });

/**
 * The captured transaction as a pgbench script. The user becomes a random one per transaction: a
 * transaction-local setting holds its id (one extra trivial statement), and every literal that
 * carried the sample user's id reads the setting instead. Everything else is sent as captured.
 */
function pgbenchScript(statements: string[], userId: string): string {
  const lines = [
    `\\set uid random(1, ${users})`,
    'BEGIN;',
    `SELECT set_config('bench.user', ${BENCH_USER_ID_SQL(':uid')}::text, true);`,
  ];
  for (const sql of statements) {
    const oneLine = sql
      .replace(/--[^\n]*/g, '') // a comment would swallow the rest once the statement is one line
      .replace(/\s+/g, ' ')
      .replaceAll(`'${userId}'`, `current_setting('bench.user')::uuid`)
      .replace(new RegExp(`'([^']*)${userId}'`, 'g'), `('$1' || current_setting('bench.user'))`);
    lines.push(`${withoutColonsInLiterals(oneLine)};`);
  }
  lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}

/**
 * pgbench reads every ":name" in a statement as one of its variables, even inside a string literal
 * (timestamps, JSON, rate-limit keys), so such literals are rewritten as E'…' strings with the colon
 * as the escape \072: the same value, of the same untyped-literal kind, with no colon in the text.
 */
const withoutColonsInLiterals = (sql: string) =>
  // An E'…' literal (knex writes one for a value with a backslash) keeps its escapes; a plain one
  // has none, so its backslashes are doubled once it becomes an E'…' literal.
  sql.replace(/(?<![A-Za-z0-9_])(E'(?:[^'\\]|''|\\.)*'|'(?:[^']|'')*')/g, (literal: string) => {
    if (!literal.includes(':')) return literal;
    const escaped = literal.startsWith('E');
    const body = literal.slice(escaped ? 2 : 1, -1);
    return `E'${(escaped ? body : body.replaceAll('\\', '\\\\')).replaceAll(':', '\\072')}'`;
  });

function runPgbench(databaseUrl: string, script: string): { tps: number; latencyMs: number } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'calos-pgbench-')), 'execute.sql');
  fs.writeFileSync(file, script);
  const out = execFileSync('pgbench', ['-n', '-M', 'prepared', '-c', String(connections), '-j', '2', '-T', String(duration), '-f', file, databaseUrl], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench said:\n${out}`);
  return { tps: Math.round(tps), latencyMs };
}

/** The PGlite ceiling: the same engine call in this process, one after another (PGlite has one connection). */
async function inProcessPglite() {
  const pglite = await PGlite.create();
  const db = openDatabase({ pglite });
  const extensions = await loadPlatformExtensions(loadConfig({}));
  await migrateToLatest(db.knex, extensions.migrations);
  await seedReferenceData(db.knex, extensions);
  await db.knex.raw(insertBenchUsersSql(users));
  const { registerAction } = await import('../server/modules/actions/catalogue');
  await db.knex.transaction((trx) =>
    registerAction(trx, LIVE_SCOPE, { ...actionBody, rateLimitPerMinute: null, schedules: [] }),
  );
  const deps = engineDeps();
  userIds = Array.from({ length: users }, (_, i) => benchUserId(i + 1));
  const once = () => db.knex.transaction((trx) => executeActionIn(trx, deps, { mode: 'live', userId: randomUser(), actionCode: ACTION, params: {}, apiKeyId: null, applicationId: null }));
  const until = (seconds: number) => performance.now() + seconds * 1000;
  for (const end = until(warmup); performance.now() < end; ) await once();
  let count = 0;
  const start = performance.now();
  for (const end = until(duration); performance.now() < end; count++) await once();
  const rate = Math.round(count / ((performance.now() - start) / 1000));
  await db.close();
  return rate;
}

async function main() {
  const bench = await startBenchServer({
    name: 'calos_bench_actions',
    pglite: flags.pglite!,
    port: flags.port!,
    pgUrl: flags['pg-url'],
    // --cpu-prof DIR: the server writes a CPU profile there when it stops (read it with cpu-profile-summary.ts).
    nodeArgs: flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['cpu-prof']}`] : [],
  });
  try {
    if (bench.databaseUrl) {
      const c = new pg.Client({ connectionString: bench.databaseUrl });
      await c.connect();
      await c.query(insertBenchUsersSql(users));
      await c.end();
    } else {
      // PGlite's files belong to the server process, so the bench users sign up over REST (one
      // argon2 hash each, before the measurement).
      const registered: string[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 1 + w; i <= users; i += 4) {
            const r = await bench.api('POST', '/auth/register', undefined, { username: `bench_${i}`, email: `bench_${i}@bench.local`, password: 'bench user password' });
            registered.push(r.user.id);
          }
        }),
      );
      userIds = registered;
    }
    await bench.api('POST', '/actions/register', bench.adminToken, actionBody);
    const key = await adminApiKey(bench, ['actions:execute']);

    const result: Record<string, unknown> = { database: flags.pglite ? 'pglite' : 'postgresql', users, connections, durationSeconds: duration, at: new Date().toISOString() };
    await waitForQuiet(Number(flags['quiet-wait']));
    const http = await httpExecutions(bench.base, key, bench.server.proc.pid, !flags.pglite);
    result.http = http;

    if (bench.databaseUrl) {
      const knex = knexFactory({ client: 'pg', connection: bench.databaseUrl, pool: { min: 1, max: 2 } });
      const sample = benchUserId(users);
      const statements = await captureExecution(knex, sample);
      await knex.destroy();
      const script = pgbenchScript(statements, sample);
      fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
      fs.writeFileSync(path.join(ROOT, 'bench/results/actions-pgbench.sql'), script);
      await waitForQuiet(Number(flags['quiet-wait']));
      const ceiling = runPgbench(bench.databaseUrl, script);
      result.statementsPerExecution = statements.length;
      result.pgbench = ceiling;
      result.ratio = Math.round((http.rps / ceiling.tps) * 1000) / 10;
    } else {
      // PGlite's files belong to the server process; the in-process ceiling gets its own database.
      await waitForQuiet(Number(flags['quiet-wait']));
      const ceiling = await inProcessPglite();
      result.inProcess = { perSecond: ceiling };
      result.ratio = Math.round((http.rps / ceiling) * 1000) / 10;
    }
    console.log(JSON.stringify(result, null, 2));
    const file = path.join(ROOT, `bench/results/actions-latest${flags.pglite ? '-pglite' : ''}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    const ceilingName = flags.pglite ? 'in-process executions/s' : 'pgbench tps';
    const ceilingValue = flags.pglite ? (result.inProcess as { perSecond: number }).perSecond : (result.pgbench as { tps: number }).tps;
    console.log(`\nexecutions/s over HTTP ${http.rps} (p50 ${http.p50Ms} ms, p99 ${http.p99Ms} ms, ${http.non2xx} non-2xx) · ${ceilingName} ${ceilingValue} · ratio ${result.ratio} %`);
  } finally {
    await stopAll();
    await bench.cleanup();
  }
}

main().catch(async (err) => {
  console.error(err);
  await stopAll();
  process.exit(1);
});
