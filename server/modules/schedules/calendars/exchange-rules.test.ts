// The holiday rules agree with every published year, and with the 2028 calendar NYSE announced,
// so years outside the tables are computed the way the exchange would publish them.
import { describe, expect, it } from 'vitest';
import { exchangeDays } from './exchange-days';
import { easterSunday, ruleBasedYear } from './exchange-rules';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i is %s', (year, date) => {
    expect(easterSunday(year).toISODate()).toBe(date);
  });
});

describe('ruleBasedYear', () => {
  it('reproduces the published 2026 and 2027 tables exactly', () => {
    for (const year of [2026, 2027]) {
      expect(ruleBasedYear(year)).toEqual(exchangeDays.NYSE[year]);
    }
  });

  it('reproduces 2025 except the one-off day of mourning, which no rule foresees', () => {
    const published = exchangeDays.NYSE[2025]!;
    const { '2025-01-09': mourning, ...regular } = published.holidays;
    expect(mourning).toMatch(/Carter/);
    expect(ruleBasedYear(2025)).toEqual({ holidays: regular, earlyCloses: published.earlyCloses });
  });

  it('gives the 2028 calendar NYSE announced: no New Year holiday on a Saturday, early close on Mon July 3', () => {
    const year = ruleBasedYear(2028);
    expect(Object.keys(year.holidays)).toEqual([
      '2028-01-17',
      '2028-02-21',
      '2028-04-14',
      '2028-05-29',
      '2028-06-19',
      '2028-07-04',
      '2028-09-04',
      '2028-11-23',
      '2028-12-25',
    ]);
    expect(Object.keys(year.earlyCloses)).toEqual(['2028-07-03', '2028-11-24']);
  });

  it('moves a Sunday holiday to Monday and has no Juneteenth before 2022', () => {
    expect(ruleBasedYear(2023).holidays['2023-01-02']).toBe("New Year's Day (observed)");
    expect(ruleBasedYear(2022).holidays['2022-12-26']).toBe('Christmas Day (observed)');
    expect(ruleBasedYear(2021).holidays['2021-06-18']).toBeUndefined();
    expect(ruleBasedYear(2021).holidays['2021-12-24']).toBe('Christmas Day (observed)');
    expect(ruleBasedYear(2021).earlyCloses['2021-12-23']).toBeUndefined();
  });

  it('lists only weekdays', () => {
    for (let year = 2020; year <= 2040; year++) {
      const { holidays, earlyCloses } = ruleBasedYear(year);
      for (const date of [...Object.keys(holidays), ...Object.keys(earlyCloses)]) {
        expect(new Date(`${date}T12:00:00Z`).getUTCDay(), date).not.toBe(0);
        expect(new Date(`${date}T12:00:00Z`).getUTCDay(), date).not.toBe(6);
      }
    }
  });
});
