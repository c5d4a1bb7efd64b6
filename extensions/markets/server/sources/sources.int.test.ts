// The source adapters against a local server replaying each provider's documented example answer
// (fixtures/), polled as the poll job does: trades stored once, quotes for the consensus, source
// health, exponential backoff after failures, and real sources off until configured.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../../../server/testing/harness';
import { pollDue } from '../poller';
import { fixtureTrades } from './fixture';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

interface Seen {
  path: string;
  query: Record<string, string>;
}
const seen: Seen[] = [];
let failing = new Set<string>();
let stub: http.Server;
let base = '';

function startStub(): Promise<void> {
  stub = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://stub');
    seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    const route = url.pathname.split('/')[1]!;
    if (failing.has(route)) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
      return;
    }
    const json = (body: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    if (url.pathname === '/binance/api/v3/trades' && url.searchParams.get('symbol') === 'BTCUSDT') return json(fixture('binance-trades.json'));
    if (url.pathname === '/coinbase/products/BTC-USD/trades') return json(fixture('coinbase-trades.json'));
    if (url.pathname === '/kraken/0/public/Trades' && url.searchParams.get('pair') === 'XBTUSD') return json(fixture('kraken-trades.json'));
    if (url.pathname === '/finnhub/api/v1/quote' && url.searchParams.get('token') === 'fh-token') {
      return json(url.searchParams.get('symbol') === 'AAPL' ? fixture('finnhub-quote.json') : '{"c":0,"d":null,"dp":null,"h":0,"l":0,"o":0,"pc":0,"t":0}');
    }
    if (url.pathname === '/polygon/v2/last/trade/AAPL' && url.searchParams.get('apiKey') === 'pg-key') return json(fixture('polygon-last-trade.json'));
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
  });
  return new Promise((resolve) => stub.listen(0, '127.0.0.1', () => {
    base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    resolve();
  }));
}

let t: TestApp;
beforeAll(async () => {
  await startStub();
  t = await createTestApp({
    CALOS_MARKETS_POLL: 'binance:BTC-USD=BTCUSDT;coinbase:BTC-USD;kraken:BTC-USD=XBTUSD;finnhub:AAPL@NASDAQ;polygon:AAPL@NASDAQ',
    CALOS_MARKETS_BINANCE_URL: `${base}/binance`,
    CALOS_MARKETS_COINBASE_URL: `${base}/coinbase/`,
    CALOS_MARKETS_KRAKEN_URL: `${base}/kraken`,
    CALOS_MARKETS_FINNHUB_URL: `${base}/finnhub`,
    CALOS_MARKETS_FINNHUB_TOKEN: 'fh-token',
    CALOS_MARKETS_POLYGON_URL: `${base}/polygon`,
    CALOS_MARKETS_POLYGON_KEY: 'pg-key',
    CALOS_MARKETS_POLL_SECONDS: '60',
    CALOS_MARKETS_MAX_SPREAD: '0.5',
  });
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => stub.close(resolve));
});

const kernel = () => t.platform.kernels.get('markets')!;
const trades = (symbol: string) =>
  t.db.knex('markets_trades as tr').join('markets_symbols as s', 's.id', 'tr.symbol_id').where('s.code', symbol).orderBy(['tr.source', 'tr.ts']).select('tr.source', 'tr.trade_id', 'tr.ts', t.db.knex.raw('tr.price::text AS price'), t.db.knex.raw('tr.size::text AS size'));

