// Whole-year age arithmetic around birthdays and leap days.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { ageOn } from './age';

const on = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('ageOn', () => {
  it('turns a year older on the birthday, not the day before', () => {
    expect(ageOn('2008-11-25', on('2026-11-24'))).toBe(17);
    expect(ageOn('2008-11-25', on('2026-11-25'))).toBe(18);
  });

  it('counts a 29 February birthday as reached on 1 March in common years', () => {
    expect(ageOn('2008-02-29', on('2026-02-28'))).toBe(17);
    expect(ageOn('2008-02-29', on('2026-03-01'))).toBe(18);
  });
});
