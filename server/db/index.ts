// The database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in a data folder.
// Both are reached through one knex instance, so every query and migration runs on either.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexPkg, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

// knex ships no `exports` map, so Node loads its CommonJS build (notes/STACK.md P2).
const knex = (knexPkg as unknown as { knex?: typeof knexPkg }).knex ?? knexPkg;

// Return int8 (e.g. COUNT(*)) as a JS number, and keep timestamps as Date objects.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// A DATE is a calendar day, not an instant: keep 'YYYY-MM-DD' rather than a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * The role a connection string without a user signs in as. libpq (psql, pg_dump) takes PGUSER, then
 * the operating-system user; node-postgres takes PGUSER, then $USER, which containers and service
 * managers often leave unset, so `postgresql:///calos?host=/var/run/postgresql` would fail with "no
 * PostgreSQL user name specified". Undefined leaves node-postgres's own default alone.
 */
export function defaultDatabaseUser(env: NodeJS.ProcessEnv, osUser: () => string = () => os.userInfo().username) {
  if (env.PGUSER || env.USER) return undefined;
  try {
    return osUser() || undefined;
  } catch {
    return undefined; // no passwd entry for this uid: leave it to PGUSER or the URL
  }
}

export type Db = Knex;
/** A transaction or the root instance: services accept either and never open a hidden one. */
export type Tx = Knex | Knex.Transaction;

