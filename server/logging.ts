// What reaches the logs: request lines with their request id, and errors reduced to what an operator
// needs. Never a stack trace, SQL text or secret: a database error's message quotes the statement
// (knex prefixes it) and often the data, so only its SQLSTATE and constraint are kept.
// Lines are JSON, for log collectors, or human-readable (pino-pretty) when a person reads a terminal.
import pino, { type DestinationStream, type Logger } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';
import type { FastifyRequest } from 'fastify';

export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

interface ErrorLike {
  name?: string;
  message?: string;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  routine?: unknown;
  severity?: unknown;
  nativeError?: ErrorLike;
}

const isDatabaseError = (e: ErrorLike) =>
  (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && (e.routine !== undefined || e.severity !== undefined)) ||
  e.nativeError !== undefined;

export function serializeError(err: unknown): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: String(err) };
  const e = err as ErrorLike;
  if (isDatabaseError(e)) {
    const db = e.nativeError ?? e;
    return { type: 'DatabaseError', sqlState: db.code, constraint: db.constraint, table: db.table };
  }
  return { type: e.name ?? 'Error', message: e.message, code: typeof e.code === 'string' ? e.code : undefined };
}

export const logSerializers = {
  err: serializeError,
  req: (req: FastifyRequest) => ({
    method: req.method,
    // The query string may carry cursors or codes; the path is enough to trace a request.
    url: req.url.split('?')[0],
    remoteAddress: req.ip,
  }),
};

export type LogFormat = 'pretty' | 'json';

/**
 * CALOS_LOG_FORMAT: `pretty` or `json` as asked; `auto` is pretty only for a person at a terminal
 * (stdout is a TTY, not under CI, not NODE_ENV=production), so anything collecting the output gets JSON.
 */
export function chooseLogFormat(
  requested: LogFormat | 'auto',
  { isTTY, env }: { isTTY: boolean | undefined; env: Record<string, string | undefined> },
): LogFormat {
  if (requested !== 'auto') return requested;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return isTTY && !ci && env.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

/** One line per entry: `[12:00:01.234] INFO: request completed 200 4 ms user 5a1b2c3d (req 1f2e3d4c)`. */
function describeEntry(entry: Record<string, unknown>, messageKey: string): string {
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const parts = [String(entry[messageKey] ?? '')];
  if (req) parts.push(`${req.method} ${req.url}`);
  if (res?.statusCode !== undefined) parts.push(String(res.statusCode));
  if (typeof entry.responseTime === 'number') parts.push(`${Math.round(entry.responseTime)} ms`);
  if (typeof entry.userId === 'string') parts.push(`user ${entry.userId.slice(0, 8)}`);
  if (typeof entry.keyId === 'string') parts.push(`key ${entry.keyId.slice(0, 8)}`);
  if (typeof entry.reqId === 'string') parts.push(`(req ${entry.reqId.slice(0, 8)})`);
  return parts.join(' ');
}

/**
 * pino-pretty in this process, synchronously (no transport worker thread): each entry pino writes
 * is turned into text and written at once, so the last lines before process.exit are not lost.
 */
function prettyDestination(out: NodeJS.WritableStream & { isTTY?: boolean }): DestinationStream {
  const prettify = prettyFactory({
    colorize: Boolean(out.isTTY) && isColorSupported,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,responseTime,reqId,route,userId,keyId',
    messageFormat: (entry, messageKey) => describeEntry(entry, messageKey),
    singleLine: true,
  });
  return { write: (line: string) => void out.write(prettify(line)) };
}

/** The process's logger, shared by the HTTP server, workers and start-up (JSON unless asked). */
export function createLogger(level: string, stream?: NodeJS.WritableStream, format: LogFormat = 'json'): Logger {
  const out = stream ?? process.stdout;
  const destination = format === 'pretty' ? prettyDestination(out) : out;
  return pino({ level, redact: logRedactPaths, serializers: logSerializers }, destination);
}
