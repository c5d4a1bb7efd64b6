// What the live stream sends: the candles touched by trades stored after `after` (a trade's seq),
// and the consensus price. The stream polls this once a second, so any instance's writes reach any
// instance's listeners through the database.
import { notFound, type Kernel } from '../../../server/extensions/api';
import { marketsSettings } from '../settings';
import { candles, type Candle } from './candles';
import { consensusOf, type Consensus } from './consensus';
import type { Interval } from './grid';
import { findSymbol } from './symbols';

export async function liveSince(kernel: Kernel, input: { symbol: string; interval: Interval; after: number }): Promise<{ seq: number; bars: Candle[]; price: Consensus | null }> {
  const symbol = await findSymbol(kernel.db, input.symbol);
  if (!symbol) throw notFound('symbol');
  const settings = kernel.settings(marketsSettings);
  // The newest seq of all trades is one step down the primary key; a listener starts there, and one
  // far behind (or a crafted `after`) looks at the last MAX_BEHIND trades only.
  const newest = (await kernel.db('markets_trades').max({ seq: 'seq' }).first()) as { seq: string | null } | undefined;
  const top = Number(newest?.seq ?? 0);
  if (input.after === 0) return { seq: top, bars: [], price: null };
  const after = Math.max(input.after, top - MAX_BEHIND);
  const span = (await kernel.db('markets_trades')
    .where({ symbol_id: symbol.id })
    .where('seq', '>', after)
    .first(kernel.db.raw('max(seq) AS seq, min(ts) AS lo, max(ts) AS hi'))) as { seq: string | null; lo: string | null; hi: string | null };
  if (span.seq === null) return { seq: Math.max(after, Math.min(input.after, top)), bars: [], price: null };
  // The touched buckets: from the earliest new trade's bucket to the latest's (late trades included).
  const page = await candles(kernel, { symbol: symbol.code, interval: input.interval, from: Number(span.lo) - stepBack(input.interval), to: Number(span.hi) + 1, fill: false, limit: 1000 });
  const bars = page.items.filter((b) => b.t + stepBack(input.interval) > Number(span.lo));
  const price = await consensusOf(kernel.db, symbol, { staleSeconds: settings.staleSeconds, maxSpread: settings.maxSpread, now: Date.now() });
  return { seq: Number(span.seq), bars, price };
}

const MAX_BEHIND = 50_000;

const stepBack = (interval: Interval) => ({ '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 90_000_000, '1w': 608_400_000 })[interval];
