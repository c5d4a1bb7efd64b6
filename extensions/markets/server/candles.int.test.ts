// Candles, ingest and UDF through the REST door on a real database (PGlite and PostgreSQL): bucket
// edges, ordering within a millisecond, exact volumes, out-of-order and late trades, duplicates,
// gaps with and without fill, paging, Monday weeks, a New York DST day, NYSE trading days, refused
// batches, scopes, and TradingView UDF answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../../server/testing/harness';
import { developerWithKey, operatorKey, signUp, signUpAdmin } from '../../../server/testing/factories';

let t: TestApp;
let admin: { token: string };

beforeAll(async () => {
  t = await createTestApp({ CALOS_MARKETS_PRICE_EVENT_SECONDS: '0' });
  admin = await signUpAdmin(t);
});
afterAll(() => t.close());

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5); // Monday 2026-01-05 00:00 UTC

type Trade = { id: string | number; ts: number; price: string | number; size: string | number };
async function push(symbol: string, trades: Trade[], extra: Record<string, unknown> = {}, token = admin.token) {
  const res = await t.rest('POST', '/api/ext/markets/trades', { token, body: { symbol, source: 'feed-a', trades, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { inserted: number; duplicates: number; received: number };
}
async function candles(query: string) {
  const res = await t.rest('GET', `/api/ext/markets/candles?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Array<{ t: number; o: number; h: number; l: number; c: number; v: number; n: number }>; nextCursor: string | null };
}

describe('buckets', () => {
  it('puts a trade on an edge in the bucket it starts, orders a millisecond by trade id, and sums volume exactly', async () => {
    await push('EDGE-1', [
      { id: 10, ts: T0 + 5_000, price: '100.5', size: '0.1' },
      { id: 9, ts: T0 + 5_000, price: '100.0', size: '0.2' }, // same ms, lower id: it opens
      { id: 11, ts: T0 + MIN - 1, price: 101, size: 0.3 }, // last ms of the first minute
      { id: 12, ts: T0 + MIN, price: '99.25', size: '1' }, // exactly on the edge: the next minute
    ]);
    const { items } = await candles(`symbol=EDGE-1&interval=1m&from=${T0}&to=${T0 + 10 * MIN}`);
    expect(items).toEqual([
      { t: T0, o: 100, h: 101, l: 100, c: 101, v: 0.6, n: 3 },
      { t: T0 + MIN, o: 99.25, h: 99.25, l: 99.25, c: 99.25, v: 1, n: 1 },
    ]);
    // 0.1 + 0.2 is 0.3 in decimal, not 0.30000000000000004.
    expect((await candles(`symbol=EDGE-1&interval=5m&from=${T0}&to=${T0 + 10 * MIN}`)).items[0]!.v).toBe(1.6);
    // Integer ids sort by value (9 before 10), string ids by their bytes.
    await push('EDGE-2', [
      { id: 'b', ts: T0, price: 2, size: 1 },
      { id: 'a', ts: T0, price: 1, size: 1 },
    ]);
    expect((await candles(`symbol=EDGE-2&interval=1m&from=${T0}&to=${T0 + MIN}`)).items[0]).toMatchObject({ o: 1, c: 2 });
  });

  it('gives the same candles whatever order trades arrive in, and a late trade changes only its bucket', async () => {
    const trades: Trade[] = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, ts: T0 + i * 20_000, price: (100 + ((i * 7) % 13)).toFixed(2), size: '0.5' }));
    await push('ORDER-A', trades);
    for (const chunk of [trades.slice(20), trades.slice(0, 10).reverse(), trades.slice(10, 20)]) await push('ORDER-B', chunk);
    const a = await candles(`symbol=ORDER-A&interval=1m&from=${T0}&to=${T0 + 60 * MIN}`);
    const b = await candles(`symbol=ORDER-B&interval=1m&from=${T0}&to=${T0 + 60 * MIN}`);
    expect(b).toEqual(a);
    expect(a.items).toHaveLength(10);

    await push('ORDER-B', [{ id: 1000, ts: T0 + 4 * MIN + 30_000, price: '500', size: '2' }]);
    const after = await candles(`symbol=ORDER-B&interval=1m&from=${T0}&to=${T0 + 60 * MIN}`);
    after.items.forEach((c, i) => {
      if (c.t === T0 + 4 * MIN) expect(c).toMatchObject({ h: 500, n: a.items[i]!.n + 1, v: a.items[i]!.v + 2 });
      else expect(c).toEqual(a.items[i]);
    });
  });

  it('stores duplicates once: a resent batch inserts nothing and changes no candle', async () => {
    const batch = [
      { id: 'x-1', ts: T0, price: '10', size: '1' },
      { id: 'x-2', ts: T0 + 1, price: '11', size: '1' },
      { id: 'x-2', ts: T0 + 1, price: '11', size: '1' },
    ];
    expect(await push('DUP', batch)).toMatchObject({ received: 3, inserted: 2, duplicates: 1 });
    const before = await candles(`symbol=DUP&interval=1h&from=${T0}&to=${T0 + 60 * MIN}`);
    expect(await push('DUP', batch)).toMatchObject({ inserted: 0, duplicates: 3 });
    expect(await candles(`symbol=DUP&interval=1h&from=${T0}&to=${T0 + 60 * MIN}`)).toEqual(before);
    expect(before.items[0]).toMatchObject({ n: 2, v: 2 });
  });

  it('leaves gaps out, or carries the close forward between the first and last bucket with fill=true, across pages', async () => {
    await push('GAPS', [
      { id: 1, ts: T0 + 2 * MIN + 1, price: '50', size: '1' },
      { id: 2, ts: T0 + 2 * MIN + 2, price: '52', size: '1' },
      { id: 3, ts: T0 + 6 * MIN, price: '48', size: '3' },
    ]);
    const range = `symbol=GAPS&interval=1m&from=${T0}&to=${T0 + 20 * MIN}`;
    expect((await candles(range)).items.map((c) => c.t)).toEqual([T0 + 2 * MIN, T0 + 6 * MIN]);
    const filled = await candles(`${range}&fill=true&limit=100`);
    expect(filled.items.map((c) => c.t)).toEqual([2, 3, 4, 5, 6].map((m) => T0 + m * MIN));
    expect(filled.items[1]).toEqual({ t: T0 + 3 * MIN, o: 52, h: 52, l: 52, c: 52, v: 0, n: 0 });
    // Paged: the carry continues over the page break.
    const first = await candles(`${range}&fill=true&limit=2`);
    expect(first.items.map((c) => c.t)).toEqual([T0 + 2 * MIN, T0 + 3 * MIN]);
    const second = await candles(`${range}&fill=true&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toEqual(filled.items.slice(2, 4));
    const third = await candles(`${range}&fill=true&limit=2&cursor=${second.nextCursor}`);
    expect(third).toEqual({ items: filled.items.slice(4), nextCursor: null });
    // Unfilled pages too.
    const p1 = await candles(`${range}&limit=1`);
    const p2 = await candles(`${range}&limit=1&cursor=${p1.nextCursor}`);
    expect([...p1.items, ...p2.items].map((c) => c.t)).toEqual([T0 + 2 * MIN, T0 + 6 * MIN]);
    expect(p2.nextCursor).toBeNull();
  });

  it('starts weeks on Monday 00:00 UTC and 4h bars on UTC multiples', async () => {
    const sunday = Date.UTC(2026, 0, 11, 23, 59, 59, 999);
    const monday = Date.UTC(2026, 0, 12);
    await push('WEEKS', [
      { id: 1, ts: sunday, price: '1', size: '1' },
      { id: 2, ts: monday, price: '2', size: '1' },
    ]);
    const weeks = await candles(`symbol=WEEKS&interval=1w&from=0&to=${Date.UTC(2027, 0, 1)}`);
    expect(weeks.items.map((c) => [new Date(c.t).toISOString(), c.c])).toEqual([
      ['2026-01-05T00:00:00.000Z', 1],
      ['2026-01-12T00:00:00.000Z', 2],
    ]);
    const fourHours = await candles(`symbol=WEEKS&interval=4h&from=0&to=${Date.UTC(2027, 0, 1)}`);
    expect(fourHours.items.map((c) => new Date(c.t).toISOString())).toEqual(['2026-01-11T20:00:00.000Z', '2026-01-12T00:00:00.000Z']);
  });

  it('makes daily bars per New York calendar day with tz=, 23 hours on the spring DST day and 25 in the autumn', async () => {
    const trades: Trade[] = [
      { id: 1, ts: Date.parse('2026-03-08T04:59:59.999Z'), price: '1', size: '1' }, // Mar 7, 23:59:59.999 EST
      { id: 2, ts: Date.parse('2026-03-08T05:00:00.000Z'), price: '2', size: '1' }, // Mar 8, 00:00 EST
      { id: 3, ts: Date.parse('2026-03-09T03:59:59.999Z'), price: '3', size: '1' }, // Mar 8, 23:59:59.999 EDT
      { id: 4, ts: Date.parse('2026-03-09T04:00:00.000Z'), price: '4', size: '1' }, // Mar 9, 00:00 EDT
      { id: 5, ts: Date.parse('2026-11-01T04:00:00.000Z'), price: '5', size: '1' }, // Nov 1, 00:00 EDT
      { id: 6, ts: Date.parse('2026-11-02T04:59:59.999Z'), price: '6', size: '1' }, // Nov 1, 23:59:59.999 EST
    ];
    await push('DST', trades);
    const res = await candles(`symbol=DST&interval=1d&tz=America/New_York&from=${Date.parse('2026-03-01T00:00:00Z')}&to=${Date.parse('2026-12-01T00:00:00Z')}&limit=1000`);
    const days = res.items.map((c) => [new Date(c.t).toISOString(), c.o, c.c, c.n]);
    expect(days).toEqual([
      ['2026-03-07T05:00:00.000Z', 1, 1, 1],
      ['2026-03-08T05:00:00.000Z', 2, 3, 2], // 23 hours: 05:00Z to 04:00Z next day
      ['2026-03-09T04:00:00.000Z', 4, 4, 1],
      ['2026-11-01T04:00:00.000Z', 5, 6, 2], // 25 hours: 04:00Z to 05:00Z next day
    ]);
    // The whole history (from defaults to 0) costs no calendar of 56 years.
    expect((await candles('symbol=DST&interval=1d&tz=America/New_York&limit=1000')).items.map((c) => c.t)).toEqual(res.items.map((c) => c.t));
    expect((await candles('symbol=DST&interval=1w&tz=America/New_York&limit=1000')).items.map((c) => new Date(c.t).toISOString())).toEqual([
      '2026-03-02T05:00:00.000Z', // the local week of Mar 7 (Monday Mar 2, EST)
      '2026-03-09T04:00:00.000Z', // Monday Mar 9, EDT
      '2026-10-26T04:00:00.000Z', // the week of Sunday Nov 1 starts Monday Oct 26, EDT
    ]);
    // In UTC the same trades fall on UTC days.
    const utc = await candles(`symbol=DST&interval=1d&from=${Date.parse('2026-03-01T00:00:00Z')}&to=${Date.parse('2026-12-01T00:00:00Z')}`);
    expect(utc.items.map((c) => new Date(c.t).toISOString())).toEqual(['2026-03-08T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z']);
    // Filled local days carry across the 23-hour day, each bar at local midnight.
    const filled = await candles(`symbol=DST&interval=1d&tz=America/New_York&fill=true&from=${Date.parse('2026-03-08T00:00:00Z')}&to=${Date.parse('2026-03-12T00:00:00Z')}`);
    expect(filled.items.map((c) => c.t)).toEqual([Date.parse('2026-03-08T05:00:00Z'), Date.parse('2026-03-09T04:00:00Z')]);
  });

  it('makes a stock’s daily bars on NYSE trading days only: no bar, filled or not, on a holiday or a weekend', async () => {
    const et = (iso: string) => Date.parse(iso);
    await push(
      'STOCK-X',
      [
        { id: 1, ts: et('2026-11-25T15:00:00Z'), price: '10', size: '5' }, // Wed
        { id: 2, ts: et('2026-11-27T15:00:00Z'), price: '11', size: '5' }, // Fri, early close
        { id: 3, ts: et('2026-11-30T15:00:00Z'), price: '12', size: '5' }, // Mon
      ],
      { exchange: 'NYSE' },
    );
    const from = et('2026-11-24T00:00:00Z');
    const to = et('2026-12-02T00:00:00Z');
    const filled = await candles(`symbol=STOCK-X&interval=1d&fill=true&from=${from}&to=${to}`);
    expect(filled.items.map((c) => [new Date(c.t).toISOString(), c.c, c.n])).toEqual([
      ['2026-11-25T05:00:00.000Z', 10, 1],
      ['2026-11-27T05:00:00.000Z', 11, 1], // Thanksgiving (26th), the weekend: no bars
      ['2026-11-30T05:00:00.000Z', 12, 1],
    ]);
    expect((await candles('symbol=STOCK-X&interval=1d')).items.map((c) => c.n)).toEqual([1, 1, 1]);
    // A crypto symbol named the same way would trade on every day; declaring another class later is refused.
    const clash = await t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol: 'STOCK-X', source: 'feed-a', exchange: 'NASDAQ', trades: [{ id: 9, ts: from, price: 1, size: 1 }] } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.reason).toBe('SYMBOL_CLASS_MISMATCH');
  });
});

