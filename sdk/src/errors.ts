// CalOSError: every failure the SDK reports, whether the server refused the request (the contract's
// error body) or it never got an answer (NETWORK_ERROR, TIMEOUT).
import type { ErrorCode } from './types.js';

export type CalOSErrorCode = ErrorCode | 'NETWORK_ERROR' | 'TIMEOUT' | 'INVALID_RESPONSE';

export interface ValidationIssue {
  path: string;
  message: string;
}

const BRAND = Symbol.for('calos.sdk.error');

export class CalOSError extends Error {
  /** The class's own name: `CooldownError`, `ValidationError` … */
  override get name(): string {
    return this.constructor.name;
  }
  /** The contract's code (`VALIDATION_FAILED`, `FORBIDDEN`, `COOLDOWN` …), or a transport failure. */
  readonly code: CalOSErrorCode;
  /** HTTP status; 0 when no answer came back. */
  readonly status: number;
  /** The error body's details: `issues`, `requiredScope`, `resource`, `reason`, `retryAfterSeconds` … */
  readonly details: Record<string, unknown>;
  /** The server's request id (quote it when reporting a problem). */
  readonly requestId: string | undefined;
  /** From Retry-After (or details.retryAfterSeconds) on a 429. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    code: CalOSErrorCode;
    message: string;
    status: number;
    details?: Record<string, unknown>;
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.code = init.code;
    this.status = init.status;
    this.details = init.details ?? {};
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** FORBIDDEN: the scope the API key lacks. */
  get requiredScope(): string | undefined {
    return typeof this.details.requiredScope === 'string' ? this.details.requiredScope : undefined;
  }

  /** VALIDATION_FAILED: one entry per bad field, e.g. `{path: 'body.xp', message}`. */
  get issues(): ValidationIssue[] {
    return Array.isArray(this.details.issues) ? (this.details.issues as ValidationIssue[]) : [];
  }

  /** CONFLICT and others: the machine-readable reason, e.g. `ALREADY_REDEEMED`. */
  get reason(): string | undefined {
    return typeof this.details.reason === 'string' ? this.details.reason : undefined;
  }

  /** COOLDOWN, DAILY_LIMIT, SCHEDULE_CLOSED: when the action may run again. */
  get nextAvailableAt(): string | undefined {
    return typeof this.details.nextAvailableAt === 'string' ? this.details.nextAvailableAt : undefined;
  }
}

/**
 * Whether this is a CalOSError, from this copy of the SDK or another (an application that loads it
 * both as ESM and as CommonJS has two copies, and `instanceof` only knows its own).
 */
export const isCalOSError = (error: unknown): error is CalOSError =>
  error instanceof CalOSError || (typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true);

type ErrorInit = ConstructorParameters<typeof CalOSError>[0];

// One class per kind, so callers catch what they mean (`error instanceof CooldownError`); each is a
// CalOSError, and `code` still says exactly which answer it was. The Python SDK has the same classes.
/** 400 VALIDATION_FAILED: see `issues`. */
export class ValidationError extends CalOSError {}
/** 401 UNAUTHENTICATED (no or a bad credential) or INVALID_CREDENTIALS (a wrong password). */
export class AuthenticationError extends CalOSError {}
/** 403 FORBIDDEN: see `requiredScope`. */
export class PermissionDeniedError extends CalOSError {}
/** 404 NOT_FOUND. */
export class NotFoundError extends CalOSError {}
/** 405 METHOD_NOT_ALLOWED. */
export class MethodNotAllowedError extends CalOSError {}
/** 409 CONFLICT: see `reason`. */
export class ConflictError extends CalOSError {}
/** 410 GONE. */
export class GoneError extends CalOSError {}
/** 413 PAYLOAD_TOO_LARGE. */
export class PayloadTooLargeError extends CalOSError {}
/** 415 UNSUPPORTED_MEDIA_TYPE. */
export class UnsupportedMediaTypeError extends CalOSError {}
/** 422 UNPROCESSABLE, e.g. an Idempotency-Key reused with another body. */
export class UnprocessableError extends CalOSError {}
/** 429 RATE_LIMITED: refused before it ran; retried automatically within the client's limits. */
export class RateLimitError extends CalOSError {}
/** 429 refusals that are the action's own rules (see `nextAvailableAt`); never retried by the SDK. */
export class ActionUnavailableError extends CalOSError {}
/** 429 COOLDOWN. */
export class CooldownError extends ActionUnavailableError {}
/** 429 DAILY_LIMIT. */
export class DailyLimitError extends ActionUnavailableError {}
/** 429 SCHEDULE_CLOSED. */
export class ScheduleClosedError extends ActionUnavailableError {}
/** 5xx INTERNAL or UNAVAILABLE. */
export class ServerError extends CalOSError {}
/** NETWORK_ERROR: the request got no answer (refused, reset, DNS …). */
export class APIConnectionError extends CalOSError {}
/** TIMEOUT: no answer within the timeout. */
export class APITimeoutError extends APIConnectionError {}
/** INVALID_RESPONSE: an answer that is not the JSON the route promises (a proxy's error page, say). */
export class InvalidResponseError extends CalOSError {}

const byCode: Record<CalOSErrorCode, new (init: ErrorInit) => CalOSError> = {
  VALIDATION_FAILED: ValidationError,
  UNAUTHENTICATED: AuthenticationError,
  INVALID_CREDENTIALS: AuthenticationError,
  FORBIDDEN: PermissionDeniedError,
  NOT_FOUND: NotFoundError,
  METHOD_NOT_ALLOWED: MethodNotAllowedError,
  CONFLICT: ConflictError,
  GONE: GoneError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  UNSUPPORTED_MEDIA_TYPE: UnsupportedMediaTypeError,
  UNPROCESSABLE: UnprocessableError,
  RATE_LIMITED: RateLimitError,
  COOLDOWN: CooldownError,
  DAILY_LIMIT: DailyLimitError,
  SCHEDULE_CLOSED: ScheduleClosedError,
  INTERNAL: ServerError,
  UNAVAILABLE: ServerError,
  NETWORK_ERROR: APIConnectionError,
  TIMEOUT: APITimeoutError,
  INVALID_RESPONSE: InvalidResponseError,
};

/** The error of its kind for an answer (an unknown code falls back on its status). */
export function errorFor(init: ErrorInit): CalOSError {
  const Kind = byCode[init.code] ?? (init.status >= 500 ? ServerError : CalOSError);
  return new Kind(init);
}
