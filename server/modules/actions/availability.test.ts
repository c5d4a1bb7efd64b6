// Availability at the boundaries: cooldowns, the daily reset in the user's zone, schedules, and the
// earliest instant every rule agrees.
import { describe, expect, it } from 'vitest';
import { evaluateAvailability, type AvailabilityInput } from './availability';

const base = (over: Partial<AvailabilityInput> = {}): AvailabilityInput => ({
  now: new Date('2026-11-25T12:00:00Z'),
  timezone: 'UTC',
  cooldownSeconds: 0,
  dailyLimit: null,
  rateLimitPerMinute: null,
  state: { lastExecutedAt: null, day: null, dayCount: 0, minuteStartedAt: null, minuteCount: 0 },
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

  it('counts the daily limit on the user’s own calendar day and resets at their midnight', () => {
    // 23:30 UTC on the 25th is already the 26th in Tokyo (UTC+9).
    const state = { ...base().state, day: '2026-11-25', dayCount: 5 };
    const utc = evaluateAvailability(base({ dailyLimit: 5, state, now: new Date('2026-11-25T23:30:00Z') }));
    expect(utc).toMatchObject({ available: false, reason: 'DAILY_LIMIT', remainingToday: 0, nextAvailableAt: new Date('2026-11-26T00:00:00Z') });
    const tokyoState = { ...base().state, day: '2026-11-26', dayCount: 5 };
    const tokyo = evaluateAvailability(base({ dailyLimit: 5, timezone: 'Asia/Tokyo', state: tokyoState, now: new Date('2026-11-25T23:30:00Z') }));
    expect(tokyo).toMatchObject({ reason: 'DAILY_LIMIT', nextAvailableAt: new Date('2026-11-26T15:00:00Z') });
    // The next Tokyo day starts fresh.
    expect(evaluateAvailability(base({ dailyLimit: 5, timezone: 'Asia/Tokyo', state: tokyoState, now: new Date('2026-11-26T15:00:00Z') }))).toMatchObject({
      available: true,
      remainingToday: 5,
    });
    // New York midnight across the DST change (2026-11-01 is 25 hours long).
    const ny = evaluateAvailability(base({ dailyLimit: 1, timezone: 'America/New_York', state: { ...base().state, day: '2026-11-01', dayCount: 1 }, now: new Date('2026-11-01T12:00:00Z') }));
    expect(ny.nextAvailableAt).toEqual(new Date('2026-11-02T05:00:00Z'));
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