describe('polled sources', () => {
  it('reads each provider’s documented answer into exact trades and quotes, once', async () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(await pollDue(kernel(), now)).toEqual({ polled: ['binance', 'coinbase', 'kraken', 'finnhub', 'polygon'], failed: [] });
    expect(await trades('BTC-USD')).toEqual([
      // Exact decimals, written without trailing zeros.
      { source: 'binance', trade_id: '28457', ts: expect.anything(), price: '4.000001', size: '12' },
      { source: 'coinbase', trade_id: '73', ts: expect.anything(), price: '100', size: '0.01' },
      { source: 'coinbase', trade_id: '74', ts: expect.anything(), price: '10', size: '0.01' },
      { source: 'kraken', trade_id: '61044952', ts: expect.anything(), price: '30243.4', size: '0.34507674' },
      { source: 'kraken', trade_id: '61044953', ts: expect.anything(), price: '30243.3', size: '0.0037696' },
    ]);
    const ts = (await trades('BTC-USD')).map((r) => Number(r.ts));
    expect(ts).toEqual([1499865549590, Date.parse('2014-11-07T01:08:43.642Z'), Date.parse('2014-11-07T22:19:28.578Z'), 1688669597827, 1688669598280]);
    expect(await trades('AAPL')).toEqual([{ source: 'polygon', trade_id: '118749', ts: '1617901342969', price: '129.8473', size: '25' }].map((r) => ({ ...r, ts: expect.anything() })));
    const quotes = await t.db.knex('markets_quotes as q').join('markets_symbols as s', 's.id', 'q.symbol_id').where('s.code', 'AAPL').orderBy('q.source').select('q.source', t.db.knex.raw('q.price::text AS price'), 'q.ts');
    expect(quotes.map((q) => [q.source, q.price, Number(q.ts)])).toEqual([
      ['finnhub', '261.74', 1582641000_000],
      ['polygon', '129.8473', 1617901342969],
    ]);
    // A polled stock is a stock of the exchange its entry names.
    expect(await t.db.knex('markets_symbols').where({ code: 'AAPL' }).first('asset_class', 'exchange')).toEqual({ asset_class: 'stock', exchange: 'NASDAQ' });
    // The provider was asked what its documentation says.
    expect(seen.find((s) => s.path === '/binance/api/v3/trades')?.query).toEqual({ symbol: 'BTCUSDT', limit: '500' });
    expect(seen.find((s) => s.path === '/finnhub/api/v1/quote')?.query).toEqual({ symbol: 'AAPL', token: 'fh-token' });

    // Not due again before the poll interval; polled again after it, inserting nothing new.
    expect((await pollDue(kernel(), now + 30_000)).polled).toEqual([]);
    expect((await pollDue(kernel(), now + 60_000)).polled).toHaveLength(5);
    expect(await trades('BTC-USD')).toHaveLength(5);
  });

  it('backs a failing source off exponentially, shows it failing, and recovers', async () => {
    const start = Date.parse('2026-12-07T13:00:00Z');
    failing = new Set(['kraken']);
    expect((await pollDue(kernel(), start)).failed).toEqual(['kraken']);
    const row = () => t.db.knex('markets_sources').where({ code: 'kraken' }).first('failures', 'next_poll_at', 'last_error');
    expect(await row()).toMatchObject({ failures: 1, last_error: expect.stringContaining('HTTP 503') });
    expect(new Date((await row()).next_poll_at).getTime()).toBe(start + 120_000);
    expect((await pollDue(kernel(), start + 105_000)).failed).toEqual([]); // not due yet (10 s early is due)
    expect((await pollDue(kernel(), start + 120_000)).failed).toEqual(['kraken']);
    expect(new Date((await row()).next_poll_at).getTime()).toBe(start + 120_000 + 240_000);
    const health = await t.rest('GET', '/api/ext/markets/sources');
    const kraken = health.body.items.find((s: { code: string }) => s.code === 'kraken');
    expect(kraken).toMatchObject({ status: 'failing', failures: 2, enabled: true, kind: 'poll', symbols: ['BTC-USD'] });
    failing = new Set();
    expect((await pollDue(kernel(), start + 360_000)).polled).toContain('kraken');
    expect(await row()).toMatchObject({ failures: 0, last_error: null });
    expect(health.body.items.find((s: { code: string }) => s.code === 'fixture')).toMatchObject({ enabled: false, status: 'off' });
  });

  raceTest('polls a due source once when two instances run the job at the same time', async () => {
    const second = await createTestApp(
      { CALOS_MARKETS_POLL: 'binance:BTC-USD=BTCUSDT;coinbase:BTC-USD', CALOS_MARKETS_BINANCE_URL: `${base}/binance`, CALOS_MARKETS_COINBASE_URL: `${base}/coinbase` },
      { db: t.db },
    );
    try {
      await t.db.knex('markets_sources').whereIn('code', ['binance', 'coinbase']).update({ next_poll_at: null });
      const before = seen.length;
      const at = Date.parse('2026-12-07T14:00:00Z');
      const [a, b] = await Promise.all([pollDue(kernel(), at), pollDue(second.platform.kernels.get('markets')!, at)]);
      const polled = [...a.polled, ...b.polled].filter((s) => s === 'binance' || s === 'coinbase').sort();
      expect(polled).toEqual(['binance', 'coinbase']);
      expect(seen.slice(before).filter((s) => s.path.startsWith('/binance') || s.path.startsWith('/coinbase'))).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('takes a provider’s refusal or odd answer as a failure, never as data', async () => {
    const bad = await createTestApp(
      { CALOS_MARKETS_POLL: 'finnhub:NOPE;binance:ETH-USD=ETHUSDT', CALOS_MARKETS_FINNHUB_URL: `${base}/finnhub`, CALOS_MARKETS_FINNHUB_TOKEN: 'fh-token', CALOS_MARKETS_BINANCE_URL: `${base}/binance` },
      { db: t.db },
    );
    try {
      const k = bad.platform.kernels.get('markets')!;
      await t.db.knex('markets_sources').update({ next_poll_at: null });
      const result = await pollDue(k, Date.parse('2026-12-08T00:00:00Z'));
      expect(result.failed.sort()).toEqual(['binance', 'finnhub']);
      const errors = await t.db.knex('markets_sources').whereIn('code', ['finnhub', 'binance']).orderBy('code').pluck('last_error');
      expect(errors[0]).toMatch(/HTTP 404/);
      expect(errors[1]).toMatch(/no symbol NOPE/);
    } finally {
      await bad.close();
    }
  });
});

describe('configuration', () => {
  it('polls nothing real until configured, and refuses a bad poll list or a missing key at start', async () => {
    await expect(createTestApp({ CALOS_MARKETS_POLL: 'nasdaqfeed:AAPL' })).rejects.toThrow(/CALOS_MARKETS_POLL/);
    await expect(createTestApp({ CALOS_MARKETS_POLL: 'polygon:AAPL' })).rejects.toThrow(/CALOS_MARKETS_POLYGON_KEY/);
    const plain = await createTestApp();
    try {
      expect(await pollDue(plain.platform.kernels.get('markets')!)).toEqual({ polled: [], failed: [] });
      const health = await plain.rest('GET', '/api/ext/markets/sources');
      expect(health.body.items.filter((s: { enabled: boolean }) => s.enabled)).toEqual([]);
      expect(health.body.items.map((s: { code: string }) => s.code)).toEqual(['binance', 'coinbase', 'finnhub', 'fixture', 'kraken', 'polygon']);
    } finally {
      await plain.close();
    }
  });

  it('has a deterministic fixture source: the same trades for the same minutes, on every machine', () => {
    const from = Date.parse('2026-12-07T15:00:00Z');
    const a = fixtureTrades('FIX-BTC', from, from + 10 * 60_000);
    expect(fixtureTrades('FIX-BTC', from, from + 10 * 60_000)).toEqual(a);
    expect(a.length).toBeGreaterThanOrEqual(10);
    expect(a.every((x) => x.ts >= from && x.ts < from + 600_000)).toBe(true);
    // The stock fixture trades in the New York session only (a Sunday has none).
    expect(fixtureTrades('FIX-AAPL', Date.parse('2026-12-06T15:00:00Z'), Date.parse('2026-12-06T16:00:00Z'))).toEqual([]);
    expect(fixtureTrades('FIX-AAPL', Date.parse('2026-12-07T15:00:00Z'), Date.parse('2026-12-07T16:00:00Z')).length).toBeGreaterThan(0);
  });
});
