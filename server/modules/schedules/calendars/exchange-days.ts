// The published holiday and early-close tables of the US equity exchanges for 2025–2027.
//
// Source: NYSE Group, "Holidays & Trading Hours" (https://www.nyse.com/markets/hours-calendars),
// as announced in "NYSE Group Announces 2025, 2026 and 2027 Holiday and Early Closings Calendar"
// (press release, 8 November 2024) and its 2026–2028 successor (23 December 2025); the one-off
// closure of Thursday 9 January 2025 for the national day of mourning for President Jimmy Carter
// was announced by NYSE and Nasdaq on 29 December 2024. Nasdaq publishes the same days for its US
// equity market ("U.S. Holiday Schedule", https://www.nasdaqtrader.com/trader.aspx?id=calendar).
// Early closes are at 13:00 America/New_York. Years outside these tables are computed from the
// rules in exchange-rules.ts, which cannot foresee one-off closures like 2025-01-09.
export type Exchange = 'NYSE' | 'NASDAQ';

export interface ExchangeYear {
  /** Full-day closures: local date (America/New_York) → the holiday's name. */
  holidays: Record<string, string>;
  /** Days that close at 13:00 instead of 16:00: local date → why. */
  earlyCloses: Record<string, string>;
}

const nyse: Record<number, ExchangeYear> = {
  2025: {
    holidays: {
      '2025-01-01': "New Year's Day",
      '2025-01-09': 'National Day of Mourning for President Jimmy Carter',
      '2025-01-20': 'Martin Luther King, Jr. Day',
      '2025-02-17': "Washington's Birthday",
      '2025-04-18': 'Good Friday',
      '2025-05-26': 'Memorial Day',
      '2025-06-19': 'Juneteenth National Independence Day',
      '2025-07-04': 'Independence Day',
      '2025-09-01': 'Labor Day',
      '2025-11-27': 'Thanksgiving Day',
      '2025-12-25': 'Christmas Day',
    },
    earlyCloses: {
      '2025-07-03': 'Day before Independence Day',
      '2025-11-28': 'Day after Thanksgiving',
      '2025-12-24': 'Christmas Eve',
    },
  },
  2026: {
    holidays: {
      '2026-01-01': "New Year's Day",
      '2026-01-19': 'Martin Luther King, Jr. Day',
      '2026-02-16': "Washington's Birthday",
      '2026-04-03': 'Good Friday',
      '2026-05-25': 'Memorial Day',
      '2026-06-19': 'Juneteenth National Independence Day',
      '2026-07-03': 'Independence Day (observed)',
      '2026-09-07': 'Labor Day',
      '2026-11-26': 'Thanksgiving Day',
      '2026-12-25': 'Christmas Day',
    },
    // No early close on Thu 2026-07-02: the holiday itself is observed on Friday the 3rd.
    earlyCloses: {
      '2026-11-27': 'Day after Thanksgiving',
      '2026-12-24': 'Christmas Eve',
    },
  },
  2027: {
    holidays: {
      '2027-01-01': "New Year's Day",
      '2027-01-18': 'Martin Luther King, Jr. Day',
      '2027-02-15': "Washington's Birthday",
      '2027-03-26': 'Good Friday',
      '2027-05-31': 'Memorial Day',
      '2027-06-18': 'Juneteenth National Independence Day (observed)',
      '2027-07-05': 'Independence Day (observed)',
      '2027-09-06': 'Labor Day',
      '2027-11-25': 'Thanksgiving Day',
      '2027-12-24': 'Christmas Day (observed)',
    },
    // Fri 2027-07-02 and Thu 2027-12-23 are full days; Fri 2027-12-31 is a full trading day too,
    // because New Year's Day 2028 falls on a Saturday and is not observed.
    earlyCloses: {
      '2027-11-26': 'Day after Thanksgiving',
    },
  },
};

/** The published tables, by exchange and year. Nasdaq closes on the same days as NYSE. */
export const exchangeDays: Record<Exchange, Record<number, ExchangeYear>> = {
  NYSE: nyse,
  NASDAQ: nyse,
};
