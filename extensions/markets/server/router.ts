// Markets procedures: trades in (batch ingest), candles, the consensus price, symbols, source
// health and paper trades; plus the tRPC-only procedures behind the UDF routes and the live stream.
import { adminOrApiKeyProcedure, DomainError, z, kernelOf, publicReadProcedure, router, userProcedure, type Context } from '../../../server/extensions/api';
import * as s from '../schemas';
import { marketsSettings } from '../settings';
import { candles } from './candles';
import { consensusOf } from './consensus';
import { sourceHealth } from './health';
import { ingest } from './ingest';
import { liveSince } from './live';
import { listPaperTrades, placePaperTrade } from './paper';
import { listSymbols, symbolView } from './symbol-list';
import { findSymbol } from './symbols';
import { STEP } from './grid';
import { notFound } from '../../../server/extensions/api';
import * as ex from './examples';

const tags = ['markets'];
const markets = (ctx: Context) => kernelOf(ctx, 'markets');
const settings = (ctx: Context) => markets(ctx).settings(marketsSettings);

export const marketsRouter = router({
  ingestTrades: adminOrApiKeyProcedure('markets:write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/ext/markets/trades',
        tags,
        summary: 'Ingest a batch of trades',
        description:
          'Stores a batch of trades of one symbol from one source, idempotently: a trade whose (source, symbol, id) is ' +
          'stored already is ignored, so a batch may be resent safely; the answer says how many were new. A symbol or ' +
          'source named for the first time is created (a new symbol trades around the clock unless `exchange` declares ' +
          'it a stock). A bad row refuses the whole batch with 400 naming its index and field (`body.trades.3.price`). ' +
          'Test-mode keys cannot write market data (403). **Who may call:** administrators, API keys with `markets:write`.',
        protect: true,
      },
      errors: ['CONFLICT', 'PAYLOAD_TOO_LARGE'],
      examples: ex.ingestTrades,
    })
    .input(s.ingestInput)
    .output(s.ingestOutput)
    .mutation(({ ctx, input }) => {
      if (ctx.actor.mode !== 'live') throw new DomainError('FORBIDDEN', 'Test-mode keys cannot write market data; use a live key.', {});
      return ingest(markets(ctx), settings(ctx), input);
    }),

  candles: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ext/markets/candles',
        tags,
        summary: 'OHLCV candles of a symbol',
        description:
          'Candles (1m, 5m, 15m, 1h, 4h, 1d, 1w) computed from the stored trades, oldest first: buckets are half-open ' +
          '[t, t + interval) aligned to UTC epoch multiples, weeks from Monday 00:00 UTC; trades ordered by (ts, source, ' +
          'id); `v` the exact sum of sizes, `n` the trade count. Empty buckets are left out, or with `fill=true` ' +
          'carried forward (O=H=L=C the previous close, v 0, n 0) from the first to the last bucket with trades. With ' +
          '`tz`, daily and weekly bars follow that zone’s calendar (a DST day is 23 or 25 hours); a stock’s daily bars ' +
          'are its exchange’s trading days (New York time unless `tz` says otherwise). `from` inclusive and `to` ' +
          'exclusive bound the bucket starts, in ms. `limit` up to 1,000.',
      },
      errors: ['NOT_FOUND'],
      examples: ex.candles,
    })
    .input(s.candlesInput)
    .output(s.candlesOutput)
    .query(({ ctx, input }) => candles(markets(ctx), { ...input, to: input.to ?? Date.now() + STEP[input.interval] })),

  price: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ext/markets/prices/{symbol}',
        tags,
        summary: 'Consensus price of a symbol',
        description:
          'The median of the latest prices of the symbol’s fresh sources (a source whose latest trade is older than ' +
          'CALOS_MARKETS_STALE_SECONDS is left out and listed in `stale`); a source further from the median than ' +
          'CALOS_MARKETS_MAX_SPREAD is flagged and listed in `outliers`.',
      },
      errors: ['NOT_FOUND'],
      examples: ex.price,
    })
    .input(s.priceInput)
    .output(s.priceOutput)
    .query(async ({ ctx, input }) => {
      const symbol = await findSymbol(markets(ctx).db, input.symbol);
      if (!symbol) throw notFound('symbol');
      return consensusOf(markets(ctx).db, symbol, { staleSeconds: settings(ctx).staleSeconds, maxSpread: settings(ctx).maxSpread, now: Date.now() });
    }),

  symbols: publicReadProcedure
    .meta({
      openapi: { method: 'GET', path: '/ext/markets/symbols', tags, summary: 'Symbols', description: 'Symbols by code, with their asset class, exchange and the zone of their daily bars.' },
      examples: ex.symbols,
    })
    .input(s.symbolsInput)
    .output(s.symbolsOutput)
    .query(({ ctx, input }) => listSymbols(markets(ctx).db, input ?? { limit: 20 })),

  sources: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ext/markets/sources',
        tags,
        summary: 'Sources and their health',
        description:
          'Every source adapter of the registry (off until CALOS_MARKETS_POLL names it) and every pushed source, with ' +
          'its last success, last error, consecutive failures (polls back off exponentially), next poll, and status: ' +
          '`ok`, `stale` (no success for CALOS_MARKETS_STALE_SECONDS), `failing`, `never` or `off`.',
      },
      examples: ex.sources,
    })
    .input(z.strictObject({}).optional())
    .output(s.sourcesOutput)
    .query(async ({ ctx }) => ({ items: await sourceHealth(markets(ctx).db, settings(ctx)) })),

  paperTrade: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ext/markets/paper-trades',
        tags,
        summary: 'Place a paper trade',
        description:
          'Buys or sells (on paper) at the consensus price, as the action `paper_trade` on the `nyse` schedule: outside ' +
          'the New York session (weekends, holidays, after the close) it is refused with 429 `SCHEDULE_CLOSED` and ' +
          '`nextAvailableAt`. 409 `NO_FRESH_PRICE` when no source is fresh. Send an `Idempotency-Key` to retry safely.',
        protect: true,
      },
      idempotent: true,
      successStatus: 201,
      errors: ['NOT_FOUND', 'CONFLICT', 'SCHEDULE_CLOSED', 'DAILY_LIMIT', 'COOLDOWN', 'RATE_LIMITED'],
      examples: ex.paperTrade,
    })
    .input(s.paperTradeInput)
    .output(s.paperTrade)
    .mutation(({ ctx, input }) => placePaperTrade(markets(ctx), ctx.actor.userId, input)),

  paperTrades: userProcedure
    .meta({
      openapi: { method: 'GET', path: '/ext/markets/paper-trades', tags, summary: 'Your paper trades', description: 'Your paper trades, newest first.', protect: true },
      examples: ex.paperTrades,
    })
    .input(s.paperTradesInput)
    .output(s.paperTradesOutput)
    .query(({ ctx, input }) => listPaperTrades(markets(ctx), ctx.actor.userId, input ?? { limit: 20 })),

  // tRPC only: behind the UDF routes and the live stream (server/http.ts).
  symbol: publicReadProcedure
    .input(s.priceInput)
    .query(async ({ ctx, input }) => {
      const row = await findSymbol(markets(ctx).db, input.symbol);
      if (!row) throw notFound('symbol');
      return symbolView(row);
    }),
  live: publicReadProcedure.input(s.liveInput).query(({ ctx, input }) => liveSince(markets(ctx), input)),
});
