// Raw HTTP routes: TradingView's UDF protocol (its own shapes: `{s: "ok" | "no_data" | "error"}`,
// times in seconds, from and to both inclusive) and the live stream (server-sent events). They run
// the extension's procedures through `call`, with the request's credentials.
import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { addressBucket, describeError, errorBody, errorCodes, type HttpRoute } from '../../../server/extensions/api';
import type { Candle } from './candles';
import { INTERVALS, STEP, type Interval } from './grid';

type Call = (procedure: string, input: unknown) => Promise<unknown>;
type Query = Record<string, string | undefined>;

export const RESOLUTIONS: Record<string, Interval> = { '1': '1m', '5': '5m', '15': '15m', '60': '1h', '240': '4h', '1D': '1d', D: '1d', '1W': '1w', W: '1w' };
const SUPPORTED = ['1', '5', '15', '60', '240', '1D', '1W'];
const MAX_BARS = 20_000;

interface SymbolView {
  code: string;
  name: string;
  assetClass: 'crypto' | 'stock';
  exchange: string | null;
  timezone: string;
}

const udfError = (reply: FastifyReply, status: number, errmsg: string) => reply.code(status).send({ s: 'error', errmsg });

/** A procedure's refusal as a UDF error: never a 500 for bad input. */
async function udf(req: FastifyRequest, reply: FastifyReply, run: () => Promise<unknown>) {
  try {
    return reply.header('cache-control', 'no-store').send(await run());
  } catch (err) {
    if (err instanceof UdfInputError) return udfError(reply, 400, err.message);
    if (!(err instanceof TRPCError)) throw err;
    const described = describeError(err, (field) => `query.${field}`);
    if (described.code === 'INTERNAL') req.log.error({ err }, 'markets UDF failed');
    const status = errorCodes[described.code].status;
    const detail = (described.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues?.[0];
    const errmsg = described.code === 'NOT_FOUND' ? 'unknown_symbol' : detail ? `${detail.path.replace(/^query\./, '')} ${detail.message}` : described.message;
    return udfError(reply, status, errmsg);
  }
}

class UdfInputError extends Error {}

function seconds(q: Query, name: string, required: boolean): number | undefined {
  const v = q[name];
  if (v === undefined || v === '') {
    if (required) throw new UdfInputError(`${name} is required`);
    return undefined;
  }
  if (!/^-?\d{1,12}$/.test(v)) throw new UdfInputError(`${name} must be whole seconds since the epoch`);
  return Math.max(0, Number(v));
}

function symbolParam(q: Query): string {
  const raw = q.symbol ?? '';
  // "EXCHANGE:SYMBOL" as TradingView's widgets send it.
  const code = raw.includes(':') ? raw.slice(raw.lastIndexOf(':') + 1) : raw;
  if (!code) throw new UdfInputError('symbol is required');
  return code;
}

function symbolInfo(s: SymbolView) {
  const stock = s.assetClass === 'stock';
  return {
    name: s.code,
    ticker: s.code,
    full_name: s.exchange ? `${s.exchange}:${s.code}` : s.code,
    description: s.name,
    type: s.assetClass,
    session: stock ? '0930-1600' : '24x7',
    exchange: s.exchange ?? 'CalOS',
    listed_exchange: s.exchange ?? 'CalOS',
    timezone: stock ? 'America/New_York' : 'Etc/UTC',
    format: 'price',
    minmov: 1,
    pricescale: 100,
    has_intraday: true,
    has_daily: true,
    has_weekly_and_monthly: true,
    supported_resolutions: SUPPORTED,
    intraday_multipliers: ['1', '5', '15', '60', '240'],
    volume_precision: 8,
    data_status: 'streaming',
  };
}

/** A daily or weekly bar's time as the protocol has it: 00:00 UTC of its local date. */
function udfTime(t: number, interval: Interval, zone: string): number {
  if (interval !== '1d' && interval !== '1w') return Math.floor(t / 1000);
  const d = DateTime.fromMillis(t, { zone });
  return Date.UTC(d.year, d.month - 1, d.day) / 1000;
}

async function history(call: Call, q: Query) {
  const code = symbolParam(q);
  const interval = RESOLUTIONS[q.resolution ?? ''];
  if (!interval) throw new UdfInputError(`resolution must be one of ${SUPPORTED.join(', ')}`);
  const from = seconds(q, 'from', true)!;
  const to = seconds(q, 'to', true)!;
  const countback = seconds(q, 'countback', false);
  if (to < from) throw new UdfInputError('to must not be before from');
  const symbol = (await call('symbol', { symbol: code })) as SymbolView;
  const toMs = to * 1000 + 1; // inclusive
  // countback wins over from: look far enough back for that many bars, then keep the last ones.
  const fromMs = countback ? Math.min(from * 1000, Math.max(0, toMs - countback * STEP[interval] * 4)) : from * 1000;
  const bars: Candle[] = [];
  let cursor: string | undefined;
  do {
    const page = (await call('candles', { symbol: code, interval, from: fromMs, to: toMs, limit: 1000, ...(cursor ? { cursor } : {}) })) as { items: Candle[]; nextCursor: string | null };
    bars.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && bars.length < MAX_BARS);
  const picked = countback ? bars.slice(-countback) : bars.slice(0, MAX_BARS);
  if (!picked.length) {
    const last = await newestBefore(call, code, interval, fromMs);
    return last === null ? { s: 'no_data' } : { s: 'no_data', nextTime: udfTime(last, interval, symbol.timezone) };
  }
  return {
    s: 'ok',
    t: picked.map((b) => udfTime(b.t, interval, symbol.timezone)),
    o: picked.map((b) => b.o),
    h: picked.map((b) => b.h),
    l: picked.map((b) => b.l),
    c: picked.map((b) => b.c),
    v: picked.map((b) => b.v),
  };
}

/** The start of the newest bar before `beforeMs` (the protocol's nextTime), looking back in widening steps. */
async function newestBefore(call: Call, code: string, interval: Interval, beforeMs: number): Promise<number | null> {
  for (let span = STEP[interval] * 1000; ; span *= 16) {
    const from = Math.max(0, beforeMs - span);
    const page = (await call('candles', { symbol: code, interval, from, to: beforeMs, limit: 1000 })) as { items: Candle[]; nextCursor: string | null };
    if (page.items.length && !page.nextCursor) return page.items.at(-1)!.t;
    if (page.nextCursor) {
      // More than a page in this span: walk to its end.
      let cursor: string | null = page.nextCursor;
      let last = page.items.at(-1)!.t;
      while (cursor) {
        const next = (await call('candles', { symbol: code, interval, from, to: beforeMs, limit: 1000, cursor })) as { items: Candle[]; nextCursor: string | null };
        if (next.items.length) last = next.items.at(-1)!.t;
        cursor = next.nextCursor;
      }
      return last;
    }
    if (from === 0) return null;
  }
}

async function search(call: Call, q: Query) {
  const limit = Math.min(Math.max(Number(q.limit) || 30, 1), 100);
  const query = (q.query ?? '').slice(0, 64).replace(/[^A-Za-z0-9._/-]/g, '');
  const page = (await call('symbols', { query: query || undefined, limit: 100 })) as { items: SymbolView[] };
  return page.items
    .filter((s) => !q.type || s.assetClass === q.type)
    .filter((s) => !q.exchange || (s.exchange ?? 'CalOS') === q.exchange)
    .slice(0, limit)
    .map((s) => ({ symbol: s.code, full_name: s.exchange ? `${s.exchange}:${s.code}` : s.code, description: s.name, exchange: s.exchange ?? 'CalOS', ticker: s.code, type: s.assetClass }));
}

const config = {
  supported_resolutions: SUPPORTED,
  supports_group_request: false,
  supports_marks: false,
  supports_search: true,
  supports_timescale_marks: false,
  supports_time: true,
  exchanges: [
    { value: '', name: 'All exchanges', desc: '' },
    { value: 'CalOS', name: 'CalOS', desc: 'Crypto pairs (around the clock)' },
    { value: 'NYSE', name: 'NYSE', desc: 'New York Stock Exchange' },
    { value: 'NASDAQ', name: 'NASDAQ', desc: 'Nasdaq' },
  ],
  symbols_types: [
    { name: 'All types', value: '' },
    { name: 'Crypto', value: 'crypto' },
    { name: 'Stock', value: 'stock' },
  ],
};

const STREAM_TICK_MS = 1000;
const FIXED = new Set<Interval>(['1m', '5m', '15m', '1h', '4h']);
const STREAM_MAX_MS = 10 * 60_000;
/**
 * Each open stream reads the database once a second, so an instance serves a bounded number, and
 * one client address (as Fastify gives it, honouring trust-proxy) a few of them: otherwise a single
 * anonymous client could take every slot for the streams' lifetime. Mutable for tests only.
 */
export const streamLimits = { total: 500, perClient: 10 };
const STREAM_RETRY_SECONDS = 30;
let openStreams = 0;
const openByClient = new Map<string, number>();

/** Takes a stream slot for `client`, or says which cap refuses it. Synchronous: no race between check and count. */
function takeSlot(client: string): 'ok' | 'server' | 'client' {
  if (openStreams >= streamLimits.total) return 'server';
  const mine = openByClient.get(client) ?? 0;
  if (mine >= streamLimits.perClient) return 'client';
  openStreams++;
  openByClient.set(client, mine + 1);
  return 'ok';
}

function releaseSlot(client: string) {
  openStreams--;
  const left = (openByClient.get(client) ?? 1) - 1;
  if (left > 0) openByClient.set(client, left);
  else openByClient.delete(client);
}

/**
 * Server-sent events, once a second: `bar` (a candle that new trades touched, late ones included),
 * `closed` (the newest bar sent, once its bucket is over) and `price` (the consensus).
 */
async function stream(req: FastifyRequest, reply: FastifyReply, call: Call) {
  const q = req.query as Query;
  const interval = (q.interval ?? '1m') as Interval;
  try {
    if (!INTERVALS.includes(interval)) throw new UdfInputError(`interval must be one of ${INTERVALS.join(', ')}`);
    await call('symbol', { symbol: q.symbol ?? '' });
  } catch (err) {
    if (err instanceof UdfInputError) return reply.code(400).send(errorBody('VALIDATION_FAILED', err.message, { issues: [{ path: 'query.interval', message: err.message }] }, req.id));
    if (!(err instanceof TRPCError)) throw err;
    const d = describeError(err, (field) => `query.${field}`);
    return reply.code(errorCodes[d.code].status).send(errorBody(d.code, d.message, d.details, req.id));
  }
  // An IPv6 client counts by its /64 (it usually holds all of it).
  const client = addressBucket(req.ip);
  const slot = takeSlot(client);
  if (slot !== 'ok') {
    const message = slot === 'server' ? 'Too many live streams on this server; try again shortly.' : `At most ${streamLimits.perClient} live streams per client address; close one or try again shortly.`;
    return reply
      .code(429)
      .header('retry-after', String(STREAM_RETRY_SECONDS))
      .send(errorBody('RATE_LIMITED', message, { retryAfterSeconds: STREAM_RETRY_SECONDS, nextAvailableAt: new Date(Date.now() + STREAM_RETRY_SECONDS * 1000).toISOString(), limit: slot === 'server' ? streamLimits.total : streamLimits.perClient, scope: slot }, req.id));
  }
  let first: { seq: number };
  try {
    first = (await call('live', { symbol: q.symbol, interval, after: 0 })) as { seq: number };
  } catch (err) {
    releaseSlot(client);
    throw err;
  }
  let seq = first.seq;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  res.write(`retry: 2000\n: ${interval} ${q.symbol}\n\n`);
  const started = Date.now();
  let lastWrite = Date.now();
  let busy = false;
  // The newest bar sent; `closed` announces it once its bucket is over.
  let latest: Candle | null = null;
  const close = () => {
    if (!latest) return;
    res.write(`event: closed\ndata: ${JSON.stringify(latest)}\n\n`);
    latest = null;
  };
  let stopped = false;
  const stop = () => {
    if (!stopped) releaseSlot(client);
    stopped = true;
    clearInterval(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setInterval(async () => {
    if (busy) return;
    // End with the server (a close waits for open requests) and after a while (the client reconnects).
    if (!req.server.server.listening || Date.now() - started > STREAM_MAX_MS) return stop();
    busy = true;
    try {
      const update = (await call('live', { symbol: q.symbol, interval, after: seq })) as { seq: number; bars: Candle[]; price: unknown };
      seq = update.seq;
      for (const bar of update.bars) {
        // A bar of a later bucket closes the one before it.
        if (latest && bar.t > latest.t) close();
        if (!latest || bar.t >= latest.t) latest = bar;
        res.write(`event: bar\ndata: ${JSON.stringify(bar)}\n\n`);
      }
      // An intraday bucket (fixed, UTC-aligned) also closes when its time is up.
      if (latest && FIXED.has(interval) && Date.now() >= latest.t + STEP[interval]) close();
      if (update.price) res.write(`event: price\ndata: ${JSON.stringify(update.price)}\n\n`);
      if (update.bars.length || update.price) lastWrite = Date.now();
      else if (Date.now() - lastWrite > 15_000) {
        res.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
    } catch (err) {
      req.log.warn({ err }, 'markets stream update failed');
      stop();
    } finally {
      busy = false;
    }
  }, STREAM_TICK_MS);
  req.raw.on('close', stop);
}

export const marketsHttp: HttpRoute[] = [
  { method: 'GET', url: '/api/ext/markets/udf/config', handler: (req, reply) => udf(req, reply, async () => config) },
  { method: 'GET', url: '/api/ext/markets/udf/time', handler: async (_req, reply) => reply.type('text/plain').header('cache-control', 'no-store').send(String(Math.floor(Date.now() / 1000))) },
  {
    method: 'GET',
    url: '/api/ext/markets/udf/symbols',
    handler: (req, reply, call) => udf(req, reply, async () => symbolInfo((await call('symbol', { symbol: symbolParam(req.query as Query) })) as SymbolView)),
  },
  { method: 'GET', url: '/api/ext/markets/udf/search', handler: (req, reply, call) => udf(req, reply, () => search(call, req.query as Query)) },
  { method: 'GET', url: '/api/ext/markets/udf/history', handler: (req, reply, call) => udf(req, reply, () => history(call, req.query as Query)) },
  { method: 'GET', url: '/api/ext/markets/stream', handler: (req, reply, call) => stream(req, reply, call) },
];
