// The consensus price of a symbol: the median of the latest prices of its fresh sources. A source
// whose latest trade is older than CALOS_MARKETS_STALE_SECONDS is left out (and named stale); one
// further from the median than CALOS_MARKETS_MAX_SPREAD (a fraction) is flagged as an outlier.
import type { Knex } from 'knex';
import { Decimal } from 'decimal.js';

export interface SourcePrice {
  source: string;
  price: number;
  at: string;
  fresh: boolean;
  outlier: boolean;
  deviation: number | null;
}

export interface Consensus {
  symbol: string;
  price: number | null;
  at: string | null;
  sources: SourcePrice[];
  outliers: string[];
  stale: string[];
}

export function median(values: Decimal[]): Decimal {
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).div(2);
}

export async function consensusOf(db: Knex, symbol: { id: number; code: string }, opts: { staleSeconds: number; maxSpread: number; now: number }): Promise<Consensus> {
  const quotes = (await db('markets_quotes').where({ symbol_id: symbol.id }).orderBy('source').select('source', db.raw('price::text AS price'), 'ts')) as Array<{ source: string; price: string; ts: string | number }>;
  const freshAfter = opts.now - opts.staleSeconds * 1000;
  const fresh = quotes.filter((q) => Number(q.ts) >= freshAfter);
  const mid = fresh.length ? median(fresh.map((q) => new Decimal(q.price))) : null;
  const sources = quotes.map((q): SourcePrice => {
    const isFresh = Number(q.ts) >= freshAfter;
    const deviation = mid && !mid.isZero() ? new Decimal(q.price).minus(mid).abs().div(mid) : null;
    return {
      source: q.source,
      price: Number(q.price),
      at: new Date(Number(q.ts)).toISOString(),
      fresh: isFresh,
      outlier: isFresh && deviation !== null && deviation.greaterThan(opts.maxSpread),
      deviation: deviation === null ? null : deviation.toDecimalPlaces(6).toNumber(),
    };
  });
  const newest = fresh.reduce((m, q) => Math.max(m, Number(q.ts)), 0);
  return {
    symbol: symbol.code,
    price: mid ? mid.toNumber() : null,
    at: mid ? new Date(newest).toISOString() : null,
    sources,
    outliers: sources.filter((s) => s.outlier).map((s) => s.source),
    stale: sources.filter((s) => !s.fresh).map((s) => s.source),
  };
}
