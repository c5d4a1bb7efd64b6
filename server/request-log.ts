// The request log's structure: Fastify writes "incoming request" and "request completed" with the
// request id (reqId), the status and the time; this adds to every line of a request, from when it is
// known, the route (its pattern or tRPC procedure, never ids or the query string, the same label as
// the metrics) and who called: `userId` for a signed-in user, `keyId` for an API key (also set on the
// request's trace span when tracing is on).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { routeLabel } from './metrics';
import type { RequestTracing } from './tracing';

/** The request's logger is a pino child (server/logging.ts): bindings added to it join every later line. */
const bind = (req: FastifyRequest, bindings: Record<string, string>) => (req.log as unknown as Logger).setBindings(bindings);

export interface RequestCallers {
  noteUser(req: FastifyRequest, userId: string): void;
  noteKey(req: FastifyRequest, keyId: string): void;
}

export function registerRequestLog(app: FastifyInstance, procedures: ReadonlySet<string>, tracing: RequestTracing): RequestCallers {
  app.addHook('onRequest', async (req) => {
    bind(req, { route: routeLabel(req.url, req.routeOptions.url, 200, procedures) });
  });
  return {
    noteUser: (req, userId) => (bind(req, { userId }), tracing.noteCaller(req, { 'enduser.id': userId })),
    noteKey: (req, keyId) => (bind(req, { keyId }), tracing.noteCaller(req, { 'calos.api_key_id': keyId })),
  };
}
