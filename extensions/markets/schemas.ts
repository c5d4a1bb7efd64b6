// Inputs and outputs of the markets procedures (both doors; REST shapes in the OpenAPI document).
import { z } from 'zod';
import { DateTime } from 'luxon';
import { text } from '../../shared/schemas/primitives';
import { INTERVALS } from './server/grid';

/** Year 9999's last millisecond: timestamps are ms UTC in [0, this]. */
export const MAX_TS = 253_402_300_799_999;
// What fits the JSON body limit (CALOS_BODY_LIMIT_BYTES, 256 KiB by default) with room to spare:
// 2,000 trades of ~100 bytes. A larger feed sends several batches.
export const MAX_BATCH = 2000;

const decimalPattern = /^\d{1,18}(\.\d{1,18})?$/;
/** A positive price or size: a JSON number or a decimal string (kept exact as a string). */
const decimalIn = z
  .union([z.number().positive().max(1e18), z.string().regex(decimalPattern, 'must be a decimal number like "64012.25"')])
  .refine((v) => (typeof v === 'number' ? v > 0 : /[1-9]/.test(v)), 'must be greater than 0')
  .describe('A JSON number or a decimal string ("64012.25"), greater than 0.');

export const symbolCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/, 'must be 1–32 letters, digits or . _ / - (BTC-USD, AAPL)')
  .describe('The symbol, case-insensitive (stored upper-case).');
export const sourceCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be 1–32 lower-case letters, digits, _ or -')
  .describe('The source’s code (`binance`, or any name for a pushed feed).');

export const tradeIn = z.strictObject({
  id: z
    .union([z.string().min(1).max(128).regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)])
    .describe('The trade’s id at its source: a string or a non-negative integer.'),
  ts: z.number().int().min(0).max(MAX_TS).describe('When it traded, in ms since the epoch (UTC).'),
  price: decimalIn,
  size: decimalIn,
});

/** How far ahead of this server's clock a trade may be stamped (clock skew), no more. */
export const MAX_FUTURE_MS = 5 * 60_000;

export const ingestInput = z
  .strictObject({
    symbol: symbolCode,
    source: sourceCode,
    exchange: z.enum(['NYSE', 'NASDAQ']).optional().describe('Declares the symbol a stock on this exchange (daily bars on its trading days); otherwise a new symbol trades around the clock.'),
    trades: z.array(tradeIn).min(1).max(MAX_BATCH).describe(`1–${MAX_BATCH} trades (a larger feed sends several batches), none stamped more than 5 minutes ahead of the server's clock.`),
  })
  .superRefine((batch, ctx) => {
    // A trade from the future would hold its source's latest price (and the consensus) forever.
    const limit = Date.now() + MAX_FUTURE_MS;
    const i = batch.trades.findIndex((t) => t.ts > limit);
    if (i >= 0) ctx.addIssue({ code: 'custom', path: ['trades', i, 'ts'], message: 'is in the future (more than 5 minutes ahead of the server clock)' });
  });
export const ingestOutput = z.object({
  symbol: z.string(),
  source: z.string(),
  received: z.number().int(),
  inserted: z.number().int().describe('Trades new to this source and symbol.'),
  duplicates: z.number().int().describe('Trades already stored (same source, symbol and id): ignored.'),
});

const zone = z
  .string()
  .max(64)
  .refine((v) => DateTime.now().setZone(v).isValid, 'is not an IANA time zone')
  .describe('An IANA time zone for daily and weekly bars (a bucket per local calendar day; weeks from Monday). Default UTC; a stock’s default is America/New_York.');

export const candlesInput = z.strictObject({
  symbol: symbolCode,
  interval: z.enum(INTERVALS),
  from: z.number().int().min(0).max(MAX_TS).default(0).describe('First bucket start to include, ms (inclusive).'),
  to: z.number().int().min(1).max(MAX_TS).optional().describe('Buckets starting before this, ms (exclusive); default now + one bucket.'),
  tz: zone.optional(),
  fill: z.boolean().default(false).describe('Carry empty buckets forward between the first and the last bucket with trades.'),
  source: sourceCode.optional().describe('Only this source’s trades (default: every source).'),
  limit: z.number().int().min(1).max(1000).default(20).describe('Page size, 1–1,000.'),
  cursor: text(200).optional().describe('Opaque cursor from the previous page’s nextCursor.'),
});
export const candle = z.object({
  t: z.number().int().describe('Bucket start, ms UTC.'),
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number().describe('Exact sum of sizes (decimal arithmetic), written as a JSON number.'),
  n: z.number().int().describe('Trades in the bucket.'),
});
export const candlesOutput = z.object({ items: z.array(candle), nextCursor: z.string().nullable() });

export const symbolOutput = z.object({
  code: z.string(),
  name: z.string(),
  assetClass: z.enum(['crypto', 'stock']),
  exchange: z.string().nullable(),
  timezone: z.string(),
  createdAt: z.date().meta({ override: { type: 'string', format: 'date-time' } }),
});
export const symbolsOutput = z.object({ items: z.array(symbolOutput), nextCursor: z.string().nullable() });
export const symbolsInput = z
  .strictObject({
    query: text(64).optional().describe('Part of the code, case-insensitive.'),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: text(200).optional(),
  })
  .optional();

export const priceInput = z.strictObject({ symbol: symbolCode });
export const priceOutput = z.object({
  symbol: z.string(),
  price: z.number().nullable().describe('Median of the fresh sources’ latest prices; null when none is fresh.'),
  at: z.string().nullable(),
  sources: z.array(
    z.object({
      source: z.string(),
      price: z.number(),
      at: z.string(),
      fresh: z.boolean(),
      outlier: z.boolean().describe('Further from the median than CALOS_MARKETS_MAX_SPREAD.'),
      deviation: z.number().nullable().describe('|price − median| / median.'),
    }),
  ),
  outliers: z.array(z.string()),
  stale: z.array(z.string()),
});

export const sourcesOutput = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['poll', 'push']),
      assetClass: z.enum(['crypto', 'stock']).nullable(),
      enabled: z.boolean(),
      symbols: z.array(z.string()),
      lastSuccessAt: z.string().nullable(),
      lastAttemptAt: z.string().nullable(),
      lastError: z.string().nullable(),
      failures: z.number().int(),
      nextPollAt: z.string().nullable(),
      ageSeconds: z.number().int().nullable(),
      status: z.enum(['ok', 'stale', 'failing', 'never', 'off']),
    }),
  ),
});

export const paperTradeInput = z.strictObject({
  symbol: symbolCode,
  side: z.enum(['buy', 'sell']),
  size: z.union([z.number().positive().max(1e9), z.string().regex(decimalPattern)]).refine((v) => (typeof v === 'number' ? v > 0 : /[1-9]/.test(v)), 'must be greater than 0'),
});
export const paperTrade = z.object({
  id: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  size: z.string(),
  price: z.string(),
  createdAt: z.date().meta({ override: { type: 'string', format: 'date-time' } }),
});
export const paperTradesOutput = z.object({ items: z.array(paperTrade), nextCursor: z.string().nullable() });
export const paperTradesInput = z.strictObject({ limit: z.number().int().min(1).max(100).default(20), cursor: text(200).optional() }).optional();

export const liveInput = z.strictObject({ symbol: symbolCode, interval: z.enum(INTERVALS), after: z.number().int().min(0) });
