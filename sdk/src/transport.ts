// The one place the SDK talks HTTP: builds the URL, sends credentials, turns error bodies into
// CalOSError, and retries what is safe to retry. A logical call that may be retried gets one
// Idempotency-Key, reused on every attempt, so the server applies it at most once.
import { CalOSError, errorFor } from './errors.js';
import { idempotentRoutes } from './generated/idempotent.js';
import type { Body, HttpMethod, Path, PathParams, Query, Result } from './types.js';

export interface CalOSOptions {
  /** Where CalOS runs, e.g. `https://calos.example.com` (the `/api` prefix is added). Default `http://localhost:5001`. */
  endpoint?: string;
  /** An application's API key (`calos_sk_…`, or `calos_tk_…` for test mode). */
  apiKey?: string;
  /** A user's session token, from `auth.login` or `auth.register`. */
  token?: string;
  /** Retries after the first attempt (429 RATE_LIMITED, and network errors or 502/503/504 where safe). Default 3. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this is reported at once instead of waited out. Default 60. */
  maxRetryAfterSeconds?: number;
  /** Per attempt. Default 30 000. */
  timeoutMs?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** Per-call options, accepted as the last argument of every method. */
export interface CallOptions {
  /** For retryable writes: your own Idempotency-Key (default: a new UUID per call). */
  idempotencyKey?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface RequestSpec<P extends Path, M extends HttpMethod> {
  path?: PathParams<P, M>;
  query?: Query<P, M>;
  body?: Body<P, M>;
  /** The route accepts Idempotency-Key: send one, and retry network failures with it (default: what the document says). */
  idempotent?: boolean;
  /** Answer as text instead of JSON (CSV downloads). */
  text?: boolean;
}

export interface UntypedSpec {
  path?: object;
  query?: object;
  body?: unknown;
  idempotent?: boolean;
  text?: boolean;
  /** A raw body (an image upload) instead of JSON, with its content type. */
  raw?: { bytes: Uint8Array | Blob; contentType: string };
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export class Transport {
  readonly endpoint: string;
  readonly apiKey: string | undefined;
  token: string | undefined;
  private readonly options: CalOSOptions;
  private readonly fetchImpl: typeof fetch;

  constructor(options: CalOSOptions) {
    this.options = options;
    this.endpoint = (options.endpoint ?? 'http://localhost:5001').replace(/\/+$/, '').replace(/\/api$/, '');
    this.apiKey = options.apiKey;
    this.token = options.token;
    // Bound at call time, so a test or polyfill that replaces globalThis.fetch later is honoured.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  url(path: string, pathParams?: object, query?: object): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = (pathParams as Record<string, unknown> | undefined)?.[name];
      if (value === undefined || value === null || value === '') throw new TypeError(`${path}: missing path parameter ${name}`);
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
      else search.append(key, String(value));
    }
    const qs = search.toString();
    return `${this.endpoint}/api${filled}${qs ? `?${qs}` : ''}`;
  }

  /** A route of the OpenAPI document, typed by it. */
  request<P extends Path, M extends HttpMethod>(method: M, path: P, spec: RequestSpec<P, M> = {}, call: CallOptions = {}): Promise<Result<P, M>> {
    return this.untyped(method, path, spec as UntypedSpec, call) as Promise<Result<P, M>>;
  }

