// The OpenAPI document of the REST door, generated from the router, then completed where the
// generator cannot know our conventions: who may call each route, 201/204 statuses, the error body
// every route shares (with an example of each code a route may answer), and each procedure's own
// example request and response (meta.examples, server/openapi-examples.ts).
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import type { OperationObject, SchemaObject } from 'openapi3-ts/oas31';
import type { Config } from './config';
import { errorCodes, type ErrorCode } from './errors';
import { bundledHttpRoutes, type AppRouter } from './router';
import { httpOperations } from './extensions/http';
import type { HttpRoute } from './extensions/definition';
import { honoursIdempotencyKey, type Access, type Meta } from './trpc';
import { applyExamples } from './openapi-examples';

export interface ProcedureMeta {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The REST path as in the document: '/auth/devices/{deviceId}/trust'. */
  path: string;
  successStatus: 201 | 204 | undefined;
  requiredScope: string | undefined;
  apiKeyOnly: boolean;
  adminOrApiKey: boolean;
  idempotent: boolean;
  secretAnswer: boolean;
  /** A publishable key may call it from its allowed origins (CORS preflight answered). */
  publishable: boolean;
  access: Access;
  /** Domain errors the procedure declares beyond the generic ones. */
  errors: readonly ErrorCode[];
  pathParams: Set<string>;
  /** 'POST /webhooks/register': how usage analytics name the route. */
  route: string;
}

/** The REST facts of each procedure, by its tRPC path ('auth.login'). */
export function procedureMetas(router: AppRouter): Map<string, ProcedureMeta> {
  const metas = new Map<string, ProcedureMeta>();
  for (const [name, procedure] of Object.entries(router._def.procedures)) {
    const meta = (procedure as unknown as { _def: { meta?: Meta } })._def.meta;
    if (!meta?.openapi) continue;
    const pathParams = new Set([...meta.openapi.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
    metas.set(name, {
      method: meta.openapi.method,
      path: meta.openapi.path,
      successStatus: meta.successStatus,
      requiredScope: meta.requiredScope,
      apiKeyOnly: Boolean(meta.apiKeyOnly),
      adminOrApiKey: Boolean(meta.adminOrApiKey),
      idempotent: honoursIdempotencyKey(meta),
      secretAnswer: Boolean(meta.secretAnswer),
      publishable: Boolean(meta.publishable),
      access: meta.access ?? 'public',
      errors: meta.errors ?? [],
      pathParams,
      route: `${meta.openapi.method} ${meta.openapi.path}`,
    });
  }
  return metas;
}

const errorSchema: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCodes) },
        message: { type: 'string', description: 'A sentence for humans.' },
        details: {
          type: 'object',
          additionalProperties: true,
          description:
            'VALIDATION_FAILED: `issues: [{path, message}]`; FORBIDDEN: `requiredScope`; NOT_FOUND: `resource`; ' +
            'CONFLICT: `reason`; 429s: `retryAfterSeconds`, `nextAvailableAt`.',
        },
        requestId: { type: 'string', description: 'Quote it when reporting a problem.' },
      },
    },
  },
};

/**
 * The document; `httpRoutes` are extensions' raw routes, whose own `openapi` operations are listed
 * beside the procedures' (default: the bundled extensions', as `appRouter` has their procedures).
 */
