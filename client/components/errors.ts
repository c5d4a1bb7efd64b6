// Reads the server's error shape (error.data.calos) off a tRPC client error: a message to show,
// field errors for @mantine/form's setErrors, and the code and details for special cases.
import { TRPCClientError } from '@trpc/client';

export interface CalosProblem {
  /** The contract's code (VALIDATION_FAILED, CONFLICT, INVALID_CREDENTIALS, …), or NETWORK. */
  code: string;
  message: string;
  details: Record<string, unknown>;
  /** Field path → message, ready for `form.setErrors`. */
  fieldErrors: Record<string, string>;
}

interface CalosErrorData {
  calos?: { code?: unknown; message?: unknown; details?: unknown };
}

/** CONFLICT reasons that belong to one input field, so they show under it. */
const conflictFields: Record<string, string> = {
  USERNAME_TAKEN: 'username',
  EMAIL_TAKEN: 'email',
};

/** Server messages are phrased to follow a field name ("must be …"); under a labelled field, capitalise them. */
export const sentenceCase = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

export function describeProblem(error: unknown): CalosProblem {
  if (!(error instanceof TRPCClientError)) {
    const message = error instanceof Error ? error.message : 'Something went wrong.';
    return { code: 'UNKNOWN', message, details: {}, fieldErrors: {} };
  }
  const calos = (error.data as CalosErrorData | undefined)?.calos;
  if (!calos || typeof calos.code !== 'string') {
    // No answer from the server at all (offline, proxy down) rather than an error it described.
    return { code: 'NETWORK', message: 'Cannot reach CalOS. Check your connection and try again.', details: {}, fieldErrors: {} };
  }
  const details = (calos.details && typeof calos.details === 'object' ? calos.details : {}) as Record<string, unknown>;
  const fieldErrors: Record<string, string> = {};
  if (Array.isArray(details.issues)) {
    for (const issue of details.issues as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof issue.path !== 'string' || typeof issue.message !== 'string' || !issue.path) continue;
      fieldErrors[issue.path] ??= sentenceCase(issue.message);
    }
  }
  const message = typeof calos.message === 'string' ? calos.message : 'Something went wrong.';
  const field = typeof details.reason === 'string' ? conflictFields[details.reason] : undefined;
  if (calos.code === 'CONFLICT' && field) fieldErrors[field] = message;
  return { code: calos.code, message, details, fieldErrors };
}

/** True when the request was refused because nobody is signed in (or the session ended). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof TRPCClientError && describeProblem(error).code === 'UNAUTHENTICATED';
}

/** 4xx answers will not change on a retry; only network trouble and 5xx are worth another go. */
export function isWorthRetrying(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status !== 'number' || status >= 500;
}

/** "Try again in 3 minutes." from a RATE_LIMITED error's retryAfterSeconds, if it has one. */
export function retryHint(problem: CalosProblem): string {
  const seconds = problem.details.retryAfterSeconds;
  if (typeof seconds !== 'number' || seconds <= 0) return '';
  if (seconds < 60) return ` Try again in ${Math.ceil(seconds)} seconds.`;
  const minutes = Math.ceil(seconds / 60);
  return ` Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
