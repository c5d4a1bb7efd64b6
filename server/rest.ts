// The REST door: one Fastify route per procedure that carries `.meta({ openapi })`, calling the
// same procedure the tRPC door calls. trpc-to-openapi defines the surface (the meta and the OpenAPI
// document); this file is its request adapter, written for Fastify and for the contract:
//
// - Fastify's router picks the procedure (static segments before parameters, a duplicate route is a
//   start-up error), and a known path called with another method gets 405 with `Allow`;
// - the input is the JSON body (writes) or the query string (reads), with the path parameters on
//   top; query strings are converted to the numbers, booleans and dates the schema asks for without
//   touching the schema, so a JSON body is never coerced (`"xp": "100"` stays a string and fails);
// - errors are written in the contract's shape here, once, with their status and headers.
//
// It replaces trpc-to-openapi's own Fastify adapter, which builds a fetch `Request` per call only to
// read its abort signal, aborts every request after it is answered, re-walks and mutates the input
// schema on each call, and leaves its error body to be re-parsed (bench/README.md, "the doors").
import { TRPCError } from '@trpc/server';
import { errorCodes as fastifyErrors, type FastifyInstance, type FastifyReply, type FastifyRequest, type HTTPMethods } from 'fastify';
import { DomainError, describeError, errorBody, errorCodes, rateLimitHeaders } from './errors';
import type { ProcedureMeta } from './openapi';
import type { AppRouter } from './router';
import { createCallerFactory, type Context } from './trpc';
import { answerPreflight } from './cors';

export type ContextMaker = (options: { req: FastifyRequest; res: FastifyReply }) => Context;

export interface RestDoorOptions {
  /** The platform's router (the kernel's and the loaded extensions' procedures). */
  router: AppRouter;
  metas: Map<string, ProcedureMeta>;
  createContext: ContextMaker;
  onError(error: TRPCError, ctx: Context | undefined): void;
  /** Extensions' raw routes: a path one of them shares gets no 405 for its method. */
  rawRoutes?: ReadonlyArray<{ method: string; url: string }>;
}