export function buildOpenApiDocument(router: AppRouter, config: Config, httpRoutes: readonly HttpRoute[] = bundledHttpRoutes): OpenAPIObject {
  const doc = generateOpenApiDocument(router, {
    title: 'CalOS API',
    version: '0.1.0',
    description:
      'REST door of CalOS. Every route here is also a typed tRPC procedure at /trpc. Errors share one ' +
      'shape: `{"error": {"code", "message", "details"}}`. Timestamps are ISO-8601 UTC; ids are UUIDs.\n\n' +
      'To try a route here, press **Authorize** and give a session token (from `POST /auth/login`) or an ' +
      'API key (made in the developer portal; a test key `calos_tk_…` works in its own sandbox). Each ' +
      'route shows an example request and answer, and what it answers on an error.',
    baseUrl: `${config.publicUrl ?? ''}/api`,
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A session token from /auth/login or /auth/register.',
      },
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key: calos_sk_… (live) or calos_tk_… (test mode), with the scope a route names.',
      },
      publishableKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'A publishable key (calos_pk_…) of an application, from a page on one of its allowed origins; only routes that say so take it.',
      },
    },
  });
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Error: errorSchema };
  const metas = procedureMetas(router);
  const metasByRoute = new Map<string, ProcedureMeta>();
  const examplesByRoute = new Map<string, NonNullable<Meta['examples']>>();
  for (const [name, procedure] of Object.entries(router._def.procedures)) {
    const meta = (procedure as unknown as { _def: { meta?: Meta } })._def.meta;
    if (!meta?.openapi) continue;
    const route = `${meta.openapi.method.toLowerCase()} ${meta.openapi.path}`;
    metasByRoute.set(route, metas.get(name)!);
    if (meta.examples) examplesByRoute.set(route, meta.examples);
  }
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(
      item as Record<string, { responses?: Record<string, unknown>; security?: unknown; description?: string }>,
    )) {
      const responses = operation.responses;
      if (!responses) continue;
      const meta = metasByRoute.get(`${method} ${route}`);
      const examples = examplesByRoute.get(`${method} ${route}`);
      for (const status of Object.keys(responses)) {
        if (status === 'default' || Number(status) >= 400) delete responses[status];
      }
      if (meta) operation.description = `${operation.description ? `${operation.description}\n\n` : ''}**Who may call:** ${whoMayCall(meta)}`;
      if (meta?.requiredScope) {
        operation.security = meta.apiKeyOnly ? [{ apiKey: [meta.requiredScope] }] : [{ bearerAuth: [] }, { apiKey: [meta.requiredScope] }];
      }
      else if (meta?.access === 'user' || meta?.access === 'admin') operation.security = [{ bearerAuth: [] }];
      else if (meta?.access === 'apiKey') operation.security = [{ apiKey: [] }];
      else if (meta?.access === 'optionalApiKey') operation.security = [{}, { apiKey: [] }];
      else if (meta?.access === 'public') operation.security = [{}];
      else if (meta?.access === 'userOrPublishableKey') operation.security = [{ bearerAuth: [] }, { publishableKey: [] }];
      if (meta?.idempotent) {
        const op = operation as { parameters?: unknown[] };
        const replay = meta.secretAnswer
          ? 'Makes a retry safe: the same key and body within 24 h changes nothing again; as the answer holds a secret shown only once, the repeat is answered 409 with reason `IDEMPOTENT_REPLAY_WITHHELD` and the `id` of what the first request made.'
          : 'Makes a retry safe: the same key and body within 24 h returns the first response (with `Idempotent-Replayed: true`) and changes nothing again.';
        op.parameters = [
          ...(op.parameters ?? []),
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: replay,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ];
      }
      const success = meta?.successStatus;
      if (success === 204) {
        delete responses['200'];
        responses['204'] = { description: 'No content' };
      } else if (success === 201 && responses['200']) {
        responses['201'] = responses['200'];
        delete responses['200'];
      }
      if (meta) for (const [status, answers] of errorAnswers(meta, firstField(operation as OperationObject))) responses[status] ??= errorResponse(answers);
      if (examples) applyExamples(operation as OperationObject, examples);
    }
  }
  // Raw routes' operations are their own, answers included (the procedures' rules above do not apply).
  for (const { path, method, operation } of httpOperations(httpRoutes)) {
    doc.paths ??= {};
    doc.paths[path] = { ...doc.paths[path], [method]: structuredClone(operation) };
  }
  return doc;
}

/** The input field an invalid-input example names: a path parameter, else a body field, else a query one. */
function firstField(operation: OperationObject): string {
  const parameters = (operation.parameters ?? []) as Array<{ name: string; in: string }>;
  const inPath = parameters.find((p) => p.in === 'path');
  if (inPath) return `path.${inPath.name}`;
  const body = (operation.requestBody as { content?: Record<string, { schema?: { properties?: object } }> } | undefined)?.content?.['application/json'];
  const property = Object.keys(body?.schema?.properties ?? {})[0];
  if (property) return `body.${property}`;
  const inQuery = parameters.find((p) => p.in === 'query');
  return inQuery ? `query.${inQuery.name}` : 'query';
}

