// Polygon.io, stocks: GET /v2/last/trade/{ticker}?apiKey=… ("Last Trade",
// https://polygon.io/docs/rest/stocks/trades-quotes/last-trade). Answers
// { status: "OK", request_id, results: { T, i (trade id), p (price), s (size), t (SIP ns), x, … } }.
import { asObject, decimal, getJson, SourceError, type SourceAdapter } from './adapter';

export const polygon: SourceAdapter = {
  id: 'polygon',
  name: 'Polygon.io',
  assetClass: 'stock',
  defaultUrl: 'https://api.polygon.io',
  docs: 'https://polygon.io/docs/rest/stocks/trades-quotes/last-trade',
  async poll(ctx, ticker) {
    const body = asObject(await getJson(ctx, `v2/last/trade/${encodeURIComponent(ticker)}`, { apiKey: ctx.key ?? '' }), 'answer');
    if (body.status !== 'OK') throw new SourceError(`Polygon: status ${String(body.status).slice(0, 40)}`);
    const r = asObject(body.results, 'results');
    if (typeof r.t !== 'number') throw new SourceError('results.t is not a timestamp');
    if (typeof r.i !== 'string' && typeof r.i !== 'number') throw new SourceError('results.i is missing');
    // Nanoseconds beyond 2^53 lose their last digits as a JSON number; the millisecond survives.
    const ts = Math.floor(r.t / 1e6);
    return { trades: [{ id: String(r.i), ts, price: decimal(r.p, 'results.p'), size: decimal(r.s, 'results.s') }] };
  },
};
