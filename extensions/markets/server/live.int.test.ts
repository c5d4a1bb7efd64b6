// Live and scheduled parts on a real database: the server-sent event stream (a trade pushed through
// the API reaches a listener), candle.closed once per bucket, the jobs as registered, and paper
// trades as the `paper_trade` action on the nyse schedule.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUp, signUpAdmin } from '../../../server/testing/factories';
import { closeCandles } from './closer';

let t: TestApp;
let admin: { token: string; userId: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
});
afterAll(() => t.close());

const push = (symbol: string, trades: Array<{ id: number | string; ts: number; price: string; size: string }>) =>
  t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol, source: 'feed-live', trades } });

describe('live stream', () => {
  it('sends a bar and the consensus price to a listener when trades arrive on another instance', async () => {
    await push('LIVE', [{ id: 1, ts: Date.now() - 180_000, price: '10', size: '1' }]);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const aborter = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/ext/markets/stream?symbol=live&interval=1m`, { signal: aborter.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // A trade of the previous minute, then one of this minute, arriving on another instance over the same database.
    const other = await createTestApp({}, { db: t.db });
    const ts = Date.now();
    const previous = Math.floor(ts / 60_000) * 60_000 - 60_000;
    expect((await push('LIVE', [{ id: 3, ts: previous + 30_000, price: '11', size: '1' }])).status).toBe(200);
    const pushed = await other.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol: 'LIVE', source: 'feed-live', trades: [{ id: 2, ts, price: '12.5', size: '0.25' }] } });
    expect(pushed.status).toBe(200);
    await other.close();
    const deadline = Date.now() + 8000;
    while (!(text.includes('event: price') && text.includes('event: closed')) && Date.now() < deadline) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    aborter.abort();
    // The previous minute's bar was sent first, then closed: its minute is over and a later bar came.
    expect(JSON.parse(/event: closed\ndata: (.+)\n/.exec(text)![1]!)).toMatchObject({ t: previous, c: 11, n: 1 });
    const bars = [...text.matchAll(/event: bar\ndata: (.+)\n/g)].map((m) => JSON.parse(m[1]!) as { t: number });
    expect(bars.find((b) => b.t === Math.floor(ts / 60_000) * 60_000), text).toMatchObject({ c: 12.5, n: 1 });
    const price = JSON.parse(/event: price\ndata: (.+)\n/.exec(text)![1]!);
    expect(price).toMatchObject({ symbol: 'LIVE', price: 12.5 });

    // Unknown symbols and intervals are refused before the stream opens.
    expect((await t.rest('GET', '/api/ext/markets/stream?symbol=NOPE')).status).toBe(404);
    expect((await t.rest('GET', '/api/ext/markets/stream?symbol=LIVE&interval=2m')).status).toBe(400);
  });
});

describe('candle.closed', () => {
  it('announces each closed bucket with trades once, whoever runs the job and however often', async () => {
    const minute = Date.UTC(2026, 5, 1, 12, 0); // starts a 1m, 5m, 15m, 1h and 4h bucket
    await push('CLOSE', [
      { id: 1, ts: minute + 1000, price: '5', size: '1.5' },
      { id: 2, ts: minute + 59_999, price: '6', size: '0.5' },
    ]);
    const kernel = t.platform.kernels.get('markets')!;
    expect(await closeCandles(kernel, minute + 60_000 + 500)).toBeGreaterThanOrEqual(1);
    expect(await closeCandles(kernel, minute + 60_000 + 900)).toBe(0);
    const events = await t.db.knex('events').where({ type: 'candle.closed' }).whereRaw("data->>'symbol' = 'CLOSE'").select('data');
    expect(events.map((e) => e.data)).toEqual([{ symbol: 'CLOSE', interval: '1m', t: minute, o: 5, h: 6, l: 5, c: 6, v: 2, n: 2 }]);
    // 12:00 is also the start of 5m, 15m, 1h and 4h buckets; they close later, once each.
    await closeCandles(kernel, minute + 4 * 3_600_000 + 1000);
    const intervals = (await t.db.knex('events').where({ type: 'candle.closed' }).whereRaw("data->>'symbol' = 'CLOSE'").select('data')).map((e) => e.data.interval).sort();
    expect(intervals).toEqual(['1m', '4h']);
  });

  it('throttles price.updated: one event per symbol per CALOS_MARKETS_PRICE_EVENT_SECONDS (10 s by default)', async () => {
    for (let i = 0; i < 3; i++) expect((await push('THROTTLE', [{ id: i, ts: Date.now(), price: String(10 + i), size: '1' }])).status).toBe(200);
    const events = await t.db.knex('events').where({ type: 'price.updated' }).whereRaw("data->>'symbol' = 'THROTTLE'").select('data');
    expect(events.map((e) => e.data.price)).toEqual([10]);
  });

  it('registers the poll and close jobs and the events', async () => {
    const res = await t.rest('GET', '/api/extensions', { token: admin.token });
    const markets = res.body.items.find((e: { id: string }) => e.id === 'markets');
    expect(markets.jobs).toEqual([
      { name: 'poll', schedule: '* * * * *' },
      { name: 'close-candles', schedule: '* * * * *' },
    ]);
    const types = await t.rest('GET', '/api/events/types');
    const names = JSON.stringify(types.body);
    expect(names).toContain('price.updated');
    expect(names).toContain('candle.closed');
  });
});

describe('paper trades', () => {
  it('trade at the consensus price only while the nyse schedule is open (or the user has an exception)', async () => {
    const now = Date.now();
    await push('PAPER', [{ id: 1, ts: now - 1000, price: '191.37', size: '100' }]);
    const user = await signUp(t);
    const kernel = t.platform.kernels.get('markets')!;
    const nyse = await kernel.schedules.check(t.db.knex, 'nyse', new Date());
    const first = await t.rest('POST', '/api/ext/markets/paper-trades', { token: user.token, body: { symbol: 'PAPER', side: 'buy', size: '10' } });
    if (nyse.open) {
      expect(first.status).toBe(201);
    } else {
      expect(first.status).toBe(429);
      expect(first.body.error.code).toBe('SCHEDULE_CLOSED');
      expect(first.body.error.details.nextAvailableAt).toBe(nyse.nextOpenAt!.toISOString());
      expect((await t.rest('GET', '/api/ext/markets/paper-trades', { token: user.token })).body.items).toEqual([]);
      // An administrator's exception opens the schedule for this user and action.
      const exception = await t.rest('POST', '/api/schedule/exception', {
        token: admin.token,
        body: { userId: user.userId, actionCode: 'paper_trade', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), reason: 'test' },
      });
      expect(exception.status, JSON.stringify(exception.body)).toBe(201);
      const second = await t.rest('POST', '/api/ext/markets/paper-trades', { token: user.token, body: { symbol: 'PAPER', side: 'buy', size: '10' } });
      expect(second.status, JSON.stringify(second.body)).toBe(201);
    }
    const list = await t.rest('GET', '/api/ext/markets/paper-trades', { token: user.token });
    expect(list.body.items).toEqual([expect.objectContaining({ symbol: 'PAPER', side: 'buy', size: '10', price: '191.37' })]);
    // Another user sees none of them; a symbol without a fresh price is refused.
    const other = await signUp(t);
    expect((await t.rest('GET', '/api/ext/markets/paper-trades', { token: other.token })).body.items).toEqual([]);
    await push('OLD', [{ id: 1, ts: now - 86_400_000, price: '1', size: '1' }]);
    const stale = await t.rest('POST', '/api/ext/markets/paper-trades', { token: user.token, body: { symbol: 'OLD', side: 'sell', size: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.reason).toBe('NO_FRESH_PRICE');
    expect((await t.rest('POST', '/api/ext/markets/paper-trades', { token: user.token, body: { symbol: 'NOPE', side: 'sell', size: 1 } })).status).toBe(404);
    expect((await t.rest('POST', '/api/ext/markets/paper-trades', { body: { symbol: 'PAPER', side: 'sell', size: 1 } })).status).toBe(401);
  });
});
