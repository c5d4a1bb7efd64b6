// Whether an action may run for a user at an instant, and if not, why and from when. Pure: the
// engine calls it under the user's state-row lock with what it read, and `check` calls it without
// the lock, so both tell the same truth.
import { DateTime } from 'luxon';

export type RefusalReason = 'SCHEDULE_CLOSED' | 'COOLDOWN' | 'DAILY_LIMIT' | 'RATE_LIMITED';

export interface ScheduleState {
  open: boolean;
  nextOpenAt: Date | null;
}

export interface AvailabilityInput {
  now: Date;
  /** The user's IANA zone ("daily" is their calendar day). */
  timezone: string;
  cooldownSeconds: number;
  dailyLimit: number | null;
  rateLimitPerMinute: number | null;
  state: {
    lastExecutedAt: Date | null;
    /** When the day that dayCount counts ends (the user's midnight when it began). */
    dayResetsAt: Date | null;
    dayCount: number;
    minuteStartedAt: Date | null;
    minuteCount: number;
  };
  /** Each linked schedule, evaluated at an instant; all must be open. */
  scheduleAt(at: Date): ScheduleState[];
  /** An exception opens the action's schedules for this user until then. */
  exceptionUntil: Date | null;
  /** The user's executions of any action in the current minute, and the limit (null: none). */
  userWindow: { count: number; limit: number | null; resetAt: Date } | null;
}

export interface Availability {
  available: boolean;
  reason: RefusalReason | null;
  nextAvailableAt: Date | null;
  remainingToday: number | null;
  cooldownEndsAt: Date | null;
}

export const dayIn = (at: Date, timezone: string) => DateTime.fromJSDate(at, { zone: timezone }).toISODate()!;
export const nextDayStart = (at: Date, timezone: string) =>
  DateTime.fromJSDate(at, { zone: timezone }).startOf('day').plus({ days: 1 }).toJSDate();

const MINUTE_MS = 60_000;

export function evaluateAvailability(input: AvailabilityInput): Availability {
  const { now, state } = input;
  // The count holds until the end of the day it began in, in the zone the user had then.
  const countOn = (at: Date) => (state.dayResetsAt && at < state.dayResetsAt ? state.dayCount : 0);
  const cooldownEnd = state.lastExecutedAt && input.cooldownSeconds > 0
    ? new Date(state.lastExecutedAt.getTime() + input.cooldownSeconds * 1000)
    : null;
  const minuteEnd = state.minuteStartedAt ? new Date(state.minuteStartedAt.getTime() + MINUTE_MS) : null;

  /** The first rule that refuses at `at`, and the earliest instant that rule stops refusing. */
  const refusal = (at: Date, checkSchedules: boolean): { reason: RefusalReason; until: Date | null } | null => {
    if (checkSchedules && !(input.exceptionUntil && input.exceptionUntil > at)) {
      const closed = input.scheduleAt(at).filter((s) => !s.open);
      if (closed.length) {
        const opens = closed.map((s) => s.nextOpenAt);
        const until = opens.some((o) => o === null) ? null : new Date(Math.max(...opens.map((o) => o!.getTime())));
        return { reason: 'SCHEDULE_CLOSED', until };
      }
    }
    if (cooldownEnd && cooldownEnd > at) return { reason: 'COOLDOWN', until: cooldownEnd };
    if (input.dailyLimit !== null && countOn(at) >= input.dailyLimit) {
      return { reason: 'DAILY_LIMIT', until: state.dayResetsAt };
    }
    if (input.rateLimitPerMinute !== null && minuteEnd && minuteEnd > at && state.minuteCount >= input.rateLimitPerMinute) {
      return { reason: 'RATE_LIMITED', until: minuteEnd };
    }
    if (input.userWindow?.limit != null && at.getTime() === now.getTime() && input.userWindow.count > input.userWindow.limit) {
      return { reason: 'RATE_LIMITED', until: input.userWindow.resetAt };
    }
    return null;
  };

  const remainingToday = input.dailyLimit === null ? null : Math.max(0, input.dailyLimit - countOn(now));
  const cooldownEndsAt = cooldownEnd && cooldownEnd > now ? cooldownEnd : null;
  const first = refusal(now, true);
  if (!first) return { available: true, reason: null, nextAvailableAt: null, remainingToday, cooldownEndsAt };

  // Walk forward: each step jumps to when the refusing rule lets go, until every rule agrees.
  let at: Date | null = first.until;
  for (let step = 0; at && step < 16; step++) {
    const next = refusal(at, true);
    if (!next) break;
    at = next.until && next.until > at ? next.until : null;
  }
  return { available: false, reason: first.reason, nextAvailableAt: at, remainingToday, cooldownEndsAt };
}
