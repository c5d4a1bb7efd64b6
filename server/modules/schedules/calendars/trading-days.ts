// What kind of day a local date is on an exchange: a weekend, a holiday (with its name), an early
// close at 13:00, or a regular 09:30–16:00 session. Published years come from the exchange's table,
// every other year from the holiday rules.
import type { DateTime } from 'luxon';
import { exchangeDays, type Exchange, type ExchangeYear } from './exchange-days';
import { ruleBasedYear } from './exchange-rules';

export const EXCHANGE_ZONE = 'America/New_York';
export const exchangeHours = { opens: '09:30', closes: '16:00', earlyCloses: '13:00' } as const;

export type TradingDay =
  | { kind: 'weekend' }
  | { kind: 'holiday'; name: string }
  | { kind: 'trading'; closes: string; earlyClose: string | null };

const ruleYears = new Map<number, ExchangeYear>();

function yearOf(exchange: Exchange, year: number): ExchangeYear {
  const published = exchangeDays[exchange][year];
  if (published) return published;
  let computed = ruleYears.get(year);
  if (!computed) ruleYears.set(year, (computed = ruleBasedYear(year)));
  return computed;
}

/** The day `localDay` (a date in America/New_York) is on `exchange`. */
export function tradingDay(exchange: Exchange, localDay: DateTime): TradingDay {
  if (localDay.weekday >= 6) return { kind: 'weekend' };
  const date = localDay.toISODate()!;
  const year = yearOf(exchange, localDay.year);
  const holiday = year.holidays[date];
  if (holiday) return { kind: 'holiday', name: holiday };
  const early = year.earlyCloses[date];
  return early
    ? { kind: 'trading', closes: exchangeHours.earlyCloses, earlyClose: early }
    : { kind: 'trading', closes: exchangeHours.closes, earlyClose: null };
}
