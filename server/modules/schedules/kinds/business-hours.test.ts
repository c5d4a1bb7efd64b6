// Business hours in zones other than UTC: wall-clock opening times across DST changes, night
// shifts past midnight, the reasons it gives when closed, and the params it refuses.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { businessHoursKind } from './business-hours';

const weekdays = [1, 2, 3, 4, 5];
const at = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toJSDate();
const utc = (iso: string) => new Date(iso);

describe('business_hours in Europe/Berlin, Mon–Fri 09:00–17:00', () => {
  const berlin = businessHoursKind.calendar({ days: weekdays, opens: '09:00', closes: '17:00' }, 'Europe/Berlin');

  it('opens at 09:00 local: 08:00 UTC in winter, 07:00 UTC in summer', () => {
    expect(berlin.isOpen(utc('2026-01-14T07:59:59Z'))).toBe(false);
    expect(berlin.isOpen(utc('2026-01-14T08:00:00Z'))).toBe(true);
    expect(berlin.isOpen(utc('2026-01-14T15:59:59Z'))).toBe(true);
    expect(berlin.isOpen(utc('2026-01-14T16:00:00Z'))).toBe(false);
    expect(berlin.isOpen(utc('2026-07-15T06:59:59Z'))).toBe(false);
    expect(berlin.isOpen(utc('2026-07-15T07:00:00Z'))).toBe(true);
    expect(berlin.isOpen(utc('2026-07-15T15:00:00Z'))).toBe(false);
  });

  it('reopens on the right UTC instant across both 2026 clock changes', () => {
    // Clocks go forward on Sunday 2026-03-29 and back on Sunday 2026-10-25.
    expect(berlin.nextOpenAt(utc('2026-03-27T16:00:00Z'))).toEqual(utc('2026-03-30T07:00:00Z'));
    expect(berlin.nextCloseAt(utc('2026-03-27T16:00:00Z'))).toEqual(utc('2026-03-30T15:00:00Z'));
    expect(berlin.nextOpenAt(utc('2026-10-23T15:00:00Z'))).toEqual(utc('2026-10-26T08:00:00Z'));
    expect(berlin.nextCloseAt(utc('2026-10-23T15:00:00Z'))).toEqual(utc('2026-10-26T16:00:00Z'));
  });

  it('says why it is closed', () => {
    expect(berlin.closedReason(at('2026-06-13T12:00', 'Europe/Berlin'))).toBe('WEEKEND');
    expect(berlin.closedReason(at('2026-06-12T18:00', 'Europe/Berlin'))).toBe('OUTSIDE_HOURS');
    expect(berlin.closedReason(at('2026-06-12T10:00', 'Europe/Berlin'))).toBeNull();
  });
});

describe('business_hours elsewhere', () => {
  it('uses a half-hour offset without DST (Asia/Kolkata, 10:00–18:30)', () => {
    const kolkata = businessHoursKind.calendar({ days: weekdays, opens: '10:00', closes: '18:30' }, 'Asia/Kolkata');
    expect(kolkata.stateAt(utc('2026-06-10T04:29:00Z'))).toMatchObject({ open: false, nextOpenAt: utc('2026-06-10T04:30:00Z') });
    expect(kolkata.stateAt(utc('2026-06-10T04:30:00Z'))).toMatchObject({ open: true, nextCloseAt: utc('2026-06-10T13:00:00Z') });
  });

  it('runs a night shift past midnight (America/Los_Angeles, Mon–Fri 22:00–06:00)', () => {
    const nights = businessHoursKind.calendar({ days: weekdays, opens: '22:00', closes: '06:00' }, 'America/Los_Angeles');
    const la = (local: string) => at(local, 'America/Los_Angeles');
    expect(nights.isOpen(la('2026-06-12T23:00'))).toBe(true); // Friday night
    expect(nights.isOpen(la('2026-06-13T05:59'))).toBe(true); // into Saturday morning
    expect(nights.nextCloseAt(la('2026-06-13T01:00'))).toEqual(la('2026-06-13T06:00'));
    expect(nights.nextOpenAt(la('2026-06-13T06:00'))).toEqual(la('2026-06-15T22:00'));
    expect(nights.closedReason(la('2026-06-13T12:00'))).toBe('WEEKEND');
  });

  it('merges back-to-back days into one period, and never closes when open around the clock', () => {
    const weekdaysAllDay = businessHoursKind.calendar({ days: weekdays, opens: '00:00', closes: '24:00' }, 'Europe/London');
    const london = (local: string) => at(local, 'Europe/London');
    expect(weekdaysAllDay.stateAt(london('2026-06-09T12:00'))).toEqual({
      open: true,
      reason: null,
      nextOpenAt: london('2026-06-15T00:00'),
      nextCloseAt: london('2026-06-13T00:00'),
    });
    const allWeek = businessHoursKind.calendar({ days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' }, 'Europe/London');
    expect(allWeek.stateAt(london('2026-06-09T12:00'))).toEqual({ open: true, reason: null, nextOpenAt: null, nextCloseAt: null });
  });

  it('names a closed weekday that is not a weekend', () => {
    const noWednesday = businessHoursKind.calendar({ days: [1, 2, 4, 5], opens: '09:00', closes: '17:00' }, 'UTC');
    expect(noWednesday.closedReason(utc('2026-06-10T12:00:00Z'))).toBe('CLOSED_DAY');
  });
});

describe('business_hours params', () => {
  it.each([
    [{ days: [], opens: '09:00', closes: '17:00' }],
    [{ days: [0], opens: '09:00', closes: '17:00' }],
    [{ days: [1], opens: '9:00', closes: '17:00' }],
    [{ days: [1], opens: '24:00', closes: '17:00' }],
    [{ days: [1], opens: '09:00', closes: '09:00' }],
    [{ days: [1], opens: '09:00', closes: '17:00', zone: 'UTC' }],
  ])('refuses %j', (params) => {
    expect(businessHoursKind.paramsSchema.safeParse(params).success).toBe(false);
  });

  it('refuses an unknown time zone', () => {
    expect(() => businessHoursKind.calendar({ days: [1], opens: '09:00', closes: '17:00' }, 'Mars/Olympus_Mons')).toThrow(/time zone/);
  });
});
