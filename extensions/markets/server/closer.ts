// candle.closed: a job every minute looks at the buckets (every interval, UTC) that ended in the
// last few minutes, and emits one event per symbol, interval and bucket with trades. The insert
// into markets_closed_candles decides who emits, so every bucket is announced once across
// instances and retries; a trade arriving after the announcement changes its candle, not the event.
import type { Kernel } from '../../../server/extensions/api';
import { candles } from './candles';
import { candleClosed } from './events';
import { INTERVALS, STEP, alignDown, MONDAY_OFFSET } from './grid';

const LOOKBACK_MINUTES = 5;

export async function closeCandles(kernel: Kernel, now = Date.now()): Promise<number> {
  const since = now - LOOKBACK_MINUTES * 60_000;
  // Symbols with a recent trade, from the latest-trade-per-source table (small), not the trades.
  const symbols = (await kernel.db('markets_quotes').where('ts', '>=', since - 8 * 86_400_000).distinct('symbol_id')) as Array<{ symbol_id: number }>;
  if (!symbols.length) return 0;
  const codes = (await kernel.db('markets_symbols').whereIn('id', symbols.map((s) => s.symbol_id)).select('id', 'code')) as Array<{ id: number; code: string }>;
  let emitted = 0;
  for (const interval of INTERVALS) {
    const step = STEP[interval];
    const offset = interval === '1w' ? MONDAY_OFFSET : 0;
    // Buckets that ended in (since, now].
    for (let end = alignDown(now, step, offset); end > since; end -= step) {
      const start = end - step;
      for (const symbol of codes) {
        const page = await candles(kernel, { symbol: symbol.code, interval, from: start, to: end, tz: 'UTC', fill: false, limit: 1 });
        const candle = page.items[0];
        if (!candle) continue;
        await kernel.transaction(async (tx) => {
          const claimed = (await tx('markets_closed_candles').insert({ symbol_id: symbol.id, interval, t: start }).onConflict(['symbol_id', 'interval', 't']).ignore().returning('t')) as unknown[];
          if (!claimed.length) return;
          await kernel.events.emit(tx, { event: candleClosed, mode: 'live', data: { symbol: symbol.code, interval, ...candle } });
          emitted++;
        });
      }
    }
  }
  return emitted;
}
