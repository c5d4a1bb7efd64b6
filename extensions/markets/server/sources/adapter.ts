// What a market-data source is: an adapter that, given a provider's symbol, fetches its latest
// trades (and/or a quote) over HTTP. Prices and sizes stay decimal strings from the wire to the
// database; timestamps are milliseconds UTC.
import { Decimal } from 'decimal.js';

export interface PolledTrade {
  id: string;
  ts: number;
  price: string;
  size: string;
}

export interface PollResult {
  trades: PolledTrade[];
  /** The source's latest price when it gives one without trades (a quote endpoint). */
  quote?: { price: string; ts: number };
}

export interface PollContext {
  baseUrl: string;
  key?: string;
  timeoutMs: number;
  now: number;
}

export interface SourceAdapter {
  id: string;
  name: string;
  assetClass: 'crypto' | 'stock';
  /** The provider's documented base URL (CALOS_MARKETS_<ID>_URL overrides it). */
  defaultUrl: string;
  docs: string;
  poll(ctx: PollContext, providerSymbol: string): Promise<PollResult>;
}

/** A provider's answer that is not what its documentation says. */
export class SourceError extends Error {}

/** GET a JSON document, failing on a non-2xx answer, a timeout, or a body that is not JSON. */
export async function getJson(ctx: PollContext, path: string, query: Record<string, string>): Promise<unknown> {
  const url = new URL(path, ctx.baseUrl.endsWith('/') ? ctx.baseUrl : `${ctx.baseUrl}/`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, { signal: AbortSignal.timeout(ctx.timeoutMs), headers: { accept: 'application/json', 'user-agent': 'CalOS-markets/1.0' } });
  const text = await res.text();
  if (!res.ok) throw new SourceError(`HTTP ${res.status} from ${url.host}${url.pathname}${text ? `: ${text.slice(0, 160)}` : ''}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError(`${url.host}${url.pathname} answered something that is not JSON`);
  }
}

/** A decimal from a provider (string or number), positive and finite, as a plain decimal string. */
export function decimal(value: unknown, what: string, allowZero = false): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new SourceError(`${what} is missing`);
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    throw new SourceError(`${what} is not a number: ${String(value).slice(0, 40)}`);
  }
  if (!d.isFinite() || d.isNegative() || (!allowZero && d.isZero())) throw new SourceError(`${what} is out of range: ${String(value).slice(0, 40)}`);
  return d.toFixed();
}

export function millis(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new SourceError(`${what} is not a timestamp`);
  return Math.floor(value);
}

export const asArray = (value: unknown, what: string): unknown[] => {
  if (!Array.isArray(value)) throw new SourceError(`${what} is not a list`);
  return value;
};

export const asObject = (value: unknown, what: string): Record<string, unknown> => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SourceError(`${what} is not an object`);
  return value as Record<string, unknown>;
};
