// NYSE and NASDAQ calendars probed at every 2025–2027 holiday and early close, at the edges of the
// session, across both daylight-saving changes and across long weekends.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { exchangeDays } from '../calendars/exchange-days';
import { exchangeKind } from './exchange';

const nyse = exchangeKind.calendar({ exchange: 'NYSE' }, 'America/New_York');
const nasdaq = exchangeKind.calendar({ exchange: 'NASDAQ' }, 'America/New_York');
const ZONE = 'America/New_York';

/** An instant given as New York wall-clock time, e.g. et('2026-11-27T12:59'). */
const et = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const utc = (iso: string) => new Date(iso);
const years = [2025, 2026, 2027] as const;
const holidays = years.flatMap((y) => Object.entries(exchangeDays.NYSE[y]!.holidays));
const earlyCloses = years.flatMap((y) => Object.keys(exchangeDays.NYSE[y]!.earlyCloses));

/** The nearest weekday before (-1) or after (+1) a date. */
function nearestWeekday(date: string, step: 1 | -1): string {
  let d = DateTime.fromISO(date, { zone: ZONE }).plus({ days: step });
  while (d.weekday >= 6) d = d.plus({ days: step });
  return d.toISODate()!;
}

describe('the 2025–2027 tables', () => {
  it('hold the published days', () => {
    expect(holidays.map(([date]) => date)).toEqual([
      '2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19',
      '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25',
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03',
      '2026-09-07', '2026-11-26', '2026-12-25',
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31', '2027-06-18', '2027-07-05',
      '2027-09-06', '2027-11-25', '2027-12-24',
    ]);
    expect(earlyCloses).toEqual(['2025-07-03', '2025-11-28', '2025-12-24', '2026-11-27', '2026-12-24', '2027-11-26']);
  });
});

describe('NYSE holidays', () => {
  it.each(holidays)('%s (%s) is closed all day, and the weekdays around it trade', (date, name) => {
    for (const time of ['00:00', '09:30', '12:00', '15:59:59']) {
      const at = et(`${date}T${time}`);
      expect(nyse.isOpen(at), `${date} ${time}`).toBe(false);
      expect(nyse.closedReason(at)).toBe(`HOLIDAY: ${name}`);
    }
    expect(nyse.nextOpenAt(et(`${date}T12:00`))).toEqual(et(`${nearestWeekday(date, 1)}T09:30`));
    for (const neighbour of [nearestWeekday(date, -1), nearestWeekday(date, 1)]) {
      expect(nyse.isOpen(et(`${neighbour}T12:00`)), neighbour).toBe(true);
    }
  });

  it('trades on the days that are easy to get wrong', () => {
    for (const date of ['2026-07-02', '2027-07-02', '2027-12-23', '2027-12-31', '2025-01-08', '2025-01-10']) {
      expect(nyse.isOpen(et(`${date}T15:30`)), date).toBe(true);
    }
    // 2027-12-24 is the observed Christmas holiday, not an early close.
    expect(nyse.closedReason(et('2027-12-24T10:00'))).toBe('HOLIDAY: Christmas Day (observed)');
  });
});

describe('NYSE early closes', () => {
  it.each(earlyCloses)('%s is open until 12:59:59 and closed from 13:00', (date) => {
    expect(nyse.isOpen(et(`${date}T09:30`))).toBe(true);
    expect(nyse.isOpen(et(`${date}T12:59`))).toBe(true);
    expect(nyse.isOpen(et(`${date}T12:59:59.999`))).toBe(true);
    expect(nyse.isOpen(et(`${date}T13:00`))).toBe(false);
    expect(nyse.closedReason(et(`${date}T13:00`))).toBe('EARLY_CLOSE');
    expect(nyse.closedReason(et(`${date}T15:00`))).toBe('EARLY_CLOSE');
    expect(nyse.closedReason(et(`${date}T08:00`))).toBe('OUTSIDE_HOURS');
    expect(nyse.nextCloseAt(et(`${date}T10:00`))).toEqual(et(`${date}T13:00`));
    // The weekdays around it close at 16:00 as usual.
    for (const neighbour of [nearestWeekday(date, -1), nearestWeekday(date, 1)]) {
      if (holidays.some(([d]) => d === neighbour)) continue;
      expect(nyse.isOpen(et(`${neighbour}T15:30`)), neighbour).toBe(true);
      expect(nyse.nextCloseAt(et(`${neighbour}T10:00`))).toEqual(et(`${neighbour}T16:00`));
    }
  });
});

