// What the database benchmarks share: a throw-away PostgreSQL database, a CalOS server process on
// it (or on PGlite in a temporary folder), an administrator's API key, and a JSON client.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { ApiScope } from '../shared/schemas/developer';
import { startNode, waitForHttp, type Child } from './processes';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A JSON client for one server; throws on any 4xx/5xx with the answer. */
export function apiClient(base: string) {
  return async function api(method: string, route: string, token?: string, body?: unknown) {
    const res = await fetch(`${base}/api${route}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (res.status >= 400) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

export interface BenchServer {
  server: Child;
  base: string;
  /** postgres:// URL of the bench database, or null on PGlite. */
  databaseUrl: string | null;
  api: ReturnType<typeof apiClient>;
  /** An administrator's bearer token. */
  adminToken: string;
  cleanup(): Promise<void>;
}

const ADMIN = { username: 'bench_admin', email: 'bench@example.com', password: 'bench admin password' };

/** Starts CalOS on a fresh database `name` (PostgreSQL) or a temporary PGlite folder. */
export async function startBenchServer(options: {
  name: string;
  pglite: boolean;
  port: string;
  pgUrl?: string;
  env?: Record<string, string>;
  /** Extra node flags for the server, e.g. --cpu-prof. */
  nodeArgs?: string[];
}): Promise<BenchServer> {
  const cleanups: Array<() => Promise<void> | void> = [];
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: options.port,
    LOG_LEVEL: 'warn',
    CALOS_CLIENT_DIR: '/nonexistent',
    CALOS_SEED_DEMO: 'false',
    CALOS_ADMIN_USERNAME: ADMIN.username,
    CALOS_ADMIN_EMAIL: ADMIN.email,
    CALOS_ADMIN_PASSWORD: ADMIN.password,
    // On PGlite the bench users sign up over REST, all from this machine.
    CALOS_REGISTER_MAX_PER_IP: '1000000',
    ...options.env,
  };
  let databaseUrl: string | null = null;
  if (options.pglite) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${options.name}-`));
    env.CALOS_DATA_DIR = dir;
    delete env.DATABASE_URL;
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    const pgUrl = options.pgUrl ?? DEFAULT_PG_URL;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${options.name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${options.name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${options.name}`;
    databaseUrl = env.DATABASE_URL = url.toString();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${options.name} WITH (FORCE)`);
      await c.end();
    });
  }
  const base = `http://127.0.0.1:${options.port}`;
  const server = startNode('calos-server', [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
  await waitForHttp(server, `${base}/readyz`);
  const api = apiClient(base);
  const login = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: `bench-${options.name}` } });
  return {
    server,
    base,
    databaseUrl,
    api,
    adminToken: login.token,
    async cleanup() {
      for (const c of cleanups.reverse()) await c();
    },
  };
}

/** A live API key of the administrator's application with `scopes`. */
export async function adminApiKey(bench: BenchServer, scopes: ApiScope[]): Promise<string> {
  const app = await bench.api('POST', '/apps', bench.adminToken, { name: 'Bench' });
  const key = await bench.api('POST', `/apps/${app.id}/keys`, bench.adminToken, { name: 'bench', scopes, rateLimitPerMinute: 100_000 });
  return key.secret as string;
}

/** Deterministic user ids, so pgbench scripts can name the same users: 00000000-0000-4000-8000-<n>. */
export const benchUserId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const BENCH_USER_ID_SQL = (variable: string) => `('00000000-0000-4000-8000-' || lpad(${variable}::text, 12, '0'))::uuid`;

/** SQL that inserts users 1…n with the ids above (no password: they never sign in). */
export const insertBenchUsersSql = (n: number) =>
  `INSERT INTO users (id, username, email, password_hash)
   SELECT ${BENCH_USER_ID_SQL('i')}, 'bench_' || i, 'bench_' || i || '@bench.local', 'not-a-hash'
   FROM generate_series(1, ${n}) AS i ON CONFLICT DO NOTHING`;

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Which code was measured: the commit, and whether server/, shared/ or database/ had local changes. */
export function gitInfo(root: string): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared', 'database'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}
