// Example requests and responses of the markets routes, for the API reference.
import * as s from '../schemas';
import { at, examples } from '../../../server/extensions/api';

export const ingestTrades = examples(
  { input: s.ingestInput, output: s.ingestOutput },
  {
    request: {
      symbol: 'BTC-USD',
      source: 'desk-feed',
      trades: [
        { id: 28457, ts: 1_765_101_600_000, price: '64012.25', size: '0.015' },
        { id: 28458, ts: 1_765_101_600_412, price: 64013.5, size: 0.2 },
      ],
    },
    response: { symbol: 'BTC-USD', source: 'desk-feed', received: 2, inserted: 2, duplicates: 0 },
  },
);

export const candles = examples(
  { input: s.candlesInput, output: s.candlesOutput },
  {
    request: { symbol: 'BTC-USD', interval: '1m', from: 1_765_101_600_000, to: 1_765_101_780_000, fill: true, limit: 100 },
    response: {
      items: [
        { t: 1_765_101_600_000, o: 64012.25, h: 64030, l: 64001.1, c: 64020, v: 1.315, n: 14 },
        { t: 1_765_101_660_000, o: 64020, h: 64020, l: 64020, c: 64020, v: 0, n: 0 },
        { t: 1_765_101_720_000, o: 64018.5, h: 64041.75, l: 64018.5, c: 64040, v: 0.42, n: 3 },
      ],
      nextCursor: null,
    },
  },
);

export const price = examples(
  { input: s.priceInput, output: s.priceOutput },
  {
    request: { symbol: 'BTC-USD' },
    response: {
      symbol: 'BTC-USD',
      price: 64015.5,
      at: '2026-12-07T10:01:02.118Z',
      sources: [
        { source: 'binance', price: 64014, at: '2026-12-07T10:01:01.950Z', fresh: true, outlier: false, deviation: 0.000023 },
        { source: 'coinbase', price: 64017, at: '2026-12-07T10:01:02.118Z', fresh: true, outlier: false, deviation: 0.000023 },
        { source: 'kraken', price: 61200, at: '2026-12-07T09:20:44.000Z', fresh: false, outlier: false, deviation: 0.043981 },
      ],
      outliers: [],
      stale: ['kraken'],
    },
  },
);

export const symbols = examples(
  { input: s.symbolsInput, output: s.symbolsOutput },
  {
    request: { limit: 20 },
    response: {
      items: [
        { code: 'AAPL', name: 'AAPL', assetClass: 'stock', exchange: 'NASDAQ', timezone: 'America/New_York', createdAt: at('2026-12-01T14:30:00.000Z') },
        { code: 'BTC-USD', name: 'BTC-USD', assetClass: 'crypto', exchange: null, timezone: 'UTC', createdAt: at('2026-12-01T14:30:00.000Z') },
      ],
      nextCursor: null,
    },
  },
);

export const sources = examples(
  { output: s.sourcesOutput },
  {
    response: {
      items: [
        {
          code: 'binance',
          name: 'Binance',
          kind: 'poll',
          assetClass: 'crypto',
          enabled: true,
          symbols: ['BTC-USD'],
          lastSuccessAt: '2026-12-07T10:01:00.204Z',
          lastAttemptAt: '2026-12-07T10:01:00.011Z',
          lastError: null,
          failures: 0,
          nextPollAt: '2026-12-07T10:02:00.011Z',
          ageSeconds: 12,
          status: 'ok',
        },
        {
          code: 'polygon',
          name: 'Polygon.io',
          kind: 'poll',
          assetClass: 'stock',
          enabled: true,
          symbols: ['AAPL'],
          lastSuccessAt: '2026-12-07T09:40:00.118Z',
          lastAttemptAt: '2026-12-07T10:00:00.009Z',
          lastError: 'HTTP 429 from api.polygon.io/v2/last/trade/AAPL',
          failures: 3,
          nextPollAt: '2026-12-07T10:08:00.009Z',
          ageSeconds: 1272,
          status: 'failing',
        },
      ],
    },
  },
);

export const paperTrade = examples(
  { input: s.paperTradeInput, output: s.paperTrade },
  {
    request: { symbol: 'AAPL', side: 'buy', size: '10' },
    response: { id: '5b1e7c2a-3d4f-4a6b-8c9d-0e1f2a3b4c5d', symbol: 'AAPL', side: 'buy', size: '10', price: '191.37', createdAt: at('2026-12-07T15:02:11.420Z') },
  },
);

export const paperTrades = examples(
  { input: s.paperTradesInput, output: s.paperTradesOutput },
  {
    request: { limit: 20 },
    response: {
      items: [{ id: '5b1e7c2a-3d4f-4a6b-8c9d-0e1f2a3b4c5d', symbol: 'AAPL', side: 'buy', size: '10', price: '191.37', createdAt: at('2026-12-07T15:02:11.420Z') }],
      nextCursor: null,
    },
  },
);
