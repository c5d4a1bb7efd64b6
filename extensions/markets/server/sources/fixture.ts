// The fixture source: deterministic trades for demos and tests, the same on every machine. Each
// minute holds 1–3 trades whose prices follow a slow wave plus a hashed wobble; the stock symbol
// trades only 09:30–16:00 New York time on weekdays.
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import type { PolledTrade, SourceAdapter } from './adapter';

const BASE: Record<string, number> = { 'FIX-BTC': 64_000, 'FIX-AAPL': 190 };

function hash(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 0x1_0000_0000;
}

const isStock = (symbol: string) => symbol === 'FIX-AAPL';

function sessionOpen(ms: number): boolean {
  const ny = DateTime.fromMillis(ms, { zone: 'America/New_York' });
  const minutes = ny.hour * 60 + ny.minute;
  return ny.weekday <= 5 && minutes >= 570 && minutes < 960;
}

/** The fixture's trades of one minute (minute = ms / 60,000). */
export function fixtureMinute(symbol: string, minute: number): PolledTrade[] {
  if (isStock(symbol) && !sessionOpen(minute * 60_000)) return [];
  const base = BASE[symbol] ?? 100;
  const count = 1 + Math.floor(hash(symbol, minute, 'n') * 3);
  const trades: PolledTrade[] = [];
  for (let k = 0; k < count; k++) {
    const wave = Math.sin(minute / 240) * 0.03 + Math.sin(minute / 37) * 0.006;
    const wobble = (hash(symbol, minute, k, 'p') - 0.5) * 0.004;
    const price = (base * (1 + wave + wobble)).toFixed(2);
    const size = (0.001 + hash(symbol, minute, k, 's') * (isStock(symbol) ? 500 : 2)).toFixed(isStock(symbol) ? 0 : 4);
    trades.push({ id: String(minute * 10 + k), ts: minute * 60_000 + Math.floor(hash(symbol, minute, k, 't') * 20_000) + k * 20_000, price, size: size === '0' ? '1' : size });
  }
  return trades;
}

export function fixtureTrades(symbol: string, fromMs: number, toMs: number): PolledTrade[] {
  const out: PolledTrade[] = [];
  for (let m = Math.floor(fromMs / 60_000); m * 60_000 < toMs; m++) for (const t of fixtureMinute(symbol, m)) if (t.ts >= fromMs && t.ts < toMs) out.push(t);
  return out;
}

export const fixture: SourceAdapter = {
  id: 'fixture',
  name: 'Fixture (deterministic demo data)',
  assetClass: 'crypto',
  defaultUrl: 'fixture:',
  docs: 'extensions/markets/server/sources/fixture.ts',
  async poll(ctx, symbol) {
    return { trades: fixtureTrades(symbol, ctx.now - 15 * 60_000, ctx.now) };
  },
};
