// CalOSError: every failure the SDK reports, whether the server refused the request (the contract's
// error body) or it never got an answer (NETWORK_ERROR, TIMEOUT).
import type { ErrorCode } from './types.js';

export type CalOSErrorCode = ErrorCode | 'NETWORK_ERROR' | 'TIMEOUT' | 'INVALID_RESPONSE';

export interface ValidationIssue {
  path: string;
  message: string;
}

export class CalOSError extends Error {
  override readonly name = 'CalOSError';
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

export const isCalOSError = (error: unknown): error is CalOSError => error instanceof CalOSError;
