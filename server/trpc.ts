// tRPC set-up: the request context, the error formatter and the base procedures. Authentication and
// authorisation live here, in procedures that narrow `ctx`, so a handler cannot forget a check.
import { initTRPC, TRPCError } from '@trpc/server';
import type { FastifyBaseLogger } from 'fastify';
import type { Knex } from 'knex';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Config } from './config';
import { transformer } from './transformer';
import { DomainError, describeError, errorCodes, invalidField, rateLimitHeaders, type ErrorCode } from './errors';
import { findUnstorableInput } from '../shared/schemas/json';
import { authenticateToken, type Authenticated } from './modules/auth/service';
import { authenticateApiKey, type KeyPrincipal } from './modules/developer/api-keys';
import { looksLikeApiKey, looksLikePublishableKey } from './modules/developer/api-key-format';
import { authenticatePublishableKey, limitPublishableKey, type PublishableKeyPrincipal } from './modules/developer/publishable-keys';
import { authenticateOidcAccessToken, looksLikeOidcAccessToken } from './modules/oidc/access-tokens';
import { LIVE_SCOPE, scopeOf } from './modules/developer/realm';
import type { ApiScope } from '../shared/schemas/developer';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  newClaimId,
  parseIdempotencyKey,
  releaseIdempotencyKey,
  requestFingerprint,
} from './idempotency';
import type { Actor, Platform } from './domain';
import type { OperationExamples } from './openapi-examples';

export type { Actor, Platform } from './domain';

/** What a procedure may know about the HTTP request, whichever door it came through. */
export interface RequestInfo {
  door: 'trpc' | 'rest';
  requestId: string;
  method: string;
  ip: string;
  userAgent: string | undefined;
  origin: string | undefined;
  /** Origins allowed to make cookie-authenticated writes: our own and CALOS_ALLOWED_ORIGINS. */
  allowedOrigins: Set<string>;
  bearer: string | undefined;
  cookieToken: string | undefined;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** Where an input field came from on this door: 'body.email', 'query.limit', 'path.id' or 'email'. */
  locateField(procedurePath: string | undefined, field: string): string;
  setHeaders(headers: Record<string, string>): void;
  /** The raw Idempotency-Key header, if any. */
  idempotencyKey: string | undefined;
  /** Marks the request as made with an API key, for the usage analytics and the request log. */
  noteApiKeyUse(keyId: string, procedurePath: string): void;
  /** Names the signed-in user the request acts as, for the request log. */
  noteUser?(userId: string): void;
}

export interface Context {
  platform: Platform;
  /** The database (root instance); open a transaction from it where a change spans statements. */
  db: Knex;
  req: RequestInfo;
  log: FastifyBaseLogger;
}

export type Meta = OpenApiMeta<{
  /** HTTP status of a success on /api, when not 200. */
  successStatus?: 201 | 204;
  /** The API key scope the procedure base demands (documented in OpenAPI). */
  requiredScope?: ApiScope;
  /** True when only an API key may call it, not a signed-in user. */
  apiKeyOnly?: boolean;
  /**
   * A write a client may retry: honours the `Idempotency-Key` header (same key and body within
   * 24 h replays the first response; another body is 422; a key still running is 409). Every POST of
   * the REST door that needs a caller does by default (honoursIdempotencyKey); false opts one out.
   */
  idempotent?: boolean;
  /**
   * The answer holds a secret shown once (an API key, a signing secret, a session token, coupon
   * codes), which is never stored: a replay of the same key is refused with 409
   * IDEMPOTENT_REPLAY_WITHHELD naming what the first request made, instead of answering again.
   */
  secretAnswer?: boolean;
  /**
   * What of an idempotent write's first answer its replay may repeat, when not all of it: the first
   * answer is stored for 24 h, and a secret shown once (a granted coupon code) must not be.
   */
  replayView?: (data: never) => unknown;
  /** True for operator routes: an administrator or an API key with the scope. */
  adminOrApiKey?: boolean;
  /** Who may call, set by the procedure base; the documented 401 and 403 answers follow from it. */
  access?: Access;
  /**
   * The domain errors this procedure answers beyond those every route may give (invalid input, who
   * may call, rate limits, idempotency): they are documented in OpenAPI with their statuses, and the
   * test harness fails a test file whose REST answers include a status the document does not list.
   */
  errors?: readonly ErrorCode[];
  /** An example request and response, shown in the API reference (server/openapi-examples.ts). */
  examples?: OperationExamples;
  /**
   * True for routes a publishable key may call from its allowed origins (set by
   * publishableKeyProcedure): the REST door answers their CORS preflight.
   */
  publishable?: boolean;
}>;

