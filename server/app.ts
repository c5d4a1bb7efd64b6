// Builds the Fastify app: /trpc and /api (one router, two doors), the API reference, health
// checks and the built web client. It never listens: main.ts does, tests use app.inject().
import fs from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { TRPCError } from '@trpc/server';
import type { Config } from './config';
import { isSchemaCurrent } from './db/migrate';
import { DomainError, errorBody, errorCodes, rateLimitHeaders, type ErrorCode } from './errors';
import { buildOpenApiDocument, procedureMetas } from './openapi';
import { acceptEmptyBodies, registerRestDoor } from './rest';
import { registerTrpcDoor } from './trpc-door';
import { registerApiDocs } from './docs';
import { registerMetrics } from './metrics';
import { registerRequestLog } from './request-log';
import { registerTracing } from './tracing';
import { frameworkErrorHeaders, registerSecurityHeaders } from './security-headers';
import { registerExtensionRoutes } from './extensions/http';
import { registerOidcRoutes } from './modules/oidc/http';
import { authenticateToken } from './modules/auth/service';
import type { Context, Platform, RequestInfo } from './trpc';
import { createRequestContext, SESSION_COOKIE, type ResponseControl } from './context';

export { SESSION_COOKIE } from './context';

export interface BuildOptions {
  /** false: /trpc through @trpc/server's own Fastify adapter only (server/trpc-door.ts). */
  trpcOwnAdapter?: boolean;
}

export async function buildApp(platform: Platform, log: Logger, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config, db } = platform;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A client's own x-request-id is kept only if it looks like one: it goes into our logs.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // Drain in-flight requests on close, but do not wait on idle keep-alive sockets.
    forceCloseConnections: 'idle',
    // A URL the router cannot read (bad percent-encoding, an over-long parameter) is refused in the
    // contract's shape rather than Fastify's own.
    frameworkErrors: (error, req, reply) => {
      const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment is too long.' : 'The URL is not valid.';
      return (reply as FastifyReply)
        .code(400)
        .header('x-request-id', req.id)
        .headers(frameworkErrorHeaders(config))
        .send(errorBody('VALIDATION_FAILED', message, { issues: [{ path: 'path', message }] }, req.id));
    },
    // A request Node's HTTP parser cannot read (oversized or malformed headers) is answered in the
    // contract's shape with the security headers, rather than Fastify's bare JSON.
    clientErrorHandler: (error, socket) => answerClientError(error, socket, config),
    // '/api/skills/' is '/api/skills', as it always was on the REST door.
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: true },
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, config);
  app.setErrorHandler(fastifyErrorHandler);
  app.setNotFoundHandler(notFoundHandler(config));
  acceptEmptyBodies(app);

  const appRouter = platform.router;
  registerMetrics(app, config.metrics, new Set(Object.keys(appRouter._def.procedures)));
  app.get('/healthz', async () => ({ status: 'ok' }));
  let schemaCurrent = false;
  app.get('/readyz', async (_req, reply) => {
    try {
      await db.knex.raw('select 1');
      schemaCurrent ||= await isSchemaCurrent(db.knex, platform.extensions.migrations);
      if (schemaCurrent) return { status: 'ok' };
    } catch {
      // reported below
    }
    return reply.code(503).send(errorBody('UNAVAILABLE', 'The database is not reachable or not migrated.', {}, undefined));
  });

  const metas = procedureMetas(appRouter);
  // Requests made with an API key, and the route they hit, for the usage analytics.
  const apiKeyUse = new WeakMap<object, { keyId: string; route: string }>();
  app.addHook('onResponse', async (req, reply) => {
    const use = apiKeyUse.get(req.raw);
    if (use) platform.usage.record(use.keyId, use.route, reply.statusCode, reply.elapsedTime);
  });
  const procedures = new Set(Object.keys(appRouter._def.procedures));
  const callers = registerRequestLog(app, procedures, registerTracing(app, db.knex, config.tracing, procedures));
  const contextFor = (door: RequestInfo['door']) => ({ req, res }: { req: FastifyRequest; res: FastifyReply }) =>
    createRequestContext(
      platform,
      door,
      req,
      replyControl(res),
      metas,
      (keyId, procedurePath) => {
        apiKeyUse.set(req.raw, { keyId, route: metas.get(procedurePath)?.route ?? procedurePath });
        callers.noteKey(req, keyId);
      },
      (userId) => callers.noteUser(req, userId),
    );

  await registerTrpcDoor(app, {
    router: appRouter,
    createContext: contextFor('trpc'),
    onError: ({ error, ctx }) => logProcedureError(app, error, ctx),
    responseMeta: ({ errors, paths }) => (paths?.length === 1 && errors.length === 1 ? errorResponseMeta(errors[0]!) : {}),
    ownAdapter: options.trpcOwnAdapter,
  });

  const openApiDocument = buildOpenApiDocument(appRouter, config, platform.extensions.list.flatMap((e) => e.definition.http ?? []));
  app.get('/api/openapi.json', async () => openApiDocument);
  await registerApiDocs(app, openApiDocument);
  registerRestDoor(app, {
    router: appRouter,
    metas,
    createContext: contextFor('rest'),
    onError: (error, ctx) => logProcedureError(app, error, ctx),
    rawRoutes: platform.extensions.list.flatMap((e) => e.definition.http ?? []),
  });
  registerExtensionRoutes(app, platform, contextFor('rest'));
  await registerOidcRoutes(app, platform, async (token) => (await authenticateToken(platform.auth, platform.db, token)).user);

  const clientDir = path.resolve(config.clientDir);
  if (fs.existsSync(path.join(clientDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: true, index: 'index.html' });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send('CalOS API is running. Build the web client with `npm run build` to serve it here.'),
    );
  }
  return app;
}

