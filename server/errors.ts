// The one domain-error type and the one table that maps its codes to tRPC codes and HTTP statuses.
// Services throw DomainError; the tRPC error formatter and the REST door both read this table.
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/unstable-core-do-not-import';

export const errorCodes = {
  VALIDATION_FAILED: { status: 400, trpc: 'BAD_REQUEST', message: 'The request is not valid.' },
  UNAUTHENTICATED: { status: 401, trpc: 'UNAUTHORIZED', message: 'Sign in to continue.' },
  INVALID_CREDENTIALS: { status: 401, trpc: 'UNAUTHORIZED', message: 'Wrong login or password.' },
  FORBIDDEN: { status: 403, trpc: 'FORBIDDEN', message: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, trpc: 'NOT_FOUND', message: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, trpc: 'METHOD_NOT_SUPPORTED', message: 'Method not allowed.' },
  CONFLICT: { status: 409, trpc: 'CONFLICT', message: 'The request conflicts with the current state.' },
  GONE: { status: 410, trpc: 'NOT_FOUND', message: 'This is no longer available.' },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    trpc: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json.',
  },
  UNPROCESSABLE: { status: 422, trpc: 'UNPROCESSABLE_CONTENT', message: 'The request cannot be processed.' },
  RATE_LIMITED: { status: 429, trpc: 'TOO_MANY_REQUESTS', message: 'Too many requests; try again later.' },
  COOLDOWN: { status: 429, trpc: 'TOO_MANY_REQUESTS', message: 'This is cooling down; try again later.' },
  DAILY_LIMIT: { status: 429, trpc: 'TOO_MANY_REQUESTS', message: 'The daily limit is reached.' },
  SCHEDULE_CLOSED: { status: 429, trpc: 'TOO_MANY_REQUESTS', message: 'This is closed at the moment.' },
  INTERNAL: { status: 500, trpc: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.' },
  UNAVAILABLE: { status: 503, trpc: 'SERVICE_UNAVAILABLE', message: 'The service is not ready.' },
} as const satisfies Record<string, { status: number; trpc: TRPC_ERROR_CODE_KEY; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** A rate-limit policy to report in the IETF draft's RateLimit-Policy / RateLimit headers. */
export interface RateLimitInfo {
  policy: string;
  limit: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
}

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: Record<string, unknown> = {},
    readonly rateLimit?: RateLimitInfo,
  ) {
    super(message ?? errorCodes[code].message);
  }
}

export const notFound = (resource: string, message = `${resource} not found.`) =>
  new DomainError('NOT_FOUND', message, { resource });
export const conflict = (reason: string, message: string) => new DomainError('CONFLICT', message, { reason });
/** A 400 naming one field (a check Zod cannot make: an unknown reference, a registry lookup). */
export const invalidField = (path: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] });

/** The contract's error body. `requestId` lets an operator find the log lines of a failed request. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown>; requestId?: string };
}

export function errorBody(code: ErrorCode, message: string, details: Record<string, unknown>, requestId: string | undefined): ErrorBody {
  return { error: { code, message, details, ...(requestId ? { requestId } : {}) } };
}

const trpcToCode: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  BAD_REQUEST: 'VALIDATION_FAILED',
  PARSE_ERROR: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE_CONTENT: 'UNPROCESSABLE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'UNAVAILABLE',
};

/** The contract code for a tRPC error code that did not come from a DomainError. */
export const codeForTrpc = (code: TRPC_ERROR_CODE_KEY): ErrorCode => trpcToCode[code] ?? 'INTERNAL';

/** Rate-limit headers (IETF draft-ietf-httpapi-ratelimit-headers) plus Retry-After on a 429. */
export function rateLimitHeaders(info: RateLimitInfo, refused: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${info.policy}";q=${info.limit};w=${info.windowSeconds}`,
    RateLimit: `"${info.policy}";r=${Math.max(0, info.remaining)};t=${Math.max(0, info.resetSeconds)}`,
  };
  if (refused) headers['Retry-After'] = String(Math.max(1, info.resetSeconds));
  return headers;
}

export interface DescribedError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

interface TrpcLikeError {
  code: TRPC_ERROR_CODE_KEY;
  message: string;
  cause?: unknown;
}

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}

const isZodError = (e: unknown): e is { issues: ZodIssueLike[] } =>
  e instanceof Error && e.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues);

/**
 * What the caller may see of an error: a DomainError as thrown, a Zod input error as
 * VALIDATION_FAILED naming each field, anything unexpected as INTERNAL with no details at all.
 * `locate` turns an input field into where it came from ('body.email' on REST).
 */
export function describeError(error: TrpcLikeError, locate: (field: string) => string): DescribedError {
  const cause = error.cause;
  if (cause instanceof DomainError) {
    const details = { ...cause.details };
    let message = cause.message;
    if (Array.isArray(details.issues)) {
      const issues = details.issues as Array<{ path: string; message: string }>;
      const first = issues[0];
      // invalidField's "field: message" names the field as the issue does: where it came from.
      if (first && message === `${first.path}: ${first.message}`) message = `${locate(first.path)}: ${first.message}`;
      details.issues = issues.map((i) => ({ ...i, path: locate(i.path) }));
    }
    return { code: cause.code, message, details };
  }
  if (error.code === 'BAD_REQUEST' && isZodError(cause)) {
    const issues = cause.issues.flatMap((i) => {
      const at = (extra: string[]) => locate([...i.path.map(String), ...extra].join('.'));
      // One issue per unknown field, named, rather than one "unrecognized keys" on the parent.
      if (i.code === 'unrecognized_keys' && i.keys?.length)
        return i.keys.map((key) => ({ path: at([key]), message: 'is not a known field' }));
      return [{ path: at([]), message: i.message }];
    });
    const first = issues[0];
    const message = first ? `${first.path}: ${first.message}` : 'The request is not valid.';
    return { code: 'VALIDATION_FAILED', message, details: { issues } };
  }
  const code = codeForTrpc(error.code);
  if (code === 'INTERNAL') return { code, message: errorCodes.INTERNAL.message, details: {} };
  // Messages of tRPC's and the REST plugin's own errors (not found, bad JSON) are safe to show.
  return { code, message: error.message || errorCodes[code].message, details: {} };
}
