// Availability at the boundaries: cooldowns, the daily reset in the user's zone, schedules, and the
// earliest instant every rule agrees.
import { describe, expect, it } from 'vitest';
import { dayIn, evaluateAvailability, nextDayStart, type AvailabilityInput } from './availability';

const base = (over: Partial<AvailabilityInput> = {}): AvailabilityInput => ({
  now: new Date('2026-11-25T12:00:00Z'),
  timezone: 'UTC',
  cooldownSeconds: 0,
  dailyLimit: null,
  rateLimitPerMinute: null,
  state: { lastExecutedAt: null, dayResetsAt: null, dayCount: 0, minuteStartedAt: null, minuteCount: 0 },
  scheduleAt: () => [],
  exceptionUntil: null,
  userWindow: null,
  ...over,
});

describe('evaluateAvailability', () => {
  it('is available when nothing holds it back', () => {
    expect(evaluateAvailability(base())).toEqual({ available: true, reason: null, nextAvailableAt: null, remainingToday: null, cooldownEndsAt: null });
  });

  it('holds a cooldown until exactly its end, and not a millisecond longer', () => {
    const last = new Date('2026-11-25T11:59:30Z');
    const state = { ...base().state, lastExecutedAt: last };
    const during = evaluateAvailability(base({ cooldownSeconds: 30, state, now: new Date('2026-11-25T11:59:59.999Z') }));
    expect(during).toMatchObject({ available: false, reason: 'COOLDOWN', nextAvailableAt: new Date('2026-11-25T12:00:00Z') });
    expect(during.cooldownEndsAt).toEqual(new Date('2026-11-25T12:00:00Z'));
    expect(evaluateAvailability(base({ cooldownSeconds: 30, state, now: new Date('2026-11-25T12:00:00Z') })).available).toBe(true);
  });

  it('counts the daily limit until the end of the user’s day, and not a millisecond longer', () => {
    // The day began in Tokyo (UTC+9): it ends at 15:00 UTC.
    const state = { ...base().state, dayResetsAt: new Date('2026-11-26T15:00:00Z'), dayCount: 5 };
    const before = evaluateAvailability(base({ dailyLimit: 5, state, now: new Date('2026-11-26T14:59:59.999Z') }));
    expect(before).toMatchObject({ available: false, reason: 'DAILY_LIMIT', remainingToday: 0, nextAvailableAt: new Date('2026-11-26T15:00:00Z') });
    expect(evaluateAvailability(base({ dailyLimit: 5, state, now: new Date('2026-11-26T15:00:00Z') }))).toMatchObject({
      available: true,
      remainingToday: 5,
    });
    // A new zone does not restart a day that began elsewhere.
    expect(evaluateAvailability(base({ dailyLimit: 5, state, timezone: 'Pacific/Kiritimati', now: new Date('2026-11-26T12:00:00Z') })).available).toBe(false);
  });

  it('ends a user’s day at their own midnight, across daylight-saving changes', () => {
    expect(nextDayStart(new Date('2026-11-25T23:30:00Z'), 'Asia/Tokyo')).toEqual(new Date('2026-11-26T15:00:00Z'));
    // New York's 2026-11-01 is 25 hours long.
    expect(nextDayStart(new Date('2026-11-01T12:00:00Z'), 'America/New_York')).toEqual(new Date('2026-11-02T05:00:00Z'));
    expect(nextDayStart(new Date('2026-03-08T12:00:00Z'), 'America/New_York')).toEqual(new Date('2026-03-09T04:00:00Z'));
    expect(dayIn(new Date('2026-11-25T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-26');
  });

  it('waits for every schedule to be open, and an exception opens them for the user', () => {
    const scheduleAt = (at: Date) => [{ open: at >= new Date('2026-11-25T14:30:00Z'), nextOpenAt: new Date('2026-11-25T14:30:00Z') }];
    const closed = evaluateAvailability(base({ scheduleAt }));
    expect(closed).toMatchObject({ available: false, reason: 'SCHEDULE_CLOSED', nextAvailableAt: new Date('2026-11-25T14:30:00Z') });
    expect(evaluateAvailability(base({ scheduleAt, exceptionUntil: new Date('2026-11-25T13:00:00Z') })).available).toBe(true);
    expect(evaluateAvailability(base({ scheduleAt, exceptionUntil: new Date('2026-11-25T12:00:00Z') })).available).toBe(false);
  });

  it('gives the first instant all rules agree: a cooldown ending while the market is closed waits for the opening', () => {
    const scheduleAt = (at: Date) => [{ open: at < new Date('2026-11-25T12:00:30Z') || at >= new Date('2026-11-26T14:30:00Z'), nextOpenAt: new Date('2026-11-26T14:30:00Z') }];
    const state = { ...base().state, lastExecutedAt: new Date('2026-11-25T11:59:00Z') };
    const result = evaluateAvailability(base({ cooldownSeconds: 120, state, scheduleAt }));
    expect(result).toMatchObject({ reason: 'COOLDOWN', nextAvailableAt: new Date('2026-11-26T14:30:00Z') });
  });

  it('limits executions per minute per action and per user', () => {
    const state = { ...base().state, minuteStartedAt: new Date('2026-11-25T11:59:30Z'), minuteCount: 3 };
    expect(evaluateAvailability(base({ rateLimitPerMinute: 3, state }))).toMatchObject({ reason: 'RATE_LIMITED', nextAvailableAt: new Date('2026-11-25T12:00:30Z') });
    expect(evaluateAvailability(base({ rateLimitPerMinute: 4, state })).available).toBe(true);
    const userWindow = { count: 121, limit: 120, resetAt: new Date('2026-11-25T12:00:10Z') };
    expect(evaluateAvailability(base({ userWindow }))).toMatchObject({ reason: 'RATE_LIMITED', nextAvailableAt: new Date('2026-11-25T12:00:10Z') });
  });
});