describe('refusals', () => {
  it('refuses a batch with a bad row naming index and field, and keeps nothing of it', async () => {
    const good = { id: 1, ts: T0, price: '1', size: '1' };
    for (const [bad, field] of [
      [{ ...good, id: 3, price: 'abc' }, 'price'],
      [{ ...good, id: 3, price: -1 }, 'price'],
      [{ ...good, id: 3, size: '0' }, 'size'],
      [{ ...good, id: 3, ts: 1.5 }, 'ts'],
      [{ ...good, id: 3, ts: -1 }, 'ts'],
      [{ ...good, id: 3, ts: Date.now() + 3_600_000 }, 'ts'], // from the future
      [{ ...good, id: '' }, 'id'],
      [{ ...good, id: 3, extra: true }, 'extra'],
    ] as const) {
      const res = await t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol: 'REFUSED', source: 'feed-a', trades: [good, { ...good, id: 2 }, bad] } });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path).toBe(`body.trades.2.${field}`);
    }
    expect((await t.rest('GET', '/api/ext/markets/candles?symbol=REFUSED&interval=1m')).status).toBe(404);
    for (const body of [{}, { symbol: 'X', source: 'feed-a', trades: [] }, { symbol: '../x', source: 'a', trades: [{ id: 1, ts: 0, price: 1, size: 1 }] }, { symbol: 'X', source: 'Bad Source', trades: [] }]) {
      expect((await t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body })).status).toBe(400);
    }
    const candleBad = ['interval=2m', 'interval=1m&from=10&to=5', 'interval=1d&tz=Mars/Olympus', 'interval=1m&limit=1001', 'interval=1m&cursor=nope'];
    for (const q of candleBad) expect((await t.rest('GET', `/api/ext/markets/candles?symbol=EDGE-1&${q}`)).status, q).toBe(400);
  });

  it('lets administrators and live markets:write keys ingest, and no one else', async () => {
    const body = { symbol: 'AUTH', source: 'feed-a', trades: [{ id: 1, ts: T0, price: 1, size: 1 }] };
    expect((await t.rest('POST', '/api/ext/markets/trades', { body })).status).toBe(401);
    const user = await signUp(t);
    const refused = await t.rest('POST', '/api/ext/markets/trades', { token: user.token, body });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.requiredScope).toBe('markets:write');
    const wrong = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    expect((await t.rest('POST', '/api/ext/markets/trades', { token: wrong.secret, body })).status).toBe(403);
    const live = await operatorKey(t, ['markets:write']);
    expect((await t.rest('POST', '/api/ext/markets/trades', { token: live.secret, body })).status).toBe(200);
    const test = await operatorKey(t, ['markets:write'], 'test');
    expect((await t.rest('POST', '/api/ext/markets/trades', { token: test.secret, body })).status).toBe(403);
  });

  raceTest('inserts each trade once when the same batch arrives 10 times in parallel', async () => {
    const trades = Array.from({ length: 200 }, (_, i) => ({ id: i, ts: T0 + i, price: '1', size: '0.01' }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol: 'RACE', source: 'feed-a', trades } })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.reduce((s, a) => s + a.body.inserted, 0)).toBe(200);
    expect((await candles(`symbol=RACE&interval=1h&from=${T0}&to=${T0 + 60 * MIN}`)).items[0]).toMatchObject({ n: 200, v: 2 });
  });
});

