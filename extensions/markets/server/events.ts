// Events of the markets extension: a symbol's consensus price moved (at most once per symbol per
// CALOS_MARKETS_PRICE_EVENT_SECONDS) and a candle closed (once per symbol, interval and bucket).
import { z } from 'zod';
import { eventType } from '../../../server/extensions/api';

export const priceUpdated = eventType({
  type: 'price.updated',
  description: 'A symbol’s consensus price after new trades (throttled per symbol): the median of its fresh sources, with the sources beyond the allowed spread named.',
  data: z.object({
    symbol: z.string(),
    price: z.number(),
    at: z.string(),
    sources: z.array(z.string()),
    outliers: z.array(z.string()),
  }),
});

export const candleClosed = eventType({
  type: 'candle.closed',
  description: 'A candle with trades ended (1m, 5m, 15m, 1h, 4h, 1d, 1w; UTC buckets): its OHLCV as it stood at the close.',
  data: z.object({
    symbol: z.string(),
    interval: z.string(),
    t: z.number(),
    o: z.number(),
    h: z.number(),
    l: z.number(),
    c: z.number(),
    v: z.number(),
    n: z.number(),
  }),
});
