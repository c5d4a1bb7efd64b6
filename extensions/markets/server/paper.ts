// Paper trades: a user "buys" or "sells" at the consensus price, as the kernel action paper_trade,
// which runs on the `nyse` schedule: outside New York's trading session it is refused with 429
// SCHEDULE_CLOSED and the next opening, so the exchange calendar is seen at work.
import { Decimal } from 'decimal.js';
import { LIVE_SCOPE, conflict, newestFirstPage, notFound, type Kernel, type PageInput } from '../../../server/extensions/api';
import { marketsSettings } from '../settings';
import { consensusOf } from './consensus';
import { findSymbol } from './symbols';

interface PaperRow {
  id: string;
  symbol: string;
  side: 'buy' | 'sell';
  size: string;
  price: string;
  created_at: Date;
}

const toPaper = (r: PaperRow) => ({ id: r.id, symbol: r.symbol, side: r.side, size: r.size, price: r.price, createdAt: new Date(r.created_at) });

export async function placePaperTrade(kernel: Kernel, userId: string, input: { symbol: string; side: 'buy' | 'sell'; size: string | number }) {
  const settings = kernel.settings(marketsSettings);
  return kernel.transaction(async (tx) => {
    const symbol = await findSymbol(tx, input.symbol);
    if (!symbol) throw notFound('symbol');
    const price = await consensusOf(tx, symbol, { staleSeconds: settings.staleSeconds, maxSpread: settings.maxSpread, now: Date.now() });
    if (price.price === null) throw conflict('NO_FRESH_PRICE', `${symbol.code} has no fresh price to trade at.`);
    await kernel.actions.execute(tx, { scope: LIVE_SCOPE, userId, actionCode: 'paper_trade', system: true, params: { symbol: symbol.code, side: input.side } });
    const [row] = (await tx('markets_paper_trades')
      .insert({ user_id: userId, symbol: symbol.code, side: input.side, size: new Decimal(input.size).toFixed(), price: new Decimal(price.price).toFixed() })
      .returning(['id', 'symbol', 'side', tx.raw('size::text AS size'), tx.raw('price::text AS price'), 'created_at'])) as PaperRow[];
    return toPaper(row!);
  });
}

export async function listPaperTrades(kernel: Kernel, userId: string, page: PageInput) {
  const q = kernel.db('markets_paper_trades').where({ user_id: userId }).select('id', 'symbol', 'side', kernel.db.raw('size::text AS size'), kernel.db.raw('price::text AS price'), 'created_at');
  const { rows, nextCursor } = await newestFirstPage<PaperRow>(q, page);
  return { items: rows.map(toPaper), nextCursor };
}
