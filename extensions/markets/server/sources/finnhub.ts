// Finnhub, stock quote: GET /api/v1/quote?symbol=AAPL&token=… ("Quote",
// https://finnhub.io/docs/api/quote). Answers { c (current), d, dp, h, l, o, pc, t (s) }; an unknown
// symbol answers zeros.
import { asObject, decimal, getJson, SourceError, type SourceAdapter } from './adapter';

export const finnhub: SourceAdapter = {
  id: 'finnhub',
  name: 'Finnhub',
  assetClass: 'stock',
  defaultUrl: 'https://finnhub.io',
  docs: 'https://finnhub.io/docs/api/quote',
  async poll(ctx, symbol) {
    const q = asObject(await getJson(ctx, 'api/v1/quote', { symbol, token: ctx.key ?? '' }), 'quote');
    if (q.c === 0 && q.t === 0) throw new SourceError(`Finnhub knows no symbol ${symbol}`);
    if (typeof q.t !== 'number' || q.t <= 0) throw new SourceError('quote.t is not a timestamp');
    return { trades: [], quote: { price: decimal(q.c, 'quote.c'), ts: q.t * 1000 } };
  },
};
