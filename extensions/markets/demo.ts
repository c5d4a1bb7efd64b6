// The markets' part of the demo: two days of the fixture source's deterministic trades for FIX-BTC
// (around the clock) and FIX-AAPL (a NYSE stock, session hours only), so the chart has history.
import type { DemoContext, Kernel } from '../../server/extensions/api';
import { fixtureTrades } from './server/sources/fixture';
import { orderKey } from './server/ingest';

export async function seedDemoMarkets(_kernel: Kernel, demo: DemoContext): Promise<{ trades: number }> {
  const tx = demo.trx;
  const now = Date.now();
  let trades = 0;
  await tx('markets_sources').insert({ code: 'fixture', kind: 'fixture' }).onConflict('code').ignore();
  for (const [code, exchange] of [['FIX-BTC', null], ['FIX-AAPL', 'NYSE']] as const) {
    await tx('markets_symbols').insert({ code, name: code === 'FIX-BTC' ? 'Fixture bitcoin' : 'Fixture Apple', asset_class: exchange ? 'stock' : 'crypto', exchange }).onConflict('code').ignore();
    const { id } = (await tx('markets_symbols').where({ code }).first('id')) as { id: number };
    const rows = fixtureTrades(code, now - 3 * 86_400_000, now).map((t) => ({ symbol_id: id, source: 'fixture', trade_id: t.id, ord: orderKey(t.id), ts: t.ts, price: t.price, size: t.size }));
    for (let i = 0; i < rows.length; i += 1000) await tx('markets_trades').insert(rows.slice(i, i + 1000)).onConflict(['source', 'symbol_id', 'trade_id']).ignore();
    const last = rows.at(-1);
    if (last) await tx('markets_quotes').insert({ symbol_id: id, source: 'fixture', price: last.price, ts: last.ts }).onConflict(['symbol_id', 'source']).merge();
    trades += rows.length;
  }
  return { trades };
}
