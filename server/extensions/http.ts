// Extensions' raw HTTP routes (file downloads), beside the REST door: each runs the extension's
// own procedures with the request's REST context, so authentication and scopes are theirs.
import type { FastifyInstance } from 'fastify';
import type { AnyRouter } from '@trpc/server';
import type { ContextMaker } from '../rest';
import { createCallerFactory } from '../trpc';
import type { Platform } from '../domain';

export function registerExtensionRoutes(app: FastifyInstance, platform: Platform, makeContext: ContextMaker): void {
  for (const { definition } of platform.extensions.list) {
    if (!definition.http?.length) continue;
    const createCaller = definition.router ? createCallerFactory(definition.router as AnyRouter) : null;
    for (const route of definition.http) {
      app.route({
        method: route.method,
        url: route.url,
        config: route.config ?? {},
        handler: (req, reply) =>
          route.handler(req, reply, (procedure, input) => {
            if (!createCaller) throw new Error(`Extension "${definition.id}" has no router`);
            const caller = createCaller(makeContext({ req, res: reply })) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
            const call = caller[procedure];
            if (typeof call !== 'function') throw new Error(`Extension "${definition.id}" has no procedure "${procedure}"`);
            return call(input);
          }),
      });
    }
  }
}
