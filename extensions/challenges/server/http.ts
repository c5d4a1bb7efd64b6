// Raw routes: an entry's content, served so that it can never run as a page of this origin
// (`Content-Security-Policy: sandbox` without allow-same-origin gives it an opaque origin, and
// `nosniff`), framed by the client in an `<iframe sandbox>`; and the live generation stream
// (server-sent events), capped per client address like the markets' stream.
import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addressBucket, describeError, errorBody, errorCodes, type HttpRoute } from '../../../server/extensions/api';

type Call = (procedure: string, input: unknown) => Promise<unknown>;

/** The content's policy: its own opaque origin, inline script and style of its own, nothing loaded, framed by this origin only. */
export const CONTENT_POLICY = "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

async function refuse(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  if (!(err instanceof TRPCError)) throw err;
  const d = describeError(err, (field) => `path.${field}`);
  return reply.code(errorCodes[d.code].status).send(errorBody(d.code, d.message, d.details, req.id));
}

async function content(req: FastifyRequest, reply: FastifyReply, call: Call) {
  const { entryId } = req.params as { entryId: string };
  let entry: { content: string; contentType: string };
  try {
    entry = (await call('entryContent', { entryId })) as typeof entry;
  } catch (err) {
    return refuse(req, reply, err);
  }
  reply.removeHeader('x-frame-options');
  return reply
    .header('content-security-policy', CONTENT_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .type(`${entry.contentType}; charset=utf-8`)
    .send(entry.content);
}

const TICK_MS = 500;
const STREAM_MAX_MS = 10 * 60_000;
/** Open streams per instance and per client address (mutable for tests only). */
export const streamLimits = { total: 200, perClient: 5 };
const RETRY_SECONDS = 30;
let open = 0;
const byClient = new Map<string, number>();

function take(client: string): 'ok' | 'server' | 'client' {
  if (open >= streamLimits.total) return 'server';
  const mine = byClient.get(client) ?? 0;
  if (mine >= streamLimits.perClient) return 'client';
  open++;
  byClient.set(client, mine + 1);
  return 'ok';
}

function release(client: string) {
  open--;
  const left = (byClient.get(client) ?? 1) - 1;
  if (left > 0) byClient.set(client, left);
  else byClient.delete(client);
}

type Progress = { items: Array<{ id: string; status: string; attempts: number; error: string | null; length: number }> };

/**
 * `entry` events (an entry's status, attempts, error and length, when they change), and `done` once
 * nothing is queued or running; then the stream ends.
 */
async function stream(req: FastifyRequest, reply: FastifyReply, call: Call) {
  const { challengeId } = req.params as { challengeId: string };
  let first: Progress;
  try {
    first = (await call('progress', { challengeId })) as Progress;
  } catch (err) {
    return refuse(req, reply, err);
  }
  const client = addressBucket(req.ip);
  const slot = take(client);
  if (slot !== 'ok') {
    const message = slot === 'server' ? 'Too many live streams on this server; try again shortly.' : `At most ${streamLimits.perClient} live streams per client address.`;
    return reply
      .code(429)
      .header('retry-after', String(RETRY_SECONDS))
      .send(errorBody('RATE_LIMITED', message, { retryAfterSeconds: RETRY_SECONDS, nextAvailableAt: new Date(Date.now() + RETRY_SECONDS * 1000).toISOString(), scope: slot }, req.id));
  }
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff' });
  res.write('retry: 3000\n\n');
  const sent = new Map<string, string>();
  let stopped = false;
  let busy = false;
  const started = Date.now();
  const stop = () => {
    if (!stopped) release(client);
    stopped = true;
    clearInterval(timer);
    if (!res.writableEnded) res.end();
  };
  const push = (p: Progress) => {
    for (const item of p.items) {
      const line = JSON.stringify(item);
      if (sent.get(item.id) === line) continue;
      sent.set(item.id, line);
      res.write(`event: entry\ndata: ${line}\n\n`);
    }
    if (!p.items.some((i) => i.status === 'queued' || i.status === 'running')) {
      res.write(`event: done\ndata: {}\n\n`);
      stop();
    }
  };
  const timer = setInterval(async () => {
    if (busy || stopped) return;
    if (!req.server.server.listening || Date.now() - started > STREAM_MAX_MS) return stop();
    busy = true;
    try {
      push((await call('progress', { challengeId })) as Progress);
    } catch (err) {
      req.log.warn({ err }, 'challenge stream update failed');
      stop();
    } finally {
      busy = false;
    }
  }, TICK_MS);
  req.raw.on('close', stop);
  push(first);
}

export const challengesHttp: HttpRoute[] = [
  { method: 'GET', url: '/api/ext/challenges/entries/:entryId/content', handler: (req, reply, call) => content(req, reply, call) },
  { method: 'GET', url: '/api/ext/challenges/challenges/:challengeId/stream', handler: (req, reply, call) => stream(req, reply, call) },
];
