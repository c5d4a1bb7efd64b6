// Schedules: the list of schedules and the open/closed check, shared by server and client.
import { z } from 'zod';
import { emptyInput, text, timestamp } from './primitives';

export const scheduleOutput = z.object({
  code: z.string().describe('What actions and checks name it by, e.g. nyse.'),
  name: z.string(),
  kind: z.string().describe('always, business_hours or exchange.'),
  timezone: z.string().describe('The IANA zone its hours are in.'),
});
export type Schedule = z.infer<typeof scheduleOutput>;

export const listSchedulesInput = emptyInput.optional();
export const listSchedulesOutput = z.object({ items: z.array(scheduleOutput) });

// An object rather than bare arguments so that `actionCode` and `userId` (an action's linked
// schedules and a user's exceptions) can join `schedule` as alternatives.
export const checkScheduleInput = z
  .strictObject({
    schedule: text(100, 1).optional().describe('A schedule code (or its id), e.g. nyse, nasdaq, business_hours, always.'),
    actionCode: text(64, 1).optional().describe('Instead of `schedule`: the schedules linked to this action (all must be open).'),
    userId: z.uuid().optional().describe('With `actionCode`: count this user’s schedule exceptions.'),
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('The instant to check, ISO-8601 with Z or an offset; default now.'),
  })
  .refine((i) => (i.schedule === undefined) !== (i.actionCode === undefined), {
    message: 'give either schedule or actionCode',
    path: ['schedule'],
  })
  .refine((i) => i.userId === undefined || i.actionCode !== undefined, { message: 'userId goes with actionCode', path: ['userId'] });
export type CheckScheduleInput = z.infer<typeof checkScheduleInput>;

export const checkScheduleOutput = z
  .object({
    open: z.boolean(),
    at: timestamp().describe('The instant checked.'),
    reason: z
      .string()
      .nullable()
      .describe("Why it is closed: WEEKEND, OUTSIDE_HOURS, EARLY_CLOSE, CLOSED_DAY or 'HOLIDAY: <name>'; null when open."),
    nextOpenAt: timestamp()
      .nullable()
      .describe('The next opening after `at` (when open, the start of the following session); null if it never opens again.'),
    nextCloseAt: timestamp()
      .nullable()
      .describe('The end of the session open at `at`, or of the next one when closed; null if it never closes.'),
  })
  .describe('Sessions are [open, close): open at 09:30:00 exactly, closed at 16:00:00 exactly.');
export type ScheduleCheck = z.infer<typeof checkScheduleOutput>;
