// calos.markets: trades in, candles, consensus prices, symbols, source health, paper trades and
// TradingView UDF history (/api/ext/markets/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type Candles = Result<'/ext/markets/candles', 'get'>;
export type Candle = Candles['items'][number];
export type ConsensusPrice = Result<'/ext/markets/prices/{symbol}', 'get'>;
export type TradesIngested = Result<'/ext/markets/trades', 'post'>;

/** TradingView UDF `history` answer (times in seconds). */
export type UdfHistory =
  | { s: 'ok'; t: number[]; o: number[]; h: number[]; l: number[]; c: number[]; v: number[] }
  | { s: 'no_data'; nextTime?: number }
  | { s: 'error'; errmsg: string };

export class MarketsApi {
  constructor(private readonly http: Transport) {}

  /**
   * Pushes a batch of trades (admin, or API key with `markets:write`). Idempotent per source, symbol
   * and trade id: resending a batch stores nothing twice, and `inserted` says how many were new.
   */
  ingestTrades(input: Body<'/ext/markets/trades', 'post'>, options?: CallOptions): Promise<TradesIngested> {
    return this.http.request('post', '/ext/markets/trades', { body: input }, options);
  }

  candles(query: Query<'/ext/markets/candles', 'get'>, options?: CallOptions): Promise<Candles> {
    return this.http.request('get', '/ext/markets/candles', { query }, options);
  }

  /** Every candle of a range, following nextCursor (1,000 a page). */
  async *allCandles(query: Omit<Query<'/ext/markets/candles', 'get'>, 'cursor' | 'limit'>, options?: CallOptions): AsyncGenerator<Candle> {
    let cursor: string | undefined;
    do {
      const page = await this.candles({ ...query, limit: 1000, ...(cursor ? { cursor } : {}) } as Query<'/ext/markets/candles', 'get'>, options);
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  price(symbol: string, options?: CallOptions): Promise<ConsensusPrice> {
    return this.http.request('get', '/ext/markets/prices/{symbol}', { path: { symbol } }, options);
  }

  symbols(query: Query<'/ext/markets/symbols', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/markets/symbols', { query }, options);
  }

  sources(options?: CallOptions) {
    return this.http.request('get', '/ext/markets/sources', {}, options);
  }

  /** The signed-in user's paper trade; refused with SCHEDULE_CLOSED outside the NYSE session. */
  paperTrade(input: Body<'/ext/markets/paper-trades', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/ext/markets/paper-trades', { body: input, idempotent: true }, options);
  }

  paperTrades(query: Query<'/ext/markets/paper-trades', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/markets/paper-trades', { query }, options);
  }

  /** TradingView UDF history (`from` and `to` in seconds, both inclusive). Not in the OpenAPI document. */
  async udfHistory(query: { symbol: string; resolution: string; from: number; to: number; countback?: number }, options?: CallOptions): Promise<UdfHistory> {
    return (await this.http.untyped('get', '/ext/markets/udf/history', { query }, options)) as UdfHistory;
  }
}
