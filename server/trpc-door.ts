// The tRPC door (/trpc). @trpc/server's Fastify adapter turns every request into a fetch `Request`
// (with an AbortController and a body stream), gives each call an `AbortSignal.any`, and answers with
// a fetch `Response` that Fastify then reads back as a web stream: about three quarters of what a
// tRPC call costs the server here (bench/README.md, "The tRPC door"). The calls our clients make,
// httpLink and httpBatchLink (JSON queries over GET, JSON mutations over POST, batched or not), are
// answered here without those objects, by the same steps @trpc/server takes (its getRequestInfo reads
// the request, its error shapes and status rules build the answer). Everything else goes to
// @trpc/server's own handler unchanged: HEAD, a streaming (jsonl) accept, text bodies, subscriptions.
// Form data and octet streams have no body parser here and get 415 before either.
// server/trpc-door.int.test.ts sends the same requests through both and requires the same status,
// headers and body. One difference is deliberate: an empty POST body, with a JSON content type or
// none, is a call with `{}` for input here, where @trpc/server answers 400 or 415 (issue 18).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TRPCError } from '@trpc/server';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import {
  TRPCError as TRPCErrorClass,
  getAcceptHeader,
  getErrorShape,
  getHTTPStatusCode,
  getRequestInfo,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  transformTRPCResponse,
  type AnyProcedure,
  type TRPCRequestInfo,
} from '@trpc/server/unstable-core-do-not-import';
import type { AppRouter } from './router';
import { hasNoBody } from './rest';
import type { Context } from './trpc';

type ProcedureType = 'query' | 'mutation' | 'subscription' | 'unknown';

export interface TrpcErrorInfo {
  error: TRPCError;
  path: string | undefined;
  input: unknown;
  ctx: Context | undefined;
  type: ProcedureType;
  req: FastifyRequest;
}

export interface TrpcResponseMeta {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
}

export interface TrpcDoorOptions {
  /** The platform's router (the kernel's and the loaded extensions' procedures). */
  router: AppRouter;
  createContext(options: { req: FastifyRequest; res: FastifyReply; info: TRPCRequestInfo }): Context | Promise<Context>;
  onError(info: TrpcErrorInfo): void;
  /** Status and headers for an answer, given its paths and errors (as @trpc/server's responseMeta). */
  responseMeta(info: { paths: readonly string[] | undefined; errors: TRPCError[] }): TrpcResponseMeta;
  /** false sends every request through @trpc/server's own handler (the tests compare the two). */
  ownAdapter?: boolean;
}

const ACCEPTED_METHODS: Record<string, string[]> = { query: ['GET'], mutation: ['POST'], subscription: ['GET'] };

export async function registerTrpcDoor(app: FastifyInstance, options: TrpcDoorOptions): Promise<void> {
  const trpcOptions = {
    router: options.router,
    createContext: options.createContext,
    onError: options.onError,
    responseMeta: options.responseMeta,
  };
  await app.register(async (scope) => {
    // As @trpc/server's plugin: JSON reaches the handler as text (within the body limit), read as the
    // call needs it. Unlike that plugin, form data is not passed on as a raw stream: @trpc/server
    // would read all of it whatever the body limit, and no procedure takes form data. It gets 415.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.all<{ Params: { path: string } }>('/trpc/:path', async (req, reply) => {
      const path = req.params.path;
      const view = requestView(req, path);
      if (options.ownAdapter !== false && isPlainJsonCall(req, view, path)) {
        const answer = await answerCall(req, reply, view, path, options);
        if (answer) return reply.code(answer.status).headers(answer.headers).send(answer.body);
      }
      // The adapter's own types want its router's full option set; these are the ones we use.
      await fastifyRequestHandler({ ...trpcOptions, req, res: reply, path } as unknown as Parameters<typeof fastifyRequestHandler>[0]);
      return reply;
    });
  });
}