type Call = (input: unknown) => Promise<unknown>;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const BODY_METHODS = new Set<string>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Registers every REST procedure under /api, and the 405 answers for the methods a path lacks. */
export function registerRestDoor(app: FastifyInstance, options: RestDoorOptions): void {
  const { metas, createContext, onError, router } = options;
  const createCaller = createCallerFactory(router);
  const methodsByUrl = new Map<string, Set<string>>();
  const publishableByUrl = new Map<string, Set<string>>();

  for (const [path, meta] of metas) {
    const url = `/api${meta.path.replace(/\{(\w+)\}/g, ':$1')}`;
    const procedure = (router._def.procedures as Record<string, unknown>)[path];
    const inputs = (procedure as unknown as { _def: { inputs: ZodNode[] } })._def.inputs;
    const readInput = inputReader(meta.method, inputs);
    const segments = path.split('.');
    const callerFor = (ctx: Context): Call => segments.reduce<any>((node, key) => node[key], createCaller(ctx)); // eslint-disable-line @typescript-eslint/no-explicit-any
    const successStatus = meta.successStatus ?? 200;

    (methodsByUrl.get(url) ?? methodsByUrl.set(url, new Set()).get(url)!).add(meta.method);
    if (meta.publishable) (publishableByUrl.get(url) ?? publishableByUrl.set(url, new Set()).get(url)!).add(meta.method);
    app.route({
      method: meta.method,
      url,
      preHandler: BODY_METHODS.has(meta.method) ? requireObjectBody : undefined,
      handler: async (req, reply) => {
        let ctx: Context | undefined;
        try {
          ctx = createContext({ req, res: reply });
          const data = await callerFor(ctx)(readInput(req));
          if (successStatus === 204) return reply.code(204).send();
          return reply
            .code(successStatus)
            .type('application/json; charset=utf-8')
            .send(data === undefined ? '' : JSON.stringify(data));
        } catch (cause) {
          const error = cause instanceof TRPCError ? cause : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause });
          onError(error, ctx);
          return sendProcedureError(req, reply, error, (field) => ctx?.req.locateField(path, field) ?? field);
        }
      },
    });
  }

  for (const raw of options.rawRoutes ?? []) methodsByUrl.get(raw.url)?.add(raw.method);
  // The CORS preflight of the routes a publishable key may call (server/cors.ts).
  for (const [url, methods] of publishableByUrl) {
    app.route({ method: 'OPTIONS', url, handler: (req, reply) => answerPreflight(createContext({ req, res: reply }).db, req, reply, [...methods]) });
  }

  for (const [url, methods] of methodsByUrl) {
    const others = METHODS.filter((m) => !methods.has(m));
    // HEAD comes with a GET route; a path without one answers HEAD with 405 as well.
    const refused: HTTPMethods[] = methods.has('GET') ? others : [...others, 'HEAD'];
    const allow = METHODS.filter((m) => methods.has(m)).join(', ');
    const refuse = async (req: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(405)
        .header('allow', allow)
        .send(errorBody('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use ${allow}.`, { allow }, req.id));
    // Answered before the body is read: the method is wrong whatever the body holds.
    app.route({ method: refused, url, onRequest: refuse, handler: refuse });
  }
}

/**
 * An empty body is no body, as most HTTP clients send one on a write that takes no input: with a
 * JSON content type (an empty string, `Content-Length: 0`, or chunked with zero bytes) it reads as
 * nothing rather than Fastify's FST_ERR_CTP_EMPTY_JSON_BODY, and so does a chunked body without a
 * content type that turns out empty (Fastify reads none when there is no length). A route that
 * takes input then reads it as `{}`, so its validation error names the fields it lacks.
 * Called on the app before any door registers, so every scope inherits it.
 */
export function acceptEmptyBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(req, body as string, (error, parsed) => {
      if (error && isJson(body as string)) return done(forbiddenKeyError(), undefined);
      done(error, parsed);
    });
  });
  // Any other type, or none: an empty body is no body, whatever type it claims (`fetch` sends an
  // empty string as text/plain, `curl -d ''` as a form); a body with content is refused with 415, at
  // once when its length says so, else at its first byte.
  app.addContentTypeParser('*', (req, payload, done) => {
    if (req.is404) return done(null, undefined);
    const length = req.headers['content-length'];
    if (length !== undefined && length !== '0') return done(new fastifyErrors.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (!error) emptyBodies.add(req);
      done(error, undefined);
    };
    payload.on('data', (chunk: Buffer) => {
      if (chunk.length === 0) return;
      payload.pause();
      settle(new fastifyErrors.FST_ERR_CTP_INVALID_MEDIA_TYPE());
    });
    payload.on('end', () => settle(null));
    payload.on('error', settle);
  });
}

/** Requests whose body, of a type other than JSON, was empty: they read as no body at all. */
const emptyBodies = new WeakSet<object>();

/** No body at all: none was sent, or an empty one of any content type. */
export const hasNoBody = (req: FastifyRequest) =>
  req.headers['content-type'] === undefined ||
  emptyBodies.has(req) ||
  // Fastify parses nothing for a declared length of 0, whatever the type.
  (req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined);

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Valid JSON Fastify refused all the same: it holds `__proto__` or `constructor.prototype`. */
const forbiddenKeyError = () =>
  Object.assign(new Error('The body holds a __proto__ or constructor.prototype key.'), { statusCode: 400, code: 'CALOS_FORBIDDEN_KEY' });

/** A procedure's error in the contract's shape: its status, its rate-limit headers and Retry-After. */
function sendProcedureError(req: FastifyRequest, reply: FastifyReply, error: TRPCError, locate: (field: string) => string) {
  const { code, message, details } = describeError(error, locate);
  const status = errorCodes[code].status;
  const cause = error.cause;
  if (cause instanceof DomainError && cause.rateLimit) void reply.headers(rateLimitHeaders(cause.rateLimit, true));
  if (status === 429 && !reply.hasHeader('retry-after')) {
    // Every 429 says when to come back; an hour when nothing better is known.
    const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 3600;
    void reply.header('Retry-After', String(Math.max(1, Math.ceil(seconds))));
  }
  return reply.code(status).send(errorBody(code, message, details, req.id));
}

