// Integration-test harness: a fresh database per test file (copied from the migrated template), the
// real app for REST over app.inject(), and tRPC callers acting as a given user through the same router.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { inject, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/index';
import { createPlatform, type RunningPlatform } from '../platform';
import { createLogger } from '../logging';
import { buildApp } from '../app';
import { appRouter } from '../router';
import { createCallerFactory, type Context } from '../trpc';
import { createRequestContext, SESSION_COOKIE } from '../context';
import { buildOpenApiDocument, procedureMetas } from '../openapi';
import type { AuthKit } from '../modules/auth/service';
import type { LoadedExtensions } from '../extensions/loader';
import { testPostgresUrl, withDatabaseName } from './databases';

export const dbKind = () => inject('dbKind');

/**
 * A race test: parallel requests or transactions that must hold a limit, a balance or a single use.
 * It proves something only where transactions overlap, so it runs on PostgreSQL (which CI always
 * runs) and says so in its name; PGlite has one connection and runs transactions one at a time,
 * where the same calls would only show the sequential answer.
 */
export function raceTest(name: string, fn: () => Promise<void>, timeoutMs?: number): void {
  it.runIf(dbKind() === 'postgres')(`${name} (races on PostgreSQL)`, fn, timeoutMs);
}

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/** A database of its own for the calling test file, already migrated. */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (inject('dbKind') === 'postgres') {
    const name = `calos_t_${inject('runId')}_${randomUUID().slice(0, 8)}`;
    const admin = openDatabase({ url: testPostgresUrl(), poolMax: 1 });
    await admin.knex.raw(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    await admin.close();
    const url = withDatabaseName(testPostgresUrl(), name);
    return { ...openDatabase({ url, poolMax: 10 }), url };
  }
  const dump = fs.readFileSync(inject('pgliteTemplate'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return openDatabase({ pglite });
}

export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({ LOG_LEVEL: 'silent', CALOS_CLIENT_DIR: '/nonexistent', ...env });

export interface TestApp {
  config: Config;
  db: Database;
  auth: AuthKit;
  platform: RunningPlatform;
  app: FastifyInstance;
  /** A tRPC caller through the real router; with a token it acts as that session or key. */
  caller(options?: CallerOptions): Caller;
  /** The context a /trpc request with these credentials would get. */
  contextFor(options?: CallerOptions): Context;
  /** JSON request to the REST door. */
  rest(method: string, url: string, options?: RestOptions): Promise<RestResponse>;
  close(): Promise<void>;
}

export interface CallerOptions {
  token?: string;
  cookieToken?: string;
  origin?: string;
  ip?: string;
  idempotencyKey?: string;
}

export interface RestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface RestResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  headers: LightMyRequestResponse['headers'];
}

export interface TestAppOptions {
  /** Where log lines go (default: discarded unless LOG_LEVEL is set in env). */
  logStream?: NodeJS.WritableStream;
  /** An existing database (a second instance on the same data); default: a fresh one. */
  db?: Database;
  /** Extensions loaded already (from another folder, say); default: what the env's CALOS_EXTENSIONS names. */
  extensions?: LoadedExtensions;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(env);
  const db = options.db ?? (await createTestDatabase());
  const log = createLogger(config.logLevel, options.logStream);
  const platform = await createPlatform(config, db, log, options.extensions);
  const app = await buildApp(platform, log);
  await platform.startWorkers();
  const { auth } = platform;
  const metas = procedureMetas(platform.router);
  const platformCaller = createCallerFactory(platform.router) as typeof createCaller;
  const answered = recordRestAnswers(app);
  // A tRPC request as the web client would send it, made into a context by the server's own code.
  const contextFor = (options: CallerOptions = {}): Context =>
    createRequestContext(
      platform,
      'trpc',
      {
        id: randomUUID(),
        method: 'POST',
        ip: options.ip ?? '127.0.0.1',
        protocol: 'http',
        headers: {
          host: 'localhost:5001',
          'user-agent': 'vitest',
          authorization: options.token ? `Bearer ${options.token}` : undefined,
          origin: options.origin,
          'idempotency-key': options.idempotencyKey,
        },
        cookies: { [SESSION_COOKIE]: options.cookieToken },
        log: app.log,
      },
      { setSessionCookie: () => undefined, clearSessionCookie: () => undefined, setHeaders: () => undefined },
      metas,
      () => undefined,
    );
  return {
    config,
    db,
    auth,
    platform,
    app,
    caller: (options = {}) => platformCaller(contextFor(options)),
    contextFor,
    async rest(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers,
        payload: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      let body: unknown = res.body;
      try {
        body = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.statusCode, body, headers: res.headers };
    },
    async close() {
      const undocumented = undocumentedAnswers(buildOpenApiDocument(platform.router, config, platform.extensions.list.flatMap((e) => e.definition.http ?? [])), answered);
      await app.close();
      await platform.stop();
      if (!options.db) await db.close();
      if (undocumented.length) {
        throw new Error(`REST answers whose status /api/openapi.json does not list (add it to the procedure's meta.errors):\n${undocumented.join('\n')}`);
      }
    },
  };
}

let counter = 0;
/** A unique, valid registration input. */
export function newAccount(overrides: Partial<{ username: string; email: string; password: string }> = {}) {
  const n = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    username: `user_${n}`.slice(0, 32),
    email: `user_${n}@example.com`,
    password: 'correct horse battery staple',
    ...overrides,
  };
}

/** Every (route, status) the REST door answered in this test file, by the route's OpenAPI path. */
function recordRestAnswers(app: FastifyInstance): Map<string, Set<number>> {
  const answered = new Map<string, Set<number>>();
  app.addHook('onResponse', async (req, reply) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/') || req.method === 'HEAD') return;
    const route = `${req.method.toLowerCase()} ${url.slice(4).replace(/:(\w+)/g, '{$1}')}`;
    (answered.get(route) ?? answered.set(route, new Set()).get(route)!).add(reply.statusCode);
  });
  return answered;
}

/** The answers of procedures' routes whose status their OpenAPI operation does not list. */
function undocumentedAnswers(doc: { paths?: Record<string, unknown> }, answered: Map<string, Set<number>>): string[] {
  const missing: string[] = [];
  for (const [route, statuses] of answered) {
    const [method, path] = route.split(' ') as [string, string];
    const operation = (doc.paths?.[path] as Record<string, { responses?: Record<string, unknown> }> | undefined)?.[method];
    if (!operation?.responses) continue; // not a procedure's route (405 answers, downloads, docs)
    for (const status of statuses) if (!operation.responses[String(status)]) missing.push(`${method.toUpperCase()} /api${path} → ${status}`);
  }
  return missing.sort();
}