describe('NYSE regular days', () => {
  it('opens at 09:30:00 and closes at 16:00:00 exactly', () => {
    const day = '2026-06-10';
    expect(nyse.stateAt(et(`${day}T09:29:59`))).toEqual({
      open: false,
      reason: 'OUTSIDE_HOURS',
      nextOpenAt: et(`${day}T09:30`),
      nextCloseAt: et(`${day}T16:00`),
    });
    expect(nyse.isOpen(et(`${day}T09:30`))).toBe(true);
    expect(nyse.isOpen(et(`${day}T15:59:59`))).toBe(true);
    expect(nyse.stateAt(et(`${day}T16:00`))).toEqual({
      open: false,
      reason: 'OUTSIDE_HOURS',
      nextOpenAt: et('2026-06-11T09:30'),
      nextCloseAt: et('2026-06-11T16:00'),
    });
  });

  it('when open, gives the close of this session and the open of the next', () => {
    expect(nyse.stateAt(et('2026-06-10T11:00'))).toEqual({
      open: true,
      reason: null,
      nextOpenAt: et('2026-06-11T09:30'),
      nextCloseAt: et('2026-06-10T16:00'),
    });
  });

  it('is closed at weekends', () => {
    for (const at of ['2026-06-13T12:00', '2026-06-14T12:00', '2026-06-13T00:00', '2026-06-14T23:59:59']) {
      expect(nyse.isOpen(et(at))).toBe(false);
      expect(nyse.closedReason(et(at))).toBe('WEEKEND');
      expect(nyse.nextOpenAt(et(at))).toEqual(et('2026-06-15T09:30'));
    }
  });
});

describe('daylight-saving changes', () => {
  it('opens at 09:30 EDT (13:30 UTC) on the Monday after clocks go forward on 2026-03-08', () => {
    const fridayEvening = utc('2026-03-06T22:00:00Z'); // 17:00 EST
    expect(nyse.nextOpenAt(fridayEvening)).toEqual(utc('2026-03-09T13:30:00Z'));
    expect(nyse.nextCloseAt(fridayEvening)).toEqual(utc('2026-03-09T20:00:00Z'));
    expect(nyse.isOpen(utc('2026-03-06T14:30:00Z'))).toBe(true); // Friday 09:30 EST
    expect(nyse.isOpen(utc('2026-03-09T13:29:59Z'))).toBe(false);
    expect(nyse.isOpen(utc('2026-03-09T13:30:00Z'))).toBe(true);
    expect(nyse.isOpen(utc('2026-03-09T19:59:59Z'))).toBe(true);
    expect(nyse.isOpen(utc('2026-03-09T20:00:00Z'))).toBe(false);
    // From inside the skipped hour itself (02:00–03:00 local does not exist).
    expect(nyse.nextOpenAt(utc('2026-03-08T07:30:00Z'))).toEqual(utc('2026-03-09T13:30:00Z'));
  });

  it('opens at 09:30 EST (14:30 UTC) on the Monday after clocks go back on 2026-11-01', () => {
    const fridayEvening = utc('2026-10-30T21:00:00Z'); // 17:00 EDT
    expect(nyse.nextOpenAt(fridayEvening)).toEqual(utc('2026-11-02T14:30:00Z'));
    expect(nyse.nextCloseAt(fridayEvening)).toEqual(utc('2026-11-02T21:00:00Z'));
    expect(nyse.isOpen(utc('2026-11-02T14:29:59Z'))).toBe(false);
    expect(nyse.isOpen(utc('2026-11-02T14:30:00Z'))).toBe(true);
    expect(nyse.isOpen(utc('2026-11-02T20:59:59Z'))).toBe(true);
    expect(nyse.isOpen(utc('2026-11-02T21:00:00Z'))).toBe(false);
    // From inside the repeated hour (01:00–02:00 local happens twice).
    expect(nyse.nextOpenAt(utc('2026-11-01T06:30:00Z'))).toEqual(utc('2026-11-02T14:30:00Z'));
  });
});

describe('long weekends', () => {
  it('from Thanksgiving 2026 opens Friday 09:30 ET and closes that day at 13:00 ET', () => {
    const thanksgiving = et('2026-11-26T11:00');
    expect(nyse.stateAt(thanksgiving)).toEqual({
      open: false,
      reason: 'HOLIDAY: Thanksgiving Day',
      nextOpenAt: utc('2026-11-27T14:30:00Z'),
      nextCloseAt: utc('2026-11-27T18:00:00Z'),
    });
    // and on the Friday afternoon, the next open is Monday.
    expect(nyse.nextOpenAt(et('2026-11-27T14:00'))).toEqual(et('2026-11-30T09:30'));
  });

  it('from the Thursday before Good Friday 2025 opens on Easter Monday', () => {
    expect(nyse.nextOpenAt(et('2025-04-17T16:00'))).toEqual(et('2025-04-21T09:30'));
  });

  it('from Friday 2027-07-02 opens on Tuesday 2027-07-06', () => {
    expect(nyse.nextOpenAt(et('2027-07-02T16:00'))).toEqual(et('2027-07-06T09:30'));
  });

  it('crosses into a computed year: from 2027-12-31 to Monday 2028-01-03', () => {
    expect(nyse.nextOpenAt(et('2027-12-31T16:00'))).toEqual(et('2028-01-03T09:30'));
    expect(nyse.closedReason(et('2028-01-17T10:00'))).toBe('HOLIDAY: Martin Luther King, Jr. Day');
  });
});

describe('NASDAQ', () => {
  it('keeps the same days and hours as NYSE', () => {
    const probes = [...holidays.map(([d]) => `${d}T12:00`), ...earlyCloses.flatMap((d) => [`${d}T12:59`, `${d}T13:00`])];
    for (const probe of probes) expect(nasdaq.stateAt(et(probe)), probe).toEqual(nyse.stateAt(et(probe)));
  });
});
