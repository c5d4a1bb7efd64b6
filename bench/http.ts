// HTTP benchmark of CalOS's doors, measured in one run on this machine (see bench/README.md).
//
//   npm run bench                       # CalOS on PostgreSQL (database calos_bench, created and dropped here)
//   npm run bench -- --pglite           # CalOS on embedded PGlite (a temporary data folder)
//   npm run bench -- --duration 8 --warmup 2 --connections 50 --runs 3
//
// What it starts (each in its own process, all killed at the end, even on errors):
//   - bench/hello-server.ts   a bare Fastify `GET /hello` → {hello:'world'}          port 5301
//   - server/main.ts          the real CalOS server                                  port 5302
//   - bench/argon2-verify.ts  argon2id verify/s at CALOS_ARGON2_CONCURRENCY, run while the server is idle
// The load generator (autocannon 9, programmatic API) runs in this process, so it shares the
// machine's cores with the servers and PostgreSQL: every figure is a same-box figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startNode, stopAll, waitForHttp, type Child } from './processes';
import { waitForQuiet } from './cpu-accounting';
import { load, type LoadSpec } from './load';
import { checkOnce, loginBody, registerUser, sampleAnswer, benchUser } from './http-requests';
import { gitInfo } from './bench-setup';
import { ALL_FIGURES, summarize, type Argon2Result, type FigureName, type Run } from './http-summary';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');

