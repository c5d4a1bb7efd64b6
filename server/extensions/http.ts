// Extensions' raw HTTP routes (file downloads, uploads, protocols of their own, event streams), beside
// the REST door: each runs the extension's own procedures with the request's REST context, so
// authentication and scopes are theirs. A raw-body route lives in a scope of its own (Fastify
// encapsulation), so its pass-through parser changes no other route's body parsing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnyRouter } from '@trpc/server';
import type { ContextMaker } from '../rest';
import { createCallerFactory } from '../trpc';
import type { Platform } from '../domain';
import type { OperationObject } from 'openapi3-ts/oas31';
import type { HttpRoute } from './definition';

export function registerExtensionRoutes(app: FastifyInstance, platform: Platform, makeContext: ContextMaker): void {
  for (const { definition } of platform.extensions.list) {
    if (!definition.http?.length) continue;
    const createCaller = definition.router ? createCallerFactory(definition.router as AnyRouter) : null;
    const kernel = platform.kernels.get(definition.id)!;
    for (const route of definition.http) {
      const options = {
        method: route.method,
        url: route.url,
        ...(route.security ? { config: { security: route.security } } : {}),
        handler: (req: FastifyRequest, reply: FastifyReply) =>
          route.handler(req, reply, (procedure, input) => {
            if (!createCaller) throw new Error(`Extension "${definition.id}" has no router`);
            const caller = createCaller(makeContext({ req, res: reply })) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
            const call = caller[procedure];
            if (typeof call !== 'function') throw new Error(`Extension "${definition.id}" has no procedure "${procedure}"`);
            return call(input);
          }, kernel),
      };
      if (!route.rawBody) {
        app.route(options);
        continue;
      }
      void app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        // The stream itself is the body; the handler reads it within its own limit.
        scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
        scope.route(options);
      });
    }
  }
}

/** The OpenAPI operations of raw routes that carry one (`openapi`), by document path and method. */
export function httpOperations(routes: readonly HttpRoute[]): Array<{ path: string; method: string; operation: OperationObject }> {
  return routes
    .filter((r) => r.openapi && r.url.startsWith('/api/'))
    .map((r) => ({ path: r.url.slice(4).replace(/:(\w+)/g, '{$1}'), method: r.method.toLowerCase(), operation: r.openapi! }));
}