/**
 * What Node's HTTP server answers for a request it could not parse: 431 for headers over its limit,
 * 408 for one that took too long, 400 otherwise; as Fastify's default handler, nothing is written to
 * a socket that is already gone.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex, config: Config) {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy(error);
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'The request could not be read.'];
  const body = JSON.stringify(errorBody('VALIDATION_FAILED', message, { issues: [{ path: 'headers', message }] }, undefined));
  const headers = { ...frameworkErrorHeaders(config), 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
}

/** The session cookie and extra headers of a procedure's answer, on Fastify's reply. */
function replyControl(reply: FastifyReply): ResponseControl {
  return {
    setSessionCookie: (token, options) => void reply.setCookie(SESSION_COOKIE, token, options),
    clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, { path: '/' }),
    setHeaders: (headers) => void reply.headers(headers),
  };
}

/** Status and headers for a procedure's error: statuses tRPC has no code for (410) and 429 headers. */
function errorResponseMeta(error: TRPCError) {
  const cause = error.cause;
  if (!(cause instanceof DomainError)) return {};
  const headers = cause.rateLimit ? rateLimitHeaders(cause.rateLimit, true) : undefined;
  return { status: errorCodes[cause.code].status, ...(headers ? { headers } : {}) };
}

interface FastifyishError {
  statusCode?: number;
  code?: string;
  validation?: unknown;
}

/** Errors raised by Fastify itself (bad JSON, body too large, wrong content type) or a bug. */
function fastifyErrorHandler(this: FastifyInstance, error: FastifyishError, req: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  const byFastifyCode: Record<string, [ErrorCode, string]> = {
    FST_ERR_CTP_INVALID_JSON_BODY: ['VALIDATION_FAILED', 'The body is not valid JSON.'],
    CALOS_FORBIDDEN_KEY: ['VALIDATION_FAILED', 'The body holds a __proto__ or constructor.prototype key, which is not allowed.'],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['VALIDATION_FAILED', 'The body is empty; send a JSON object.'],
    FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The request body is too large.'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['VALIDATION_FAILED', 'The Content-Length does not match the body.'],
  };
  const known = error.code ? byFastifyCode[error.code] : undefined;
  let code: ErrorCode;
  let message: string;
  if (known) [code, message] = known;
  else if (status === 413) [code, message] = ['PAYLOAD_TOO_LARGE', errorCodes.PAYLOAD_TOO_LARGE.message];
  else if (status >= 400 && status < 500) [code, message] = ['VALIDATION_FAILED', 'The request could not be read.'];
  else [code, message] = ['INTERNAL', errorCodes.INTERNAL.message];
  if (code === 'INTERNAL') req.log.error({ err: error }, 'unhandled error');
  const details = code === 'VALIDATION_FAILED' ? { issues: [{ path: 'body', message }] } : {};
  return reply.code(errorCodes[code].status).send(errorBody(code, message, details, req.id));
}

function notFoundHandler(config: Config) {
  const clientIndex = path.join(path.resolve(config.clientDir), 'index.html');
  return (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0]!;
    const isApi = url === '/api' || url.startsWith('/api/') || url.startsWith('/trpc');
    // Client-side routes (/devices, /sign-in, …) get the single-page app.
    if (!isApi && req.method === 'GET' && req.headers.accept?.includes('text/html') && fs.existsSync(clientIndex)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .code(404)
      .send(errorBody('NOT_FOUND', `No route ${req.method} ${url}.`, { resource: 'route' }, req.id));
  };
}

function logProcedureError(app: FastifyInstance, error: TRPCError, ctx: Context | undefined) {
  if (error.code !== 'INTERNAL_SERVER_ERROR') return;
  (ctx?.log ?? app.log).error({ err: error.cause ?? error }, 'procedure failed');
}