  /** Any route, for the few outside the document (CSV downloads) and for raw access. */
  async untyped(method: HttpMethod, path: string, spec: UntypedSpec = {}, call: CallOptions = {}): Promise<unknown> {
    const url = this.url(path, spec.path, spec.query);
    const headers: Record<string, string> = { accept: spec.text ? 'text/csv, text/plain, */*' : 'application/json', ...this.options.headers, ...call.headers };
    const credential = this.apiKey ?? this.token;
    if (credential) headers.authorization = `Bearer ${credential}`;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.raw) headers['content-type'] = spec.raw.contentType;
    // One key per logical call, created before the first attempt and reused on every retry.
    const idempotent = spec.idempotent ?? idempotentRoutes.has(`${method} ${path}`);
    if (idempotent) headers['idempotency-key'] = call.idempotencyKey ?? globalThis.crypto.randomUUID();
    const payload = spec.raw ? (spec.raw.bytes as BodyInit) : spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const safeToRepeat = method === 'get' || method === 'put' || idempotent;
    const maxRetries = this.options.maxRetries ?? 3;

    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < maxRetries && !call.signal?.aborted;
      let response: Response;
      try {
        response = await this.send(url, { method: method.toUpperCase(), headers, body: payload }, call.signal);
      } catch (error) {
        if (call.signal?.aborted) throw error; // the caller cancelled: not a failure to report or retry
        const failure = transportError(error, method, path);
        // Without an Idempotency-Key a write that may have reached the server is not repeated.
        if (canRetry && safeToRepeat) {
          await sleep(backoffMs(attempt), call.signal);
          continue;
        }
        throw failure;
      }
      if (response.ok) return readSuccess(response, spec.text);

      const error = await readError(response);
      if (canRetry) {
        const wait = this.retryDelayMs(error, attempt, safeToRepeat);
        if (wait !== undefined) {
          await sleep(wait, call.signal);
          continue;
        }
      }
      throw error;
    }
  }

  /** How long to wait before retrying this failure, or undefined when it must not be retried. */
  private retryDelayMs(error: CalOSError, attempt: number, safeToRepeat: boolean): number | undefined {
    // RATE_LIMITED means the request was refused before it ran, so any call may repeat it. COOLDOWN,
    // DAILY_LIMIT and SCHEDULE_CLOSED are the action's own rules: waiting them out is the caller's call.
    if (error.status === 429 && error.code === 'RATE_LIMITED') {
      const seconds = error.retryAfterSeconds ?? 1;
      return seconds <= (this.options.maxRetryAfterSeconds ?? 60) ? seconds * 1000 : undefined;
    }
    // The same key's first request is still running (e.g. after a timeout): ask again shortly.
    if (error.status === 409 && error.reason === 'IDEMPOTENCY_KEY_IN_USE') return backoffMs(attempt);
    if (RETRYABLE_STATUS.has(error.status) && safeToRepeat) return backoffMs(attempt);
    return undefined;
  }

  private async send(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const combined = signal ? anySignal([signal, timeout]) : timeout;
    return this.fetchImpl(url, { ...init, signal: combined });
  }
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function transportError(error: unknown, method: string, path: string): CalOSError {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  return errorFor({
    code: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
    status: 0,
    message: `${method.toUpperCase()} ${path}: ${timedOut ? 'no answer in time' : `request failed (${error instanceof Error ? error.message : String(error)})`}`,
    cause: error,
  });
}

async function readSuccess(response: Response, asText: boolean | undefined): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (asText) return text;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw errorFor({
      code: 'INVALID_RESPONSE',
      status: response.status,
      message: `Expected JSON, got ${response.headers.get('content-type') ?? 'no content type'}`,
      requestId: response.headers.get('x-request-id') ?? undefined,
      cause,
    });
  }
}

async function readError(response: Response): Promise<CalOSError> {
  const text = await response.text().catch(() => '');
  let body: { error?: { code?: string; message?: string; details?: Record<string, unknown>; requestId?: string } } | undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined; // a proxy's HTML error page, say
  }
  const error = body?.error;
  const details = error?.details ?? {};
  const header = response.headers.get('retry-after');
  const retryAfterSeconds = parseRetryAfter(header) ?? (typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined);
  return errorFor({
    code: (error?.code ?? (response.status >= 500 ? 'INTERNAL' : 'INVALID_RESPONSE')) as CalOSError['code'],
    status: response.status,
    message: error?.message ?? `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
    details,
    requestId: error?.requestId ?? response.headers.get('x-request-id') ?? undefined,
    retryAfterSeconds,
  });
}

/** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** 0.5 s, 1 s, 2 s … capped at 8 s, with jitter so many clients do not retry in step. */
const backoffMs = (attempt: number) => Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
