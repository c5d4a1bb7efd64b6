// Prometheus metrics at /metrics: Node's defaults plus request counts and durations per route.
import type { FastifyInstance } from 'fastify';
import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';
import { errorBody } from './errors';

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
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the raw URL: ids in paths would explode the label set.
    const route = routeLabel(req.url, req.routeOptions.url);
    duration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (req, reply) => {
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      return reply.code(401).send(errorBody('UNAUTHENTICATED', 'Metrics need the CALOS_METRICS_TOKEN.', {}, req.id));
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** /trpc is one wildcard route: label it by procedure (or batch). REST routes are their patterns. */
function routeLabel(url: string, pattern: string | undefined): string {
  if (url.startsWith('/trpc/')) {
    const procedures = url.slice(6).split('?')[0]!;
    return `/trpc/${procedures.includes(',') ? '(batch)' : procedures.slice(0, 100)}`;
  }
  return pattern ?? '(unmatched)';
}
