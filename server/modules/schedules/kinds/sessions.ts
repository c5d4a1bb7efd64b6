// A calendar built from daily sessions: a kind says which [open, close) intervals start on each
// local day of its zone, and this turns them into isOpen / nextOpenAt / nextCloseAt. Sessions that
// touch or overlap (a night shift running into the next morning's) count as one open period.
import { DateTime } from 'luxon';
import { calendarOf, type ScheduleCalendar } from './definition';

/** One session in epoch milliseconds, open at `start`, closed again at `end`. */
export interface Session {
  start: number;
  end: number;
}

// How far ahead to look. The longest closed gap of any kind is a week (a business_hours schedule
// open one day a week), so this only bounds how long one open period may run before nextCloseAt
// reports null ("not within a year"), e.g. for business hours open 00:00–24:00 every day.
const HORIZON_DAYS = 370;

interface Located {
  open: boolean;
  nextOpenAt: number | null;
  nextCloseAt: number | null;
}

// Sessions of a local day are worked out once per calendar: a schedule's calendar is kept by the
// service between checks, so a hot action check costs map look-ups rather than zone arithmetic.
const MAX_CACHED_DAYS = 4000;
const DAY_MS = 86_400_000;

export function sessionCalendar(
  zone: string,
  sessionsOn: (localDay: DateTime) => Session[],
  closedReason: (local: DateTime) => string,
): ScheduleCalendar {
  const cache = new Map<number, Session[]>();
  /** Sessions starting on a local calendar day, numbered as days since 1970-01-01. */
  const sessionsOfDay = (dayNumber: number): Session[] => {
    let sessions = cache.get(dayNumber);
    if (!sessions) {
      const d = new Date(dayNumber * DAY_MS);
      const localDay = DateTime.fromObject(
        { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
        { zone },
      );
      sessions = sessionsOn(localDay);
      if (cache.size >= MAX_CACHED_DAYS) cache.clear();
      cache.set(dayNumber, sessions);
    }
    return sessions;
  };

  // Open periods from the day before `at` (a session that started yesterday may still run).
  function* periods(at: number): Generator<Session & { endless: boolean }> {
    const local = DateTime.fromMillis(at, { zone });
    const today = Math.floor(Date.UTC(local.year, local.month - 1, local.day) / DAY_MS);
    let current: Session | null = null;
    for (let day = today - 1; day < today - 1 + HORIZON_DAYS; day++) {
      for (const s of sessionsOfDay(day)) {
        if (current && s.start <= current.end) current.end = Math.max(current.end, s.end);
        else {
          if (current) yield { ...current, endless: false };
          current = { ...s };
        }
      }
    }
    // A period still running on the last day looked at has no end within the horizon.
    if (current) yield { ...current, endless: current.end >= (today - 3 + HORIZON_DAYS) * DAY_MS };
  }

  function locate(at: Date): Located {
    const t = at.getTime();
    let openUntil: number | null | undefined; // set once `at` is found inside a period
    for (const p of periods(t)) {
      if (p.end <= t) continue;
      if (openUntil === undefined && p.start <= t) {
        openUntil = p.endless ? null : p.end;
        continue;
      }
      if (openUntil !== undefined) return { open: true, nextOpenAt: p.start, nextCloseAt: openUntil };
      return { open: false, nextOpenAt: p.start, nextCloseAt: p.endless ? null : p.end };
    }
    return { open: openUntil !== undefined, nextOpenAt: null, nextCloseAt: openUntil ?? null };
  }

  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return calendarOf((at) => {
    const { open, nextOpenAt, nextCloseAt } = locate(at);
    return {
      open,
      reason: open ? null : closedReason(DateTime.fromJSDate(at, { zone })),
      nextOpenAt: date(nextOpenAt),
      nextCloseAt: date(nextCloseAt),
    };
  });
}

/** The instant a local wall-clock time of a day occurs in the zone ('24:00' is the next midnight). */
export function localTime(localDay: DateTime, hhmm: string): number {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  if (hour === 24) return localDay.plus({ days: 1 }).startOf('day').toMillis();
  // Luxon resolves a time that a DST change skips by moving it forward by the gap.
  return localDay.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}
