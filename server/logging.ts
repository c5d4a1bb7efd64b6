// What reaches the logs: request lines with their request id, and errors reduced to what an operator
// needs. Never a stack trace, SQL text or secret: a database error's message quotes the statement
// (knex prefixes it) and often the data, so only its SQLSTATE and constraint are kept.
import pino, { type Logger } from 'pino';
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

/** The process's logger, shared by the HTTP server, workers and start-up. */
export function createLogger(level: string, stream?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: logRedactPaths, serializers: logSerializers }, stream ?? process.stdout);
}
