// The US equity exchanges' holiday rules (NYSE Rule 7.2, which Nasdaq follows), for years outside
// the published tables: the fixed-date holidays with their observed days, the Monday holidays,
// Good Friday from the date of Easter, and the customary 13:00 early closes. One-off closures
// (national days of mourning, weather) cannot be derived, which is why published years come from
// exchange-days.ts instead.
import { DateTime } from 'luxon';
import type { ExchangeYear } from './exchange-days';

const day = (year: number, month: number, dayOfMonth: number) => DateTime.utc(year, month, dayOfMonth);
const iso = (d: DateTime) => d.toISODate()!;

/** The n-th given weekday (1 = Monday … 7 = Sunday) of a month; n = -1 is the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  if (n > 0) {
    const first = day(year, month, 1);
    return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (n - 1) * 7 });
  }
  const last = day(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - weekday + 7) % 7 });
}

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, month, dayOfMonth);
}

/**
 * A fixed-date holiday on a weekend moves to the nearest weekday: Sunday → Monday, Saturday →
 * Friday. New Year's Day on a Saturday is not moved to the Friday before, which would close the
 * last trading day of the previous year (Rule 7.2's year-end accounting exception).
 */
function observed(date: DateTime, saturdayToFriday = true): DateTime | null {
  if (date.weekday === 7) return date.plus({ days: 1 });
  if (date.weekday === 6) return saturdayToFriday ? date.minus({ days: 1 }) : null;
  return date;
}

export function ruleBasedYear(year: number): ExchangeYear {
  const holidays: Record<string, string> = {};
  const add = (date: DateTime | null, name: string, wasMoved = false) => {
    if (date) holidays[iso(date)] = wasMoved ? `${name} (observed)` : name;
  };
  const fixed = (month: number, dayOfMonth: number, name: string, saturdayToFriday = true) => {
    const actual = day(year, month, dayOfMonth);
    const moved = observed(actual, saturdayToFriday);
    add(moved, name, moved !== null && !moved.equals(actual));
  };
  fixed(1, 1, "New Year's Day", false);
  add(nthWeekday(year, 1, 1, 3), 'Martin Luther King, Jr. Day');
  add(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  add(easterSunday(year).minus({ days: 2 }), 'Good Friday');
  add(nthWeekday(year, 5, 1, -1), 'Memorial Day');
  if (year >= 2022) fixed(6, 19, 'Juneteenth National Independence Day');
  fixed(7, 4, 'Independence Day');
  add(nthWeekday(year, 9, 1, 1), 'Labor Day');
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  add(thanksgiving, 'Thanksgiving Day');
  fixed(12, 25, 'Christmas Day');

  // Early closes fall on Monday–Thursday only: on a Friday the same date is the observed holiday.
  const earlyCloses: Record<string, string> = {};
  const julyThird = day(year, 7, 3);
  if (julyThird.weekday <= 4) earlyCloses[iso(julyThird)] = 'Day before Independence Day';
  earlyCloses[iso(thanksgiving.plus({ days: 1 }))] = 'Day after Thanksgiving';
  const christmasEve = day(year, 12, 24);
  if (christmasEve.weekday <= 4) earlyCloses[iso(christmasEve)] = 'Christmas Eve';
  return { holidays, earlyCloses };
}
