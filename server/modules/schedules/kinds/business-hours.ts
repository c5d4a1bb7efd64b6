// `business_hours`: open on chosen days of the week between an opening and a closing wall-clock
// time in the schedule's IANA zone. A closing time at or before the opening time runs past
// midnight (a night shift); '24:00' closes at the next midnight.
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { defineScheduleKind } from './definition';
import { localTime, sessionCalendar } from './sessions';

const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:mm (00:00–24:00)');

export const businessHoursParams = z
  .strictObject({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .describe('ISO weekdays on which a session opens: 1 = Monday … 7 = Sunday.'),
    opens: clock.refine((t) => t !== '24:00', 'opens must be before 24:00'),
    closes: clock,
  })
  .refine((p) => p.opens !== p.closes, 'opens and closes must differ');

const weekend = new Set([6, 7]);

export const businessHoursKind = defineScheduleKind({
  id: 'business_hours',
  description: 'Open on chosen weekdays between an opening and a closing time in its time zone.',
  paramsSchema: businessHoursParams,
  calendar(params, timezone) {
    if (!IANAZone.isValidZone(timezone)) throw new Error(`Unknown time zone ${timezone}`);
    const days = new Set(params.days);
    const overnight = params.closes !== '24:00' && params.closes < params.opens;
    return sessionCalendar(
      timezone,
      (day) => {
        if (!days.has(day.weekday)) return [];
        const start = localTime(day, params.opens);
        const end = localTime(overnight ? day.plus({ days: 1 }) : day, params.closes);
        return [{ start, end }];
      },
      (local) => {
        if (days.has(local.weekday)) return 'OUTSIDE_HOURS';
        return weekend.has(local.weekday) ? 'WEEKEND' : 'CLOSED_DAY';
      },
    );
  },
});