export interface Database {
  knex: Knex;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { url: string; poolMax?: number }
  | { dataDir: string }
  | { pglite: PGlite };

// A query on the global instance inside a transaction waits for PGlite's one connection; fail
// fast instead of hanging for a minute (notes/STACK.md P4).
const ACQUIRE_TIMEOUT_MS = 10_000;
/** How long a close waits for statements still running or asking for a connection. */
const CLOSE_SETTLE_MS = 2_000;

/**
 * Closes the pool once what still runs on it has finished (at most CLOSE_SETTLE_MS): knex's destroy
 * aborts a statement that is still waiting for a connection, and its caller, often a background
 * task stopping at the same moment, would meet "aborted" instead of its answer.
 */
async function closeSettled(instance: Knex): Promise<void> {
  const pool = (instance.client as { pool?: { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number } }).pool;
  const until = Date.now() + CLOSE_SETTLE_MS;
  while (pool && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await instance.destroy();
}

export function openDatabase(options: DatabaseOptions): Database {
  if ('url' in options) {
    const user = defaultDatabaseUser(process.env);
    if (user) pg.defaults.user = user;
    const instance = knex({
      client: 'pg',
      connection: options.url,
      pool: { min: 0, max: options.poolMax ?? 10 },
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    });
    return { knex: instance, kind: 'postgres', close: () => closeSettled(instance) };
  }
  if ('pglite' in options) {
    const db = options.pglite;
    const instance = knex({
      client: ClientPgLite,
      dialect: 'postgres',
      connection: () => ({ pglite: db }) as object,
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    } as Knex.Config);
    return { knex: instance, kind: 'pglite', close: () => closeSettled(instance) };
  }
  const dir = path.resolve(options.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const releaseLock = takeDataDirLock(dir);
  const instance = knex({
    client: ClientPgLite,
    dialect: 'postgres',
    connection: { filename: path.join(dir, 'pglite') },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
  } as Knex.Config);
  return {
    knex: instance,
    kind: 'pglite',
    close: async () => {
      try {
        await closeSettled(instance);
      } finally {
        releaseLock();
      }
    },
  };
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/**
 * PGlite is one process per data folder: a second process opening the same folder hangs without
 * an error (notes/STACK.md Q2). A lock file holding our pid turns that into a clear message.
 */
function takeDataDirLock(dir: string): () => void {
  const lockFile = path.join(dir, 'calos.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DataDirLockedError(
        `The embedded database in ${dir} is in use by process ${holder}. PGlite allows one process per ` +
          'data folder: stop that process, choose another CALOS_DATA_DIR, or set DATABASE_URL to use ' +
          'PostgreSQL (which any number of instances can share).',
      );
    }
    fs.writeFileSync(lockFile, String(process.pid)); // stale lock from a process that died
  }
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Postgres error fields we act on (never the message, which may quote data or SQL). */
export function pgErrorInfo(err: unknown): { code?: string; constraint?: string } {
  if (typeof err !== 'object' || err === null) return {};
  const e = err as { code?: unknown; constraint?: unknown; nativeError?: unknown };
  const source = (e.nativeError as typeof e | undefined) ?? e;
  return {
    code: typeof source.code === 'string' ? source.code : undefined,
    constraint: typeof source.constraint === 'string' ? source.constraint : undefined,
  };
}

export const isUniqueViolation = (err: unknown, constraint?: string) => {
  const info = pgErrorInfo(err);
  return info.code === '23505' && (!constraint || info.constraint === constraint);
};

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that instances starting together do
 * their schema and queue set-up one after the other (concurrent DDL deadlocks). The lock lives in
 * a transaction that does nothing else; PGlite, one process by design, needs no lock.
 */
/** Errors that mean "not up yet" rather than "wrong": refused or reset connections, unknown host, starting up. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '57P03', '08006', '08001']);

/**
 * Waits until the database answers, retrying transient failures (1 s apart, up to `timeoutMs`): a
 * container started with its database (Compose's depends_on starts, it does not wait) may be first.
 * Anything else (a wrong password, a missing database) fails at once.
 */
export async function waitForDatabase(db: Database, timeoutMs: number, onRetry: (err: Error, attempt: number) => void = () => {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.knex.raw('SELECT 1');
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!TRANSIENT.has(code) || Date.now() + 1000 > deadline) throw err;
      onRetry(err as Error, attempt);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

export async function oneInstanceAtATime<T>(db: Database, name: string, work: () => Promise<T>): Promise<T> {
  if (db.kind === 'pglite') return work();
  return db.knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [name]);
    return work();
  });
}

interface RawClient {
  query(config: { name?: string; text: string; values: unknown[] } | string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A hot-path query as a named prepared statement on PostgreSQL (parsed and planned once per
 * connection: about 40 % cheaper than knex's unnamed statements, notes/PERFORMANCE.md), and as a
 * plain query on PGlite. `text` uses $1-style parameters. Only for fixed SQL on the root instance.
 */
export async function preparedQuery<Row>(db: Database, name: string, text: string, values: unknown[]): Promise<Row[]> {
  return prepared<Row>(db.knex, name, text, values);
}

/**
 * PostgreSQL keeps 63 bytes of a statement's name: a longer one (a name that lists the loaded
 * extensions grows with them) is cut to a prefix and a hash of the whole, so two never collide.
 */
export function statementName(name: string): string {
  return name.length <= 63 ? name : `${name.slice(0, 40)}_${createHash('sha256').update(name).digest('hex').slice(0, 22)}`;
}

/**
 * Runs `text` ($1 … placeholders) as a named prepared statement on the connection of `tx`: inside a
 * transaction its own connection, otherwise one from the pool. PostgreSQL then parses and plans it
 * once per connection instead of on every call. `name` must always go with the same text. PGlite
 * (one in-process connection) runs it as a plain parameterised query.
 */
export async function prepared<Row>(tx: Tx, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const client = (tx as unknown as { client: KnexClient }).client;
  // knex's own query events, as for every other statement, so observers (tracing) see these too.
  const query = { __knexQueryUid: `prepared:${++preparedCount}`, sql: text, bindings: values, method: 'raw', name };
  client.emit('query', query);
  const conn = await client.acquireConnection();
  try {
    const result = 'exec' in conn ? await conn.query(text, values) : await conn.query({ name: statementName(name), text, values });
    client.emit('query-response', result.rows, query);
    return result.rows as Row[];
  } catch (err) {
    client.emit('query-error', err, query);
    throw err;
  } finally {
    await client.releaseConnection(conn);
  }
}

interface KnexClient {
  acquireConnection(): Promise<RawClient>;
  releaseConnection(conn: RawClient): Promise<void>;
  emit(event: string, ...args: unknown[]): boolean;
}
let preparedCount = 0;

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim or could not serialise it
 * (40P01, 40001): nothing of it was committed, so running it again is safe. Lock orders are kept
 * consistent where we can; this covers the rare cycles left (e.g. one action awarding two skills).
 */
export async function transactionWithRetry<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      const code = pgErrorInfo(err).code;
      if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}
