// What a schedule kind is: a typed definition with a Zod params schema that builds, for one
// schedule's params and IANA zone, a calendar answering "open at this instant?" and when that
// changes next. Kinds are registered one file each and gathered in kinds/index.ts.
import type { z } from 'zod';

/**
 * The answers a schedule gives about one instant. The "next" semantics are those of the
 * exchange_calendars library: nextOpenAt is the next opening strictly after `at` (when open now,
 * the start of the following session); nextCloseAt is the end of the session open at `at`, or,
 * when closed, the end of the next session. null means "never" (e.g. both for `always`).
 */
export interface ScheduleState {
  open: boolean;
  /** Why it is closed at `at` ('WEEKEND', 'HOLIDAY: Thanksgiving Day', …); null when open. */
  reason: string | null;
  nextOpenAt: Date | null;
  nextCloseAt: Date | null;
}

export interface ScheduleCalendar {
  /** All four answers at once, from one walk over the sessions. */
  stateAt(at: Date): ScheduleState;
  isOpen(at: Date): boolean;
  closedReason(at: Date): string | null;
  nextOpenAt(at: Date): Date | null;
  nextCloseAt(at: Date): Date | null;
}

/** A calendar from its one state function. */
export function calendarOf(stateAt: (at: Date) => ScheduleState): ScheduleCalendar {
  return {
    stateAt,
    isOpen: (at) => stateAt(at).open,
    closedReason: (at) => stateAt(at).reason,
    nextOpenAt: (at) => stateAt(at).nextOpenAt,
    nextCloseAt: (at) => stateAt(at).nextCloseAt,
  };
}

export interface ScheduleKindDefinition<P extends z.ZodType = z.ZodType> {
  /** The value stored in schedules.kind. */
  id: string;
  description: string;
  paramsSchema: P;
  /** Builds the calendar of one schedule; throws on an unknown zone. */
  calendar(params: z.output<P>, timezone: string): ScheduleCalendar;
}

export const defineScheduleKind = <P extends z.ZodType>(definition: ScheduleKindDefinition<P>) => definition;