describe('consensus', () => {
  it('is the median of fresh sources, names the outlier and leaves the stale source out', async () => {
    const now = Date.now();
    const post = (source: string, price: string, ts: number) =>
      t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol: 'CONS', source, trades: [{ id: `${source}-${ts}`, ts, price, size: '1' }] } });
    await post('src-a', '100.00', now - 1000);
    await post('src-b', '100.40', now - 2000);
    await post('src-c', '100.20', now - 500);
    await post('src-d', '120.00', now - 100); // 19.8% away
    await post('src-e', '50.00', now - 3_600_000); // an hour old
    const res = await t.rest('GET', '/api/ext/markets/prices/cons');
    expect(res.status).toBe(200);
    expect(res.body.price).toBe(100.3);
    expect(res.body.outliers).toEqual(['src-d']);
    expect(res.body.stale).toEqual(['src-e']);
    expect(res.body.sources.find((s: { source: string }) => s.source === 'src-e')).toMatchObject({ fresh: false, outlier: false });
    const events = await t.db.knex('events').where({ type: 'price.updated' }).whereRaw("data->>'symbol' = 'CONS'").orderBy('created_at', 'desc').first('data');
    expect(events.data).toMatchObject({ symbol: 'CONS', price: 100.3, outliers: ['src-d'] });
    expect((await t.rest('GET', '/api/ext/markets/prices/NOPE')).status).toBe(404);
  });
});