/**
 * The request as much as @trpc/server's getRequestInfo reads of it (method, two headers, the body),
 * in place of a fetch Request: `headers.get` joins repeated headers as fetch's Headers does.
 */
interface RequestView {
  req: Request;
  headers: Headers;
}

function requestView(req: FastifyRequest, path: string): RequestView {
  // A POST with no body and no content type (`curl -X POST`) is a JSON call with an empty body.
  const untyped = isEmptyUntypedPost(req);
  const headers = {
    get(name: string): string | null {
      const key = name.toLowerCase();
      if (untyped && key === 'content-type') return 'application/json';
      const value = req.headers[key];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    has: (name: string) => (untyped && name.toLowerCase() === 'content-type') || req.headers[name.toLowerCase()] !== undefined,
  } as Headers;
  const request = {
    method: req.method,
    headers,
    // fetch's Request.json() decodes UTF-8 and drops a byte-order mark; so does this. An empty body
    // is a call with `{}` for input (each call's, in a batch), as on the REST door: most HTTP
    // clients send one on a write that takes no input, and a procedure that does take some names
    // the fields it lacks.
    json: async (): Promise<unknown> => {
      const text = (req.body as string | undefined) ?? '';
      if (text !== '') return JSON.parse(text.replace(/^\uFEFF/, ''));
      if (searchParamsOf(req).get('batch') !== '1') return { json: {} };
      return Object.fromEntries(path.split(',').map((_, index) => [index, { json: {} }]));
    },
    signal: undefined,
  } as unknown as Request;
  return { req: request, headers };
}

/** A POST with no body, or an empty one of a type other than JSON (Fastify hands on '' for a declared length of 0). */
const isEmptyUntypedPost = (req: FastifyRequest) =>
  req.method === 'POST' && hasNoBody(req) && (req.body === undefined || req.body === '') && !isJsonType(req);
const isJsonType = (req: FastifyRequest) => Boolean(req.headers['content-type']?.startsWith('application/json'));

/** The query string as URL reads it: after the first '?', before any '#'. */
function searchParamsOf(req: FastifyRequest): URLSearchParams {
  const query = req.url.split('#', 1)[0]!;
  return new URLSearchParams(query.slice(query.indexOf('?') + 1 || query.length));
}

/** JSON over GET (no body) or POST (a text body, or none), not streamed: what httpLink and httpBatchLink send. */
function isPlainJsonCall(req: FastifyRequest, view: RequestView, path: string): boolean {
  if (path.includes('%')) return false; // @trpc/server decodes the path again; let it
  if (getAcceptHeader(view.headers) === 'application/jsonl') return false;
  const contentType = req.headers['content-type'];
  if (req.method === 'GET') return contentType === undefined || contentType.startsWith('application/json');
  if (isEmptyUntypedPost(req)) return true;
  return req.method === 'POST' && !!contentType?.startsWith('application/json') && typeof req.body === 'string';
}

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

type CallResult = [TRPCError, undefined] | [undefined, unknown];

/** An object holding promises or async iterables: only a streaming link can carry it. */
function isDataStream(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (isAsyncIterable(v)) return true;
  return Object.values(v).some(isPromise) || Object.values(v).some(isAsyncIterable);
}

const streamRefused = () =>
  new TRPCErrorClass({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
  });

/**
 * Answers one plain JSON request as @trpc/server's resolveResponse would, or returns undefined for a
 * subscription (left to @trpc/server's handler).
 */
async function answerCall(
  req: FastifyRequest,
  reply: FastifyReply,
  view: RequestView,
  path: string,
  options: TrpcDoorOptions,
): Promise<Answer | undefined> {
  let info: TRPCRequestInfo | undefined;
  let ctx: Context | undefined;
  try {
    const searchParams = searchParamsOf(req);
    info = await getRequestInfo({ req: view.req, path, router: options.router, searchParams, headers: view.headers, url: null });
    if (info.type === 'subscription') return undefined;
    let ctxError: TRPCError | undefined;
    try {
      ctx = await options.createContext({ req, res: reply, info });
    } catch (cause) {
      ctxError = getTRPCErrorFromUnknown(cause);
    }
    const results = await Promise.all(
      info.calls.map(async (call): Promise<CallResult> => {
        const proc = call.procedure as AnyProcedure | null;
        try {
          if (!proc) throw new TRPCErrorClass({ code: 'NOT_FOUND', message: `No procedure found on path "${call.path}"` });
          if (!ACCEPTED_METHODS[proc._def.type]!.includes(req.method)) {
            throw new TRPCErrorClass({
              code: 'METHOD_NOT_SUPPORTED',
              message: `Unsupported ${req.method}-request to ${proc._def.type} procedure at path "${call.path}"`,
            });
          }
          if (ctxError) throw ctxError;
          const data = await proc({
            path: call.path,
            getRawInput: call.getRawInput,
            ctx,
            type: proc._def.type,
            signal: undefined,
            batchIndex: call.batchIndex,
          });
          return [undefined, data];
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          options.onError({ error, path: call.path, input: call.result(), ctx, type: proc?._def.type ?? 'unknown', req });
          return [error, undefined];
        }
      }),
    );
    const shapeOf = (error: TRPCError, index: number, type: ProcedureType) => {
      const call = info!.calls[index]!;
      return { error: getErrorShape({ config: options.router._def._config, ctx, error, input: call.result(), path: call.path, type }) };
    };
    if (!info.isBatchCall) {
      const [error, data] = results[0]!;
      if (!error && isDataStream(data)) throw streamRefused(); // answered below, as @trpc/server does
      const response = error ? shapeOf(error, 0, info.type) : { result: { data } };
      return finish(info, options, response, error ? [error] : []);
    }
    const checked = results.map((result): CallResult => (!result[0] && isDataStream(result[1]) ? [streamRefused(), undefined] : result));
    const responses = checked.map(([error, data], index) => {
      if (!error) return { result: { data } };
      const type = (info!.calls[index]!.procedure?._def.type as ProcedureType | undefined) ?? 'unknown';
      return shapeOf(error, index, type);
    });
    return finish(info, options, responses, checked.flatMap(([error]) => (error ? [error] : [])));
  } catch (cause) {
    // Refused as a whole: procedure types mixed in one batch, a stream-like answer to a plain call.
    const error = getTRPCErrorFromUnknown(cause);
    const type = info?.type ?? 'unknown';
    options.onError({ error, path: undefined, input: undefined, ctx, type, req });
    const response = { error: getErrorShape({ config: options.router._def._config, ctx, error, type, path: undefined, input: undefined }) };
    return finish(info, options, response, [error]);
  }
}

/** Status, headers and body of an answer: @trpc/server's status rules, then responseMeta. */
function finish(
  info: TRPCRequestInfo | undefined,
  options: TrpcDoorOptions,
  response: object | object[],
  errors: TRPCError[],
): Answer {
  let status = getHTTPStatusCode(response as Parameters<typeof getHTTPStatusCode>[0]);
  const headers: Record<string, string | string[]> = { vary: 'trpc-accept, accept', 'content-type': 'application/json' };
  const meta = options.responseMeta({ paths: info?.calls.map((call) => call.path), errors });
  // As fetch's Headers: names without case, an array's values appended, a string replacing.
  for (const [key, value] of Object.entries(meta.headers ?? {})) {
    const name = key.toLowerCase();
    if (Array.isArray(value)) {
      for (const v of value) {
        const current = headers[name];
        headers[name] = name === 'set-cookie' ? [...[current ?? []].flat(), v] : current === undefined ? v : `${current}, ${v}`;
      }
    } else if (typeof value === 'string') headers[name] = value;
  }
  if (meta.status) status = meta.status;
  return { status, headers, body: JSON.stringify(transformTRPCResponse(options.router._def._config, response as never)) };
}
