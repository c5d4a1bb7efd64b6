// CORS for the routes a publishable key may call (publishableKeyProcedure): the browser's preflight
// carries no key, so it is answered for an Origin that some active publishable key lists, exactly
// (scheme, host and port); the request that follows is checked against its own key's origins.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { errorBody } from './errors';
import { originHasPublishableKey, originRefused } from './modules/developer/publishable-keys';
import { corsHeaders } from './trpc';

const PREFLIGHT_MAX_AGE_SECONDS = 600;
const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key';

export async function answerPreflight(db: Knex, req: FastifyRequest, reply: FastifyReply, methods: readonly string[]) {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  if (!origin || !(await originHasPublishableKey(db, origin))) {
    const error = originRefused(origin);
    return reply.code(403).header('vary', 'Origin').send(errorBody('FORBIDDEN', error.message, error.details, req.id));
  }
  return reply
    .code(204)
    .headers({
      ...corsHeaders(origin),
      'access-control-allow-methods': methods.join(', '),
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    })
    .send();
}