export type Access = 'public' | 'optionalApiKey' | 'user' | 'admin' | 'apiKey' | 'userOrApiKey' | 'adminOrApiKey' | 'userOrPublishableKey';

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer, // superjson; see server/transformer.ts
    isDev: false, // never a stack trace in an error shape
    errorFormatter({ shape, error, ctx, path }) {
      const described = describeError(error, (field) => ctx?.req.locateField(path, field) ?? field);
      return {
        ...shape,
        message: described.message,
        data: {
          code: shape.data.code,
          httpStatus: errorCodes[described.code].status,
          path: shape.data.path,
          calos: { ...described, requestId: ctx?.req.requestId },
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A DomainError as the TRPCError with its code, so both doors answer the right status. */
const asTrpcError = (cause: DomainError) => new TRPCError({ code: errorCodes[cause.code].trpc, message: cause.message, cause });

const forbiddenOrigin = (origin: string | undefined) =>
  new DomainError('FORBIDDEN', 'This request must come from a CalOS page (Origin check failed).', {
    reason: origin ? 'ORIGIN_NOT_ALLOWED' : 'ORIGIN_MISSING',
  });

/**
 * CSRF defence. A browser attaches the session cookie to cross-site requests, so a write that the
 * cookie authenticates must carry an Origin we serve. On /trpc, which browsers reach, any write
 * from a foreign Origin is refused, which also stops forced sign-in from another site.
 */
function checkOrigin(req: RequestInfo): void {
  const { origin, allowedOrigins, bearer, cookieToken, door } = req;
  const cookieAuth = !bearer && Boolean(cookieToken);
  if (origin && !allowedOrigins.has(origin) && (door === 'trpc' || cookieAuth)) throw asTrpcError(forbiddenOrigin(origin));
  if (!origin && cookieAuth) throw asTrpcError(forbiddenOrigin(origin));
}

/**
 * Every input, on either door, before anything reads it (authentication's queries included): a
 * string or key that PostgreSQL cannot store (NUL, a lone surrogate) or a prototype-poisoning key
 * is refused naming the field, as is input nested or repeated past what a schema may walk
 * (shared/schemas/json.ts).
 */
function checkStorable(input: unknown): void {
  const issue = findUnstorableInput(input);
  if (issue) throw asTrpcError(invalidField(issue.path.join('.'), issue.message));
}

/**
 * The first step of every procedure: the Origin check on writes and the input check, then the
 * call, whose DomainErrors get their tRPC code. One middleware rather than three: each step of a
 * tRPC chain costs a copy of the call's options and context on every request (bench/README.md,
 * "the doors").
 */
const guard = t.middleware(async ({ ctx, type, getRawInput, next }) => {
  if (type === 'mutation') checkOrigin(ctx.req);
  checkStorable(await getRawInput());
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw asTrpcError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.meta({ access: 'public' }).use(guard);

/** What an authenticating middleware knows of the call it runs in. */
interface CallInfo {
  ctx: Context;
  meta: Meta | undefined;
  path: string;
  getRawInput(): Promise<unknown>;
}

/**
 * Whether a procedure honours Idempotency-Key: every POST of the REST door that needs a caller (the
 * key is scoped to that caller), unless its meta says `idempotent: false`.
 */
export function honoursIdempotencyKey(meta: Meta | undefined): boolean {
  if (meta?.idempotent !== undefined) return meta.idempotent;
  return meta?.openapi?.method === 'POST' && meta.access !== undefined && meta.access !== 'public' && meta.access !== 'optionalApiKey';
}

/** What a replay of a secret answer keeps: the id of what was made (`id`, `batchId`, or a nested object's), never the secret. */
function withheldView(data: unknown): unknown {
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const nested = Object.values(record).find((v): v is { id: string } => !!v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string');
  const id = typeof record.id === 'string' ? record.id : typeof record.batchId === 'string' ? record.batchId : nested?.id;
  return { [WITHHELD]: true, ...(id ? { id } : {}) };
}
const WITHHELD = '__calosWithheld';

/**
 * Idempotency-Key on procedures that honour it (honoursIdempotencyKey), run by each authenticating procedure
 * base once the caller is known (so keys are scoped to the user or API key that sent them), inside
 * its own middleware rather than as a step of its own: every step of a tRPC chain costs a copy of the
 * call's options on every request.
 */
async function withIdempotency<R>(call: CallInfo, caller: Actor | { scope: string }, run: () => Promise<R>): Promise<R> {
  if (!honoursIdempotencyKey(call.meta)) return run();
  const key = parseIdempotencyKey(call.ctx.req.idempotencyKey);
  if (key === undefined) return run();
  const { ctx, path } = call;
  const scope = 'scope' in caller ? caller.scope : caller.kind === 'apiKey' ? `key:${caller.key.keyId}` : `user:${caller.userId}`;
  const claim = { scope, key, procedure: path, fingerprint: requestFingerprint(path, await call.getRawInput()), claimId: newClaimId() };
  const outcome = await claimIdempotencyKey(ctx.db, claim);
  if (outcome.kind === 'replay') {
    const stored = outcome.data as Record<string, unknown> | null;
    if (stored && typeof stored === 'object' && stored[WITHHELD]) {
      throw new DomainError('CONFLICT', 'A request with this Idempotency-Key already ran; its answer held a secret, which is shown only once.', {
        reason: 'IDEMPOTENT_REPLAY_WITHHELD',
        ...(typeof stored.id === 'string' ? { id: stored.id } : {}),
      });
    }
    ctx.req.setHeaders({ 'Idempotent-Replayed': 'true' });
    return { ok: true, data: outcome.data, marker: 'middlewareMarker' } as R;
  }
  const result = await run();
  const settled = result as { ok: boolean; data?: unknown };
  if (settled.ok) {
    const view = call.meta?.secretAnswer ? withheldView : (call.meta?.replayView as ((data: unknown) => unknown) | undefined);
    await completeIdempotencyKey(ctx.db, claim, view ? view(settled.data) : settled.data);
  }
  else await releaseIdempotencyKey(ctx.db, claim);
  return result;
}

const needsUser = () =>
  new DomainError('FORBIDDEN', 'This route needs a signed-in user; an API key cannot call it.', { reason: 'USER_ONLY' });

async function authenticateUser(ctx: Context): Promise<Authenticated> {
  const credential = ctx.req.bearer ?? ctx.req.cookieToken;
  if (!credential) throw new DomainError('UNAUTHENTICATED');
  if (looksLikeApiKey(credential)) throw needsUser();
  if (looksLikePublishableKey(credential)) throw new DomainError('UNAUTHENTICATED', 'A publishable key works only on the routes that accept one (an embeddable widget\'s).');
  if (ctx.req.bearer && looksLikeOidcAccessToken(credential)) {
    throw new DomainError('FORBIDDEN', 'This route cannot be called with an OpenID Connect access token.', { reason: 'OIDC_TOKEN_NOT_ALLOWED' });
  }
  const auth = await authenticateToken(ctx.platform.auth, ctx.platform.db, credential);
  ctx.req.noteUser?.(auth.user.id);
  if (!ctx.req.bearer) {
    // Slide the browser's cookie once its token is half-way to expiry, so an active tab stays in.
    const remaining = auth.claims.expiresAt.getTime() - Date.now();
    if (remaining < (ctx.platform.auth.tokens.ttlSeconds * 1000) / 2) {
      const fresh = await ctx.platform.auth.tokens.sign(auth.user.id, auth.session.id);
      ctx.req.setSessionCookie(fresh.token, fresh.expiresAt);
    }
  }
  return auth;
}

async function authenticateKey(ctx: Context, path: string, scope: ApiScope | undefined): Promise<KeyPrincipal> {
  const key = await authenticateApiKey(ctx.db, ctx.req.bearer!);
  ctx.req.noteApiKeyUse(key.keyId, path);
  ctx.req.setHeaders(rateLimitHeaders(key.rateLimit, false));
  if (scope && !key.scopes.includes(scope)) {
    throw new DomainError('FORBIDDEN', `This API key lacks the ${scope} scope.`, { requiredScope: scope });
  }
  return key;
}

const userActor = (auth: Authenticated): Actor => ({ kind: 'user', userId: auth.user.id, role: auth.user.role, mode: 'live' });

const sentApiKey = (ctx: Context) => Boolean(ctx.req.bearer && looksLikeApiKey(ctx.req.bearer));
const sentOidcToken = (ctx: Context) => Boolean(ctx.req.bearer && !looksLikeApiKey(ctx.req.bearer) && looksLikeOidcAccessToken(ctx.req.bearer));

/**
 * The user an application acts for with an access token from CalOS's OpenID Connect provider, on a
 * procedure its scopes allow (server/modules/oidc/access-tokens.ts): a plain user, never an
 * administrator, under the user's own limits.
 */
async function oidcActor(ctx: Context, path: string): Promise<Actor> {
  const access = await authenticateOidcAccessToken(ctx.db, ctx.req.bearer!, path);
  return { kind: 'user', userId: access.userId, role: 'user', mode: 'live' };
}

/** The actor of a request made with an API key (checked, counted, and holding `scope`). */
async function keyActor(ctx: Context, path: string, scope: ApiScope | undefined): Promise<Actor> {
  const key = await authenticateKey(ctx, path, scope);
  return { kind: 'apiKey', userId: key.ownerId, mode: key.mode, key };
}

/** A signed-in user: `ctx.auth` holds the user and the session this request belongs to. */
export const userProcedure = publicProcedure.meta({ access: 'user' }).use(async (call) => {
  const auth = await authenticateUser(call.ctx);
  const actor = userActor(auth);
  return withIdempotency(call, actor, () => call.next({ ctx: { ...call.ctx, auth, actor } }));
});

/** An application calling with an API key that holds `scope` (any valid key when no scope is named). */
export const apiKeyProcedure = (scope?: ApiScope) =>
  publicProcedure.meta({ access: 'apiKey', requiredScope: scope, apiKeyOnly: true }).use(async (call) => {
    const { ctx, path } = call;
    if (!sentApiKey(ctx)) {
      const needs = scope ? `an API key with the ${scope} scope` : 'an API key';
      throw new DomainError('UNAUTHENTICATED', `This route needs ${needs}.`, scope ? { requiredScope: scope } : {});
    }
    const key = await authenticateKey(ctx, path, scope);
    const actor = { kind: 'apiKey' as const, userId: key.ownerId, mode: key.mode, key } satisfies Actor;
    return withIdempotency(call, actor, () => call.next({ ctx: { ...ctx, actor } }));
  });

/** Either a signed-in user, or an API key holding `scope` acting for its application. */
export const userOrApiKeyProcedure = (scope: ApiScope) =>
  publicProcedure.meta({ access: 'userOrApiKey', requiredScope: scope }).use(async (call) => {
    const { ctx, path } = call;
    const actor = sentApiKey(ctx)
      ? await keyActor(ctx, path, scope)
      : sentOidcToken(ctx)
        ? await oidcActor(ctx, path)
        : userActor(await authenticateUser(ctx));
    return withIdempotency(call, actor, () => call.next({ ctx: { ...ctx, actor } }));
  });

export const adminProcedure = userProcedure.meta({ access: 'admin' }).use(({ ctx, next }) => {
  if (ctx.auth.user.role !== 'admin') throw new DomainError('FORBIDDEN', 'This needs an administrator.');
  return next();
});

/**
 * An administrator, or an application's API key holding `scope` (operator routes: award XP, register
 * actions, run campaigns, leagues and schedules). A signed-in non-admin user is refused.
 */
export const adminOrApiKeyProcedure = (scope: ApiScope) =>
  publicProcedure.meta({ access: 'adminOrApiKey', requiredScope: scope, adminOrApiKey: true }).use(async (call) => {
    const { ctx, path } = call;
    if (sentApiKey(ctx)) {
      const actor = await keyActor(ctx, path, scope);
      return withIdempotency(call, actor, () => call.next({ ctx: { ...ctx, actor } }));
    }
    const auth = await authenticateUser(ctx);
    if (auth.user.role !== 'admin') {
      throw new DomainError('FORBIDDEN', `This needs an administrator or an API key with the ${scope} scope.`, { requiredScope: scope });
    }
    const actor = userActor(auth);
    return withIdempotency(call, actor, () => call.next({ ctx: { ...ctx, auth, actor } }));
  });

/**
 * Anyone; an API key, when one is sent, is checked and its mode applies, so a test-mode key reads
 * its own application's sandbox (leaderboards, progress, actions, leagues) and everyone else reads
 * live data.
 */
export const publicReadProcedure = publicProcedure.meta({ access: 'optionalApiKey' }).use(async ({ ctx, path, next }) => {
  if (sentApiKey(ctx)) return next({ ctx: { ...ctx, scope: scopeOf(await keyActor(ctx, path, undefined)) } });
  return next({ ctx: { ...ctx, scope: LIVE_SCOPE } });
});

/** The response headers that let an allowed origin read a publishable-key route's answer. */
export const corsHeaders = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  'access-control-expose-headers': 'retry-after, x-request-id, idempotent-replayed',
  vary: 'Origin',
});

/**
 * A signed-in user, or a web page of an application calling with its publishable key
 * (`Authorization: Bearer calos_pk_…`) from one of the key's allowed origins, on the REST door only.
 * `ctx.publishable` is that key (null for a user), `ctx.auth` the user (null for a key), `ctx.scope`
 * the realm the key's mode gives (live for a user). The route opts in to cross-origin use: the REST
 * door answers its CORS preflight, and an allowed origin gets `Access-Control-Allow-Origin` back.
 */
export const userOrPublishableKeyProcedure = publicProcedure.meta({ access: 'userOrPublishableKey', publishable: true }).use(async (call) => {
  const { ctx } = call;
  const bearer = ctx.req.bearer;
  if (bearer && looksLikePublishableKey(bearer)) {
    if (ctx.req.door !== 'rest') throw new DomainError('UNAUTHENTICATED', 'A publishable key works on the REST door (/api) only.');
    const publishable: PublishableKeyPrincipal = await authenticatePublishableKey(ctx.db, bearer, ctx.req.origin);
    ctx.req.setHeaders(corsHeaders(publishable.origin));
    await limitPublishableKey(ctx.db, publishable, ctx.req.ip);
    const scope = publishable.mode === 'test' ? { mode: 'test' as const, applicationId: publishable.applicationId } : LIVE_SCOPE;
    // An anonymous visitor's keys are scoped to the publishable key and the visitor's address.
    return withIdempotency(call, { scope: `pk:${publishable.keyId}:${ctx.req.ip}` }, () => call.next({ ctx: { ...ctx, publishable, auth: null, scope } }));
  }
  const auth = await authenticateUser(ctx);
  const actor = userActor(auth);
  return withIdempotency(call, actor, () => call.next({ ctx: { ...ctx, publishable: null, auth, actor, scope: LIVE_SCOPE } }));
});
