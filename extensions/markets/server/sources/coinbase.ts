// Coinbase Exchange, public REST: GET /products/{product_id}/trades?limit=100 ("Get product trades",
// https://docs.cdp.coinbase.com/exchange/reference/exchangerestapi_getproducttrades).
// Each trade: { time (ISO-8601, microseconds), trade_id, price, size, side }.
import { asArray, asObject, decimal, getJson, SourceError, type SourceAdapter } from './adapter';

export const coinbase: SourceAdapter = {
  id: 'coinbase',
  name: 'Coinbase Exchange',
  assetClass: 'crypto',
  defaultUrl: 'https://api.exchange.coinbase.com',
  docs: 'https://docs.cdp.coinbase.com/exchange/reference/exchangerestapi_getproducttrades',
  async poll(ctx, product) {
    const rows = asArray(await getJson(ctx, `products/${encodeURIComponent(product)}/trades`, { limit: '100' }), 'trades');
    return {
      trades: rows.map((row, i) => {
        const t = asObject(row, `trades[${i}]`);
        const ts = typeof t.time === 'string' ? Date.parse(t.time) : NaN;
        if (!Number.isFinite(ts)) throw new SourceError(`trades[${i}].time is not a timestamp`);
        if (typeof t.trade_id !== 'number' && typeof t.trade_id !== 'string') throw new SourceError(`trades[${i}].trade_id is missing`);
        return { id: String(t.trade_id), ts, price: decimal(t.price, `trades[${i}].price`), size: decimal(t.size, `trades[${i}].size`) };
      }),
    };
  },
};
