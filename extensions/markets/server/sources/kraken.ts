// Kraken, public REST: GET /0/public/Trades?pair=XBTUSD ("Get Recent Trades",
// https://docs.kraken.com/api/docs/rest-api/get-recent-trades). Answers
// { error: [], result: { <pair name>: [[price, volume, time (s, fractional), side, type, misc, trade_id]], last } }.
import { asArray, asObject, decimal, getJson, SourceError, type SourceAdapter } from './adapter';

export const kraken: SourceAdapter = {
  id: 'kraken',
  name: 'Kraken',
  assetClass: 'crypto',
  defaultUrl: 'https://api.kraken.com',
  docs: 'https://docs.kraken.com/api/docs/rest-api/get-recent-trades',
  async poll(ctx, pair) {
    const body = asObject(await getJson(ctx, '0/public/Trades', { pair, count: '500' }), 'answer');
    const errors = asArray(body.error ?? [], 'error');
    if (errors.length) throw new SourceError(`Kraken: ${errors.join(', ').slice(0, 160)}`);
    const result = asObject(body.result, 'result');
    const key = Object.keys(result).find((k) => k !== 'last');
    if (!key) throw new SourceError('Kraken: no pair in the result');
    return {
      trades: asArray(result[key], key).map((row, i) => {
        const [price, volume, time, , , , id] = asArray(row, `${key}[${i}]`);
        if (typeof time !== 'number') throw new SourceError(`${key}[${i}] time is not a number`);
        if (typeof id !== 'number') throw new SourceError(`${key}[${i}] has no trade id`);
        // Seconds with microseconds: keep the millisecond (floor, as the exchange's own ms would be).
        return { id: String(id), ts: Math.floor(Math.round(time * 1e6) / 1e3), price: decimal(price, `${key}[${i}].price`), size: decimal(volume, `${key}[${i}].volume`) };
      }),
    };
  },
};
