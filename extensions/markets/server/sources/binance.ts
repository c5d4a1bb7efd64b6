// Binance spot, public REST: GET /api/v3/trades?symbol=BTCUSDT&limit=500 ("Recent trades list",
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints).
// Each trade: { id, price, qty, quoteQty, time (ms), isBuyerMaker, isBestMatch }.
import { asArray, asObject, decimal, getJson, millis, type SourceAdapter } from './adapter';

export const binance: SourceAdapter = {
  id: 'binance',
  name: 'Binance',
  assetClass: 'crypto',
  defaultUrl: 'https://api.binance.com',
  docs: 'https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#recent-trades-list',
  async poll(ctx, symbol) {
    const rows = asArray(await getJson(ctx, 'api/v3/trades', { symbol, limit: '500' }), 'trades');
    return {
      trades: rows.map((row, i) => {
        const t = asObject(row, `trades[${i}]`);
        if (typeof t.id !== 'number') throw new Error(`trades[${i}].id is missing`);
        return { id: String(t.id), ts: millis(t.time, `trades[${i}].time`), price: decimal(t.price, `trades[${i}].price`), size: decimal(t.qty, `trades[${i}].qty`) };
      }),
    };
  },
};
