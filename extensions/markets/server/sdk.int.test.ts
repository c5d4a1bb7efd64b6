// The SDK's markets resource against a real CalOS on a local port: a key with markets:write pushes
// trades (a resent batch stores nothing twice), candles come back paged and filled, the consensus
// price, and UDF history through the untyped door.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalOS, CalOSError } from '@calos/sdk';
import { listenTestApp, type ListeningTestApp } from '../../../server/testing/listening';
import { operatorKey } from '../../../server/testing/factories';

let t: ListeningTestApp;
let feed: CalOS;
beforeAll(async () => {
  t = await listenTestApp();
  feed = new CalOS({ endpoint: t.endpoint, apiKey: (await operatorKey(t, ['markets:write'])).secret });
});
afterAll(() => t?.close());

const T0 = Date.UTC(2026, 6, 1);

describe('calos.markets', () => {
  it('ingests, pages candles, reads the price and UDF history', async () => {
    const trades = Array.from({ length: 50 }, (_, i) => ({ id: i, ts: T0 + i * 90_000, price: (200 + i / 4).toFixed(2), size: '0.1' }));
    expect(await feed.markets.ingestTrades({ symbol: 'SDK-USD', source: 'sdk-feed', trades })).toMatchObject({ inserted: 50, duplicates: 0 });
    expect(await feed.markets.ingestTrades({ symbol: 'SDK-USD', source: 'sdk-feed', trades })).toMatchObject({ inserted: 0, duplicates: 50 });

    const anyone = new CalOS({ endpoint: t.endpoint });
    const all = [];
    for await (const c of anyone.markets.allCandles({ symbol: 'SDK-USD', interval: '1m', from: T0, to: T0 + 90 * 60_000, fill: true })) all.push(c);
    expect(all).toHaveLength(74); // minutes 0…73: 50 trades every 90 s, gaps carried forward
    expect(all.reduce((n, c) => n + c.n, 0)).toBe(50);
    expect(all.filter((c) => c.n === 0).every((c) => c.v === 0 && c.o === c.c)).toBe(true);
    const page = await anyone.markets.candles({ symbol: 'SDK-USD', interval: '1h', from: T0, to: T0 + 2 * 3_600_000 });
    expect(page.items.map((c) => c.n)).toEqual([40, 10]);
    expect(page.items[0]!.v).toBe(4);

    const price = await anyone.markets.price('SDK-USD');
    expect(price.sources.map((s) => s.source)).toEqual(['sdk-feed']);
    const history = await anyone.markets.udfHistory({ symbol: 'SDK-USD', resolution: '60', from: T0 / 1000, to: T0 / 1000 + 3600 });
    expect(history).toMatchObject({ s: 'ok', t: [T0 / 1000, T0 / 1000 + 3600] });

    await expect(anyone.markets.ingestTrades({ symbol: 'SDK-USD', source: 'x', trades })).rejects.toBeInstanceOf(CalOSError);
    const refused = await feed.markets.ingestTrades({ symbol: 'SDK-USD', source: 'x', trades: [{ id: 1, ts: T0, price: 'NaN', size: '1' }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalOSError);
    expect((refused as CalOSError).status).toBe(400);
  });
});