/**
 * A REST body is a JSON object or nothing. A write with no body (a bare `POST /api/auth/logout`,
 * with or without a JSON content type: acceptEmptyBodies) is an empty input; an array, string or
 * null body is refused, and so is a DELETE body with fields.
 */
async function requireObjectBody(req: FastifyRequest, reply: FastifyReply) {
  // Without a content type, Fastify has read no body, or acceptEmptyBodies found it empty.
  if (hasNoBody(req)) return;
  if (!req.headers['content-type']?.startsWith('application/json')) {
    const { message } = errorCodes.UNSUPPORTED_MEDIA_TYPE;
    return reply.code(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', message, {}, req.id));
  }
  if (req.body !== undefined && (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
    const message = 'The body must be a JSON object.';
    return reply.code(400).send(errorBody('VALIDATION_FAILED', message, { issues: [{ path: 'body', message }] }, req.id));
  }
  // A DELETE's input is its path and query only: a body would be silently ignored, so one with
  // fields is refused rather than mistaken for an instruction.
  if (req.method === 'DELETE' && req.body && Object.keys(req.body).length) {
    const message = 'A DELETE takes no body; send its parameters in the path or the query string.';
    return reply.code(400).send(errorBody('VALIDATION_FAILED', message, { issues: [{ path: 'body', message }] }, req.id));
  }
}

type ZodNode = {
  _zod: {
    def: {
      type: string;
      innerType?: ZodNode;
      element?: ZodNode;
      shape?: Record<string, ZodNode>;
      in?: ZodNode;
      getter?: () => ZodNode;
    };
  };
};

type Scalar = 'number' | 'boolean' | 'bigint' | 'date';
type FieldKind = { scalar?: Scalar; array: boolean };

/** The schema under optional, nullable, default, pipe and lazy wrappers. */
function unwrap(node: ZodNode | undefined): ZodNode | undefined {
  for (let depth = 0; node && depth < 20; depth++) {
    const def = node._zod.def;
    if (['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type)) node = def.innerType;
    else if (def.type === 'pipe') node = def.in;
    else if (def.type === 'lazy') node = def.getter?.();
    else return node;
  }
  return node;
}

const scalarOf = (node: ZodNode | undefined): Scalar | undefined => {
  const type = unwrap(node)?._zod.def.type;
  return type === 'number' || type === 'boolean' || type === 'bigint' || type === 'date' ? type : undefined;
};

/** A query-string value as the type the schema asks for; left as it is when it does not read as one. */
function convert(value: unknown, scalar: Scalar | undefined): unknown {
  if (typeof value !== 'string' || !scalar) return value;
  switch (scalar) {
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
    case 'bigint':
      try {
        return BigInt(value);
      } catch {
        return value;
      }
    case 'date': {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date;
    }
  }
}

/**
 * How a procedure's input is read from a request. Reads take the query string: each field is
 * converted to the type its schema names (numbers; booleans as true/false or 1/0; dates), a
 * repeated or single value becomes an array where the schema wants one, and an empty value counts
 * as absent. Writes take the JSON body as it is. Path parameters win over both.
 */
function inputReader(method: string, inputs: ZodNode[]): (req: FastifyRequest) => unknown {
  if (!inputs.length) return () => undefined;
  if (BODY_METHODS.has(method) && method !== 'DELETE') {
    return (req) => ({ ...(req.body as object | undefined), ...(req.params as object) });
  }
  const fields = new Map<string, FieldKind>();
  for (const input of inputs) {
    for (const [key, field] of Object.entries(unwrap(input)?._zod.def.shape ?? {})) {
      const inner = unwrap(field);
      const array = inner?._zod.def.type === 'array';
      fields.set(key, { array, scalar: scalarOf(array ? inner!._zod.def.element : inner) });
    }
  }
  return (req) => {
    const input: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({ ...(req.query as object), ...(req.params as object) })) {
      // `?limit=` is a field left blank, as a form or `?mode=${x ?? ''}` sends it: the default applies.
      if (value === '') continue;
      const kind = fields.get(key);
      if (!kind) input[key] = value;
      else if (kind.array) input[key] = (Array.isArray(value) ? value : [value]).map((v) => convert(v, kind.scalar));
      else input[key] = convert(value, kind.scalar);
    }
    return input;
  };
}