describe('TradingView UDF', () => {
  const udf = (path: string) => t.rest('GET', `/api/ext/markets/udf/${path}`);

  it('answers config, time, symbols and search', async () => {
    const config = await udf('config');
    expect(config.body).toMatchObject({ supports_search: true, supports_time: true, supported_resolutions: ['1', '5', '15', '60', '240', '1D', '1W'] });
    const time = await udf('time');
    expect(Math.abs(Number(time.body) - Date.now() / 1000)).toBeLessThan(5);
    expect((await udf('symbols?symbol=STOCK-X')).body).toMatchObject({ name: 'STOCK-X', type: 'stock', session: '0930-1600', timezone: 'America/New_York', exchange: 'NYSE' });
    expect((await udf('symbols?symbol=NYSE:STOCK-X')).body.name).toBe('STOCK-X');
    expect((await udf('symbols?symbol=EDGE-1')).body).toMatchObject({ session: '24x7', timezone: 'Etc/UTC' });
    const unknown = await udf('symbols?symbol=NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ s: 'error', errmsg: 'unknown_symbol' });
    const found = await udf('search?query=edge&limit=5');
    expect(found.body.map((s: { symbol: string }) => s.symbol)).toEqual(['EDGE-1', 'EDGE-2']);
    expect((await udf('search?query=&type=stock')).body.map((s: { symbol: string }) => s.symbol)).toEqual(['STOCK-X']);
  });

  it('answers history in seconds with from and to inclusive, no_data with nextTime, and errors in its own shape', async () => {
    const s = T0 / 1000;
    const ok = await udf(`history?symbol=EDGE-1&resolution=1&from=${s}&to=${s + 60}`);
    expect(ok.body).toEqual({ s: 'ok', t: [s, s + 60], o: [100, 99.25], h: [101, 99.25], l: [100, 99.25], c: [101, 99.25], v: [0.6, 1] });
    // `to` exactly on a bar's start includes it; one second earlier does not.
    expect((await udf(`history?symbol=EDGE-1&resolution=1&from=${s}&to=${s + 59}`)).body.t).toEqual([s]);
    const later = await udf(`history?symbol=EDGE-1&resolution=1&from=${s + 3600}&to=${s + 7200}`);
    expect(later.body).toEqual({ s: 'no_data', nextTime: s + 60 });
    expect((await udf(`history?symbol=EDGE-1&resolution=1&from=${s - 7200}&to=${s - 3600}`)).body).toEqual({ s: 'no_data' });
    expect((await udf(`history?symbol=EDGE-1&resolution=1&from=${s}&to=${s + 600}&countback=1`)).body.t).toEqual([s + 60]);
    // Daily bars of a stock carry 00:00 UTC of their New York date.
    const daily = await udf(`history?symbol=STOCK-X&resolution=1D&from=${Date.parse('2026-11-20T00:00:00Z') / 1000}&to=${Date.parse('2026-12-05T00:00:00Z') / 1000}`);
    expect(daily.body.t).toEqual(['2026-11-25', '2026-11-27', '2026-11-30'].map((d) => Date.parse(`${d}T00:00:00Z`) / 1000));
    for (const q of ['symbol=EDGE-1&resolution=7&from=0&to=10', 'symbol=EDGE-1&resolution=1&from=abc&to=10', 'symbol=EDGE-1&resolution=1&from=10', 'resolution=1&from=0&to=10', 'symbol=EDGE-1&resolution=1&from=20&to=10']) {
      const bad = await udf(`history?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.s).toBe('error');
    }
    expect((await udf(`history?symbol=NOPE&resolution=1&from=0&to=10`)).body).toEqual({ s: 'error', errmsg: 'unknown_symbol' });
  });
});
