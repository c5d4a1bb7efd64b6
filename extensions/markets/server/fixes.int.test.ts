// Regressions from the security review: daily candles with a time zone over the default range
// (from=0) when old trades exist, validation paths named once (`query.from`, not `query.query.from`),
// and the trade batch maximum that fits the JSON body limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUpAdmin } from '../../../server/testing/factories';
import { MAX_BATCH } from '../schemas';

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
});
afterAll(() => t.close());

const DAY = 86_400_000;
const push = (symbol: string, trades: Array<{ id: number; ts: number; price: string; size: string }>) =>
  t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol, source: 'feed-f', trades } });

describe('candles', () => {
  it('answers daily bars with tz over the default range as without tz, even with trades from January 1970', async () => {
    const now = Date.now();
    expect((await push('OLD', [{ id: 1, ts: 10 * DAY + 1000, price: '1', size: '1' }, { id: 2, ts: now - 2 * DAY, price: '2', size: '1' }])).status).toBe(200);
    const plain = await t.rest('GET', '/api/ext/markets/candles?symbol=OLD&interval=1d');
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    expect(plain.body.items).toHaveLength(2);
    for (const tz of ['Europe/Paris', 'UTC', 'America/New_York']) {
      for (const interval of ['1d', '1w']) {
        const res = await t.rest('GET', `/api/ext/markets/candles?symbol=OLD&interval=${interval}&tz=${tz}`);
        expect(res.status, `${interval} ${tz} ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.items.map((c: { n: number }) => c.n)).toEqual([1, 1]);
      }
    }
    const paris = await t.rest('GET', '/api/ext/markets/candles?symbol=OLD&interval=1d&tz=Europe/Paris&fill=true&limit=3');
    expect(paris.status, JSON.stringify(paris.body)).toBe(200);
    expect(paris.body.items[0].t).toBe(10 * DAY - 3_600_000); // 1970-01-11 00:00 in Paris (UTC+1)
    expect(paris.body.nextCursor).not.toBeNull();
  });

  it('names refused query fields once: query.to, query.cursor', async () => {
    await push('PATHS', [{ id: 1, ts: Date.now() - DAY, price: '1', size: '1' }]);
    const to = await t.rest('GET', '/api/ext/markets/candles?symbol=PATHS&interval=1m&from=10&to=5');
    expect(to.status).toBe(400);
    expect(to.body.error.details.issues[0].path).toBe('query.to');
    const cursor = await t.rest('GET', '/api/ext/markets/candles?symbol=PATHS&interval=1m&cursor=nope');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details.issues[0].path).toBe('query.cursor');
    const symbols = await t.rest('GET', '/api/ext/markets/symbols?cursor=nope');
    expect(symbols.status).toBe(400);
    expect(symbols.body.error.details.issues[0].path).toBe('query.cursor');
  });
});

describe('trade batches', () => {
  it('takes a full batch of the documented maximum within the body limit, and refuses one more', async () => {
    expect(MAX_BATCH).toBe(2000);
    const now = Date.now();
    // Realistic rows: long ids, prices and sizes with many decimals.
    const trades = Array.from({ length: MAX_BATCH }, (_, i) => ({ id: 9_000_000_000 + i, ts: now - 60_000 + i, price: `${64000 + i}.12345678`, size: `0.${String(i).padStart(8, '0')}1` }));
    const body = { symbol: 'BIG-BATCH', source: 'feed-f', trades };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(256 * 1024);
    const res = await t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body).toMatchObject({ received: MAX_BATCH, inserted: MAX_BATCH });
    const over = await t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { ...body, trades: [...trades, { ...trades[0]!, id: 1 }] } });
    expect(over.status).toBe(400);
    expect(over.body.error.details.issues[0].path).toBe('body.trades');
  });
});