/** Who may call a route, in a sentence for its description. */
function whoMayCall(meta: ProcedureMeta): string {
  if (meta.requiredScope) {
    const who = meta.apiKeyOnly ? 'an API key' : meta.adminOrApiKey ? 'an administrator, or an API key' : 'a signed-in user, or an API key';
    return `${who} with the \`${meta.requiredScope}\` scope.`;
  }
  const who: Record<Access, string> = {
    public: 'anyone, without credentials.',
    optionalApiKey: 'anyone. With an API key its mode applies: a test key reads its application’s sandbox.',
    user: 'a signed-in user (session token); an API key is refused.',
    admin: 'an administrator.',
    apiKey: 'an API key, with any scope.',
    userOrApiKey: 'a signed-in user, or an API key.',
    adminOrApiKey: 'an administrator, or an API key.',
    userOrPublishableKey: 'a signed-in user, or a web page with a publishable key (`calos_pk_…`) from one of its allowed origins (CORS answered for those origins).',
  };
  return who[meta.access];
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CALLER_403: Partial<Record<Access, string>> = {
  user: 'An API key was sent where only a signed-in user may call (reason USER_ONLY).',
  admin: 'Not an administrator, or an API key was sent where only a signed-in user may call.',
  apiKey: 'The API key lacks the scope this route needs (details.requiredScope).',
  userOrApiKey: 'The API key lacks the scope this route needs (details.requiredScope).',
  adminOrApiKey: 'Neither an administrator nor an API key with the scope this route needs (details.requiredScope).',
  userOrPublishableKey: 'A publishable key used without an Origin, or from an origin it does not allow (reason ORIGIN_MISSING or ORIGIN_NOT_ALLOWED).',
};

/** One error a route may answer: what it means there, its code and the details it carries. */
interface ErrorAnswer {
  description: string;
  code: ErrorCode;
  details?: Record<string, unknown>;
  /** The message when it says more than the code's own. */
  message?: string;
}

const retry = { retryAfterSeconds: 30, nextAvailableAt: '2026-12-07T09:25:14.532Z' };

/**
 * Every error a route may answer, by status: those every route gives (invalid input, an internal
 * error), those that follow from who may call it and from its method, and the domain errors its
 * procedure declares (`meta.errors`). `field` is the input field an invalid-input example names.
 */
export function errorAnswers(meta: ProcedureMeta, field = 'body'): Map<string, ErrorAnswer[]> {
  const answers = new Map<string, ErrorAnswer[]>();
  const add = (description: string, code: ErrorCode, details?: Record<string, unknown>, message?: string) => {
    const status = String(errorCodes[code].status);
    answers.set(status, [...(answers.get(status) ?? []), { description, code, details, message }]);
  };
  const resource = [...meta.pathParams][0]?.replace(/Id$/, '');
  add('Invalid input (VALIDATION_FAILED), naming each field.', 'VALIDATION_FAILED', { issues: [{ path: field, message: 'Invalid input' }] }, `${field}: Invalid input`);
  if (meta.access !== 'public') {
    add(meta.access === 'optionalApiKey' ? 'An API key was sent and is not valid.' : 'Not signed in, or the token or API key is not valid.', 'UNAUTHENTICATED');
    add('Rate limited (RATE_LIMITED): the API key or the caller made too many requests; see Retry-After.', 'RATE_LIMITED', retry);
  }
  const forbidden = CALLER_403[meta.access];
  if (forbidden && meta.requiredScope) add(forbidden, 'FORBIDDEN', { requiredScope: meta.requiredScope }, `This API key lacks the ${meta.requiredScope} scope.`);
  else if (forbidden) add(forbidden, 'FORBIDDEN', meta.access === 'user' ? { reason: 'USER_ONLY' } : meta.access === 'userOrPublishableKey' ? { reason: 'ORIGIN_NOT_ALLOWED' } : undefined);
  if (meta.pathParams.size > 0) add('Nothing with this id (details.resource).', 'NOT_FOUND', { resource });
  if (BODY_METHODS.has(meta.method)) {
    add('The body is larger than the server accepts (PAYLOAD_TOO_LARGE).', 'PAYLOAD_TOO_LARGE');
    add('The body is not JSON (UNSUPPORTED_MEDIA_TYPE).', 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (meta.idempotent) {
    add('A request with this Idempotency-Key is still running (reason IDEMPOTENCY_KEY_IN_USE).', 'CONFLICT', { reason: 'IDEMPOTENCY_KEY_IN_USE' });
    add('This Idempotency-Key was used with another body (reason IDEMPOTENCY_KEY_REUSED).', 'UNPROCESSABLE', { reason: 'IDEMPOTENCY_KEY_REUSED' });
    if (meta.secretAnswer) add('This Idempotency-Key already made its object, whose secret is shown only once (reason IDEMPOTENT_REPLAY_WITHHELD, details.id).', 'CONFLICT', { reason: 'IDEMPOTENT_REPLAY_WITHHELD' });
  }
  for (const code of meta.errors) {
    const details = errorCodes[code].status === 429 ? { ...(code === 'RATE_LIMITED' ? {} : { reason: code }), ...retry } : code === 'NOT_FOUND' && resource ? { resource } : undefined;
    add(`${code}: ${errorCodes[code].message}`, code, details);
  }
  add('Internal error (INTERNAL); no details are given.', 'INTERNAL');
  return answers;
}

/** The error response of one status: its meanings, the shared schema, and an example of each code. */
function errorResponse(answers: ErrorAnswer[]) {
  const examples: Record<string, { summary: string; value: unknown }> = {};
  for (const { code, details, message } of answers) {
    const name = typeof details?.reason === 'string' && !(details.reason in examples) ? details.reason : code;
    if (name in examples) continue;
    examples[name] = {
      summary: name === code ? code : `${code} (${name})`,
      value: { error: { code, message: message ?? errorCodes[code].message, details: details ?? {}, requestId: '4f1c2a9e-7b3d-4e8a-9c6f-2d1b5a7e3c90' } },
    };
  }
  return {
    description: [...new Set(answers.map((a) => a.description))].join(' '),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples } },
  };
}
