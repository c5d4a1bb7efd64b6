// Prometheus metrics at /metrics: Node's defaults plus request counts and durations per route. Every
// label takes few values (route patterns, known procedures, known methods and statuses), so a scanner
// sending random paths or methods cannot grow the series without bound. In production /metrics needs
// a token, or moves to a listener of its own (CALOS_METRICS_ADDRESS) that the main port does not serve.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';
import type { Config } from './config';
import { errorBody } from './errors';

/** The label of every request no route (or no tRPC procedure) answers. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Statuses kept as they are; any other is labelled by its class ("2xx" … "5xx"). */
const STATUSES = new Set([200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 503]);

const registries = new WeakMap<FastifyInstance, Registry>();

export function registerMetrics(app: FastifyInstance, settings: Config['metrics'], procedures: ReadonlySet<string>): void {
  const registry = new Registry();
  registries.set(app, registry);
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'calos_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const labels = {
      method: METHODS.has(req.method) ? req.method : 'other',
      route: routeLabel(req.url, req.routeOptions.url, reply.statusCode, procedures),
      status: STATUSES.has(reply.statusCode) ? String(reply.statusCode) : `${String(reply.statusCode)[0]}xx`,
    };
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  // With a listener of its own, the public port does not serve /metrics at all.
  if (!settings.address) app.get('/metrics', metricsHandler(registry, settings));
}

/**
 * Serves /metrics on CALOS_METRICS_ADDRESS (main.ts calls it once the app listens), for a scraper on
 * a private network. The token, when set, is asked for there too. Returns the listener to close.
 */
export async function listenForMetrics(app: FastifyInstance, settings: Config['metrics'], log: FastifyBaseLogger) {
  const registry = registries.get(app);
  if (!registry || !settings.address) throw new Error('listenForMetrics needs registerMetrics and CALOS_METRICS_ADDRESS');
  const listener = Fastify({ loggerInstance: log.child({ listener: 'metrics' }) });
  listener.get('/metrics', metricsHandler(registry, { ...settings, address: undefined, requireToken: false }));
  listener.setNotFoundHandler((req, reply) =>
    reply.code(404).send(errorBody('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`, { resource: 'route' }, req.id)),
  );
  const address = await listener.listen({ host: settings.address.host, port: settings.address.port });
  return { listener, address };
}

function metricsHandler(registry: Registry, settings: Config['metrics']) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (settings.token ? !isBearer(req.headers.authorization, settings.token) : settings.requireToken) {
      const message = settings.token
        ? 'Metrics need the CALOS_METRICS_TOKEN.'
        : 'Metrics are closed in production: set CALOS_METRICS_TOKEN, or CALOS_METRICS_ADDRESS for a private listener.';
      return reply.code(401).send(errorBody('UNAUTHENTICATED', message, {}, req.id));
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  };
}

function isBearer(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The route pattern, never the raw URL: ids in paths would explode the label set. /trpc is one
 * wildcard route, labelled by procedure (or batch) when the procedure exists. A 404 under a wildcard
 * (a static file or docs asset that is not there) is unmatched too.
 */
export function routeLabel(url: string, pattern: string | undefined, status: number, known: ReadonlySet<string>): string {
  if (url.startsWith('/trpc/')) {
    const procedures = url.slice(6).split('?')[0]!;
    if (procedures.includes(',')) return '/trpc/(batch)';
    return known.has(procedures) ? `/trpc/${procedures}` : UNMATCHED_ROUTE;
  }
  if (pattern === undefined || (status === 404 && pattern.endsWith('*'))) return UNMATCHED_ROUTE;
  return pattern;
}
