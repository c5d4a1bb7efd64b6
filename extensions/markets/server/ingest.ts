// Trades in, from a pushed batch or a poll: one transaction per batch, idempotent per source,
// symbol and trade id (ON CONFLICT DO NOTHING on the unique key, so parallel or repeated batches
// on any instance insert each trade once), answering how many were new. The source's latest
// trade becomes its quote for the consensus, and the symbol's price.updated event is emitted at
// most once per throttle window (a conditional upsert, so instances agree).
import type { Knex } from 'knex';
import { Decimal } from 'decimal.js';
import type { Kernel } from '../../../server/extensions/api';
import { priceUpdated } from './events';
import { consensusOf } from './consensus';
import { ensureSource, ensureSymbol, type SymbolRow } from './symbols';
import type { MarketsSettings } from '../settings';

export interface TradeIn {
  id: string | number;
  ts: number;
  price: string | number;
  size: string | number;
}

/** Integers sort by value, any other id by its bytes (after all integers). */
export function orderKey(id: string): string {
  return /^(0|[1-9]\d{0,19})$/.test(id) ? `i${id.padStart(20, '0')}` : `s${id}`;
}

const CHUNK = 1000;

export interface IngestResult {
  symbol: string;
  source: string;
  received: number;
  inserted: number;
  duplicates: number;
}

export async function ingest(
  kernel: Kernel,
  settings: MarketsSettings,
  batch: { symbol: string; source: string; exchange?: 'NYSE' | 'NASDAQ' | null; trades: TradeIn[] },
  kind = 'push',
): Promise<IngestResult> {
  const rows = batch.trades.map((t) => {
    const id = String(t.id);
    return { trade_id: id, ord: orderKey(id), ts: t.ts, price: new Decimal(t.price).toFixed(), size: new Decimal(t.size).toFixed() };
  });
  const now = Date.now();
  return kernel.transaction(async (tx) => {
    const symbol = await ensureSymbol(tx, batch.symbol, batch.exchange ?? null);
    await ensureSource(tx, batch.source, kind);
    let inserted = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...r, symbol_id: symbol.id, source: batch.source }));
      const done = (await tx('markets_trades').insert(chunk).onConflict(['source', 'symbol_id', 'trade_id']).ignore().returning('seq')) as unknown[];
      inserted += done.length;
    }
    if (rows.length) {
      const latest = rows.reduce((a, b) => (b.ts > a.ts || (b.ts === a.ts && b.ord > a.ord) ? b : a));
      await tx.raw(
        `INSERT INTO markets_quotes (symbol_id, source, price, ts) VALUES (?, ?, ?, ?)
         ON CONFLICT (symbol_id, source) DO UPDATE SET price = excluded.price, ts = excluded.ts WHERE excluded.ts >= markets_quotes.ts`,
        [symbol.id, batch.source, latest.price, latest.ts],
      );
    }
    await tx('markets_sources').where({ code: batch.source }).update({ last_success_at: new Date(now) });
    if (inserted) await maybeEmitPrice(kernel, tx, settings, symbol, now);
    return { symbol: symbol.code, source: batch.source, received: rows.length, inserted, duplicates: rows.length - inserted };
  });
}

async function maybeEmitPrice(kernel: Kernel, tx: Knex.Transaction, settings: MarketsSettings, symbol: SymbolRow, now: number) {
  const since = new Date(now - settings.priceEventSeconds * 1000);
  const won = (await tx.raw(
    `INSERT INTO markets_price_events (symbol_id, emitted_at) VALUES (?, ?)
     ON CONFLICT (symbol_id) DO UPDATE SET emitted_at = excluded.emitted_at WHERE markets_price_events.emitted_at <= ?
     RETURNING symbol_id`,
    [symbol.id, new Date(now), since],
  )) as { rows: unknown[] };
  if (!won.rows.length) return;
  const c = await consensusOf(tx, symbol, { staleSeconds: settings.staleSeconds, maxSpread: settings.maxSpread, now });
  if (c.price === null) return;
  await kernel.events.emit(tx, {
    event: priceUpdated,
    mode: 'live',
    data: { symbol: symbol.code, price: c.price, at: c.at!, sources: c.sources.filter((s) => s.fresh).map((s) => s.source), outliers: c.outliers },
  });
}