const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    'login-connections': { type: 'string', default: '50' },
    'login-users': { type: 'string' },
    runs: { type: 'string', default: '1' },
    'argon2-concurrency': { type: 'string', default: process.env.CALOS_ARGON2_CONCURRENCY ?? '2' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'hello-port': { type: 'string', default: '5301' },
    port: { type: 'string', default: '5302' },
    only: { type: 'string' },
    'server-root': { type: 'string', default: REPO_ROOT },
    'cpu-prof': { type: 'string' },
    'quiet-wait': { type: 'string', default: '120' },
    retries: { type: 'string', default: '3' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(`Usage: npx tsx bench/http.ts [options]
  --pglite                 run CalOS on embedded PGlite (default: PostgreSQL, database calos_bench)
  --duration S             seconds measured per figure (default 8)
  --warmup S               seconds of warm-up before each figure (default 2)
  --connections N          autocannon connections (default 50)
  --login-connections N    connections for the login figure (default 50)
  --login-users N          distinct accounts the login figure signs in, one per connection in turn
                           (default: one per login connection; 1 = every request the same account)
  --runs N                 repeat the whole set N times and report medians (default 1)
  --argon2-concurrency N   CALOS_ARGON2_CONCURRENCY for the server and the argon2 ceiling (default 2)
  --pg-url URL             maintenance connection used to create/drop calos_bench
  --only a,b               subset of: ${ALL_FIGURES().join(',')} (trpcBatch10 only when named)
  --server-root DIR        run server/main.ts from another checkout (A/B of a patch)
  --quiet-wait S           before each figure, wait up to S s for other processes to go idle (default 120, 0 = off)
  --retries N              redo a figure (up to N times) when other processes used > 0.3 cores during it (default 3)
  --cpu-prof DIR           run both servers under node --cpu-prof, profiles written to DIR
  --out FILE               where to write the JSON (default on a full run: bench/results/http-latest.json,
                           or http-latest-pglite.json with --pglite)`);
  process.exit(0);
}

/** Measured only when named in --only. */
const OPTIONAL_FIGURES: readonly FigureName[] = ['trpcBatch10'];
const BATCH = 10;

const num = (name: keyof typeof flags) => {
  const n = Number(flags[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const DURATION = num('duration');
const WARMUP = Number(flags.warmup);
const CONNECTIONS = num('connections');
const LOGIN_CONNECTIONS = num('login-connections');
const LOGIN_USERS = flags['login-users'] === undefined ? LOGIN_CONNECTIONS : Math.max(1, Math.round(num('login-users')));
const RUNS = Math.round(num('runs'));
const ARGON2_CONCURRENCY = Math.round(num('argon2-concurrency'));
const HELLO_PORT = Math.round(num('hello-port'));
const PORT = Math.round(num('port'));
const QUIET_WAIT = Number(flags['quiet-wait']);
const RETRIES = Math.max(0, Math.round(Number(flags.retries)));
const OTHER_LOAD_LIMIT = 0.3;
const SERVER_ROOT = path.resolve(flags['server-root']);
const DB_NAME = 'calos_bench';
const selected = new Set<FigureName>(
  flags.only
    ? (flags.only.split(',').map((s) => s.trim()) as FigureName[])
    : ALL_FIGURES().filter((f) => !OPTIONAL_FIGURES.includes(f)),
);
for (const f of selected) if (!ALL_FIGURES().includes(f)) throw new Error(`--only: unknown figure ${f}`);
const fullRun = !flags.only && SERVER_ROOT === REPO_ROOT && !flags['cpu-prof'];
const outFile =
  flags.out ??
  (fullRun ? path.join(BENCH_DIR, 'results', flags.pglite ? 'http-latest-pglite.json' : 'http-latest.json') : undefined);

// ---------------------------------------------------------------------------------------------
// Set-up: database, servers, a user

async function withMaintenance<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: flags['pg-url'] });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrlFor(dbName: string) {
  const u = new URL(flags['pg-url']);
  u.pathname = `/${dbName}`;
  return u.toString();
}

async function createBenchDatabase() {
  await withMaintenance(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  });
}

async function dropBenchDatabase() {
  await withMaintenance((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
}

const profFlags = flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(flags['cpu-prof'])}`] : [];

function startHello(): Child {
  return startNode('hello-server', [...profFlags, '--import', 'tsx', path.join(BENCH_DIR, 'hello-server.ts'), String(HELLO_PORT)], {
    cwd: REPO_ROOT,
  });
}

function startCalos(dataDir: string | undefined): Child {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The config caps these at 10,000 and 100,000 (server/config.ts); a successful login takes its
    // hits back, so the caps are never reached by one account logging in from one address.
    CALOS_LOGIN_MAX_PER_ACCOUNT: '10000',
    CALOS_LOGIN_MAX_PER_IP: '100000',
    CALOS_LOGIN_ACCOUNT_CEILING: '100000',
    CALOS_ARGON2_CONCURRENCY: String(ARGON2_CONCURRENCY),
    CALOS_SEED_DEMO: 'false',
    CALOS_ADMIN_USERNAME: '',
    CALOS_ADMIN_EMAIL: '',
    CALOS_ADMIN_PASSWORD: '',
  };
  if (dataDir) {
    delete env.DATABASE_URL;
    env.CALOS_DATA_DIR = dataDir;
  } else {
    env.DATABASE_URL = databaseUrlFor(DB_NAME);
  }
  // node --import tsx (not `npx tsx`, which adds a wrapper process) so the pid is the server's.
  return startNode('calos-server', [...profFlags, '--import', 'tsx', 'server/main.ts'], { cwd: SERVER_ROOT, env });
}

async function argon2Ceiling(): Promise<Argon2Result> {
  const child = startNode(
    'argon2-verify',
    ['--import', 'tsx', path.join(BENCH_DIR, 'argon2-verify.ts'), String(ARGON2_CONCURRENCY), String(WARMUP), String(DURATION)],
    { cwd: REPO_ROOT },
  );
  const code = await child.exited;
  const out = child.output.join('');
  const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (code !== 0 || !line) throw new Error(`argon2-verify failed (exit ${code}):\n${out.slice(-2000)}`);
  return JSON.parse(line) as Argon2Result;
}

const LABELS: Record<FigureName, string> = {
  hello: 'bare Fastify GET /hello',
  healthz: 'CalOS plain Fastify route GET /healthz',
  apiPing: 'system.ping via GET /api/ping',
  trpcPing: 'system.ping via GET /trpc/system.ping',
  trpcBatch10: `${BATCH}× system.ping batched in one GET /trpc`,
  session: `GET /api/auth/session (Bearer, ${CONNECTIONS} users)`,
  login: 'POST /api/auth/login',
  argon2: `argon2id verify, ${ARGON2_CONCURRENCY} in flight (own process)`,
};

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const dbKind = flags.pglite ? 'pglite' : 'postgres';
  let dataDir: string | undefined;
  let dbCreated = false;
  const runs: Run[] = [];

  const cleanup = async () => {
    await stopAll();
    if (dbCreated) {
      await dropBenchDatabase().catch((err) => console.error('could not drop calos_bench:', err));
      dbCreated = false;
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let interrupted = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${sig}: stopping children and cleaning up…`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    console.log(
      `CalOS HTTP bench: ${os.cpus().length} vCPU (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ` +
        `database ${dbKind}, ${CONNECTIONS} connections (login ${LOGIN_CONNECTIONS}, ${LOGIN_USERS} accounts), ` +
        `${WARMUP} s warm-up + ${DURATION} s per figure, ${RUNS} run(s)`,
    );
    const needHello = selected.has('hello');
    const needCalos = ['healthz', 'apiPing', 'trpcPing', 'trpcBatch10', 'session', 'login'].some((f) =>
      selected.has(f as FigureName),
    );

    let hello: Child | undefined;
    if (needHello) {
      hello = startHello();
      await waitForHttp(hello, `http://127.0.0.1:${HELLO_PORT}/hello`);
    }
    let calos: Child | undefined;
    let token = '';
    // Bench accounts: bench_user, bench_user_1, … (one password), with a token each.
    const tokens: string[] = [];
    const base = `http://127.0.0.1:${PORT}`;
    if (needCalos) {
      if (flags.pglite) dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-bench-'));
      else {
        await createBenchDatabase();
        dbCreated = true;
      }
      const t0 = Date.now();
      calos = startCalos(dataDir);
      await waitForHttp(calos, `${base}/readyz`);
      console.log(`CalOS server ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${calos.proc.pid})`);
      // The session and login figures are of many users, as in use: one account per connection.
      const accounts = Math.max(selected.has('session') ? CONNECTIONS : 1, selected.has('login') ? LOGIN_USERS : 1);
      for (let i = 0; i < accounts; i++) tokens.push(await registerUser(base, benchUser(i)));
      token = tokens[0]!;
      // Each door must answer 2xx before it is measured, or the figure would be of error answers.
      await checkOnce(`${base}/api/ping`, {}, '/api/ping');
      await checkOnce(`${base}/trpc/system.ping`, {}, '/trpc/system.ping');
      if (selected.has('trpcBatch10')) {
        await checkOnce(`${base}/trpc/${Array(BATCH).fill('system.ping').join(',')}?batch=1`, {}, 'batched /trpc');
      }
      await checkOnce(`${base}/api/auth/session`, { headers: { authorization: `Bearer ${token}` } }, '/api/auth/session');
      await checkOnce(
        `${base}/api/auth/login`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: loginBody(0),
        },
        '/api/auth/login',
      );
    }

    const specs: Partial<Record<FigureName, () => Omit<LoadSpec, 'warmupSeconds' | 'durationSeconds' | 'withPostgres'>>> = {
      hello: () => ({ url: `http://127.0.0.1:${HELLO_PORT}/hello`, connections: CONNECTIONS, serverPid: hello?.proc.pid }),
      healthz: () => ({ url: `${base}/healthz`, connections: CONNECTIONS, serverPid: calos?.proc.pid }),
      apiPing: () => ({ url: `${base}/api/ping`, connections: CONNECTIONS, serverPid: calos?.proc.pid }),
      trpcPing: () => ({ url: `${base}/trpc/system.ping`, connections: CONNECTIONS, serverPid: calos?.proc.pid }),
      // One HTTP request carrying BATCH calls (what httpBatchLink sends): req/s × BATCH = calls/s.
      trpcBatch10: () => ({
        url: `${base}/trpc/${Array(BATCH).fill('system.ping').join(',')}?batch=1`,
        connections: CONNECTIONS,
        serverPid: calos?.proc.pid,
      }),
      session: () => ({
        url: `${base}/api/auth/session`,
        headers: { authorization: `Bearer ${token}` },
        perConnection: tokens.slice(0, CONNECTIONS).map((t) => ({ headers: { authorization: `Bearer ${t}` } })),
        connections: CONNECTIONS,
        serverPid: calos?.proc.pid,
      }),
      login: () => ({
        url: `${base}/api/auth/login`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: loginBody(0),
        perConnection: Array.from({ length: LOGIN_USERS }, (_, i) => ({ body: loginBody(i) })),
        connections: LOGIN_CONNECTIONS,
        serverPid: calos?.proc.pid,
      }),
    };

    for (let run = 1; run <= RUNS; run++) {
      const results: Run = {};
      for (const name of ALL_FIGURES()) {
        if (!selected.has(name)) continue;
        process.stdout.write(`run ${run}/${RUNS}  ${LABELS[name].padEnd(48)} `);
        // A figure during which other processes used the cores is measured again (the box is shared).
        for (let attempt = 0; ; attempt++) {
          if (QUIET_WAIT > 0) await waitForQuiet(QUIET_WAIT); // also lets the server finish queued logins
          if (name === 'argon2') {
            const a = await argon2Ceiling();
            results.argon2 = a;
            const otherCores = Math.max(0, (a.machineBusyCores ?? a.cpuCores) - a.cpuCores);
            if (otherCores > OTHER_LOAD_LIMIT && attempt < RETRIES) {
              process.stdout.write(`[other load ${otherCores.toFixed(2)} cores: again] `);
              continue;
            }
            console.log(
              `${a.perSecond.toFixed(1)} verify/s  ${Math.round(a.msPerVerifyCpu * 1000)} µs CPU/verify  ` +
                `cores: argon2 ${a.cpuCores.toFixed(2)}, other load ${otherCores.toFixed(2)}`,
            );
            break;
          } else {
            const m = await load({ ...specs[name]!(), warmupSeconds: WARMUP, durationSeconds: DURATION, withPostgres: !flags.pglite });
            for (const c of [hello, calos]) {
              if (c?.done) throw new Error(`${c.name} died (${c.how}) during ${name}:\n${c.output.join('').slice(-4000)}`);
            }
            results[name] = m;
            if (m.cpu.otherCores > OTHER_LOAD_LIMIT && attempt < RETRIES) {
              process.stdout.write(`[other load ${m.cpu.otherCores} cores: again] `);
              continue;
            }
            let bad = m.non2xx + m.errors ? `  non-2xx ${m.non2xx} ${JSON.stringify(m.statusCodes ?? {})}, errors ${m.errors}` : '';
          if (m.non2xx) bad += `\n    one answer now: ${await sampleAnswer(specs[name]!())}`;
            console.log(
              `${m.rps} req/s  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms  server ${m.cpu.serverUsPerReq ?? '-'} µs/req ` +
                `(main thread ${m.cpu.serverMainUsPerReq ?? '-'})  PG ${m.cpu.pgUsPerReq ?? '-'} µs/req  ` +
                `other load ${m.cpu.otherCores} cores  server RSS ${m.serverRssMiB ?? '-'} MiB${bad}`,
            );
            break;
          }
        }
      }
      runs.push(results);
    }

    const { figures, ratios } = summarize(runs, {
      names: ALL_FIGURES().filter((name) => selected.has(name)),
      labels: LABELS,
      connectionsOf: (name) => (name === 'login' ? LOGIN_CONNECTIONS : CONNECTIONS),
      argon2Concurrency: ARGON2_CONCURRENCY,
    });

    const report = {
      date: started.toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model.trim(), memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      settings: {
        database: dbKind,
        connections: CONNECTIONS,
        loginConnections: LOGIN_CONNECTIONS,
        loginUsers: LOGIN_USERS,
        warmupSeconds: WARMUP,
        durationSeconds: DURATION,
        runs: RUNS,
        argon2Concurrency: ARGON2_CONCURRENCY,
        serverRoot: SERVER_ROOT === REPO_ROOT ? '.' : SERVER_ROOT,
      },
      code: gitInfo(SERVER_ROOT),
      figures,
      ratios,
    };
    if (outFile) {
      fs.mkdirSync(path.dirname(outFile), { recursive: true });
      fs.writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
      console.log(`\nwrote ${path.relative(process.cwd(), outFile)}`);
    }
    if (flags['cpu-prof']) console.log(`CPU profiles are written to ${path.resolve(flags['cpu-prof'])} when the servers exit`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('\nbench failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
