// Prometheus metrics at /metrics: Node's defaults plus request counts and durations per route.
import type { FastifyInstance } from 'fastify';
import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';

/** With a token, /metrics answers only `Authorization: Bearer <token>` (it shows traffic per route). */
export function registerMetrics(app: FastifyInstance, token: string | undefined): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'calos_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // The REST plugin rewrites the URL while handling it, so the path is kept as it arrived.
  const pathOf = new WeakMap<object, string>();
  app.addHook('onRequest', async (req) => {
    pathOf.set(req.raw, req.url.split('?')[0]!);
  });
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the raw URL: ids in paths would explode the label set.
    const route = routeLabel(pathOf.get(req.raw) ?? req.url, req.routeOptions.url);
    duration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (req, reply) => {
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'Metrics need the CALOS_METRICS_TOKEN.', details: {} } });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** /trpc and /api are wildcard routes; label them by procedure or path with ids folded. */
function routeLabel(path: string, pattern: string | undefined): string {
  if (path.startsWith('/trpc/')) return `/trpc/${path.slice(6).split(',').length > 1 ? '(batch)' : path.slice(6)}`;
  if (path.startsWith('/api/')) return path.replace(UUID, ':id').slice(0, 100);
  return pattern ?? '(unmatched)';
}
