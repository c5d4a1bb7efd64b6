// Schedule procedures: the list and the open/closed check (open to anyone), and per-user exceptions.
import * as s from '../../../shared/schemas/schedules';
import { scheduleExceptionInput, scheduleExceptionOutput } from '../../../shared/schemas/actions';
import { adminOrApiKeyProcedure, publicProcedure, router } from '../../trpc';
import { checkScheduleOrAction, createScheduleException } from '../actions/exceptions';
import * as schedules from './service';
import * as ex from './examples';

const tags = ['schedules'];

export const schedulesRouter = router({
  list: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/schedule/list',
        tags,
        summary: 'Every schedule actions can follow',
        description:
          'Every schedule an action can require to be open: always, business hours, and the NYSE and NASDAQ ' +
          'sessions with their holidays and early closes, each in its own time zone.',
      },
      examples: ex.list,
    })
    .input(s.listSchedulesInput)
    .output(s.listSchedulesOutput)
    .query(({ ctx }) => schedules.listSchedules(ctx.db)),

  check: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/schedule/check',
        tags,
        summary: 'Whether a schedule is open at an instant, and when that changes',
        description:
          'Whether a schedule is open at an instant (default now), why it is closed (`WEEKEND`, ' +
          '`OUTSIDE_HOURS`, `EARLY_CLOSE`, `CLOSED_DAY` or `HOLIDAY: <name>`), and when it next opens and ' +
          'closes. Give `actionCode` instead of `schedule` to check every schedule that action follows, and ' +
          '`userId` with it to count that user’s exceptions.',
      },
      errors: ['NOT_FOUND'],
      examples: ex.check,
    })
    .input(s.checkScheduleInput)
    .output(s.checkScheduleOutput)
    .query(({ ctx, input }) => checkScheduleOrAction(ctx.db, input)),

  exception: adminOrApiKeyProcedure('schedule:manage')
    .meta({
      openapi: {
        method: 'POST',
        path: '/schedule/exception',
        tags,
        summary: 'Open an action’s schedules for one user between two instants',
        description:
          'Opens an action’s schedules for one user between two instants, e.g. for an event outside market ' +
          'hours; cooldowns and daily limits still apply. Granted with a test key, it counts only in that ' +
          'application’s sandbox.',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND'],
      examples: ex.exception,
    })
    .input(scheduleExceptionInput)
    .output(scheduleExceptionOutput)
    .mutation(({ ctx, input }) => ctx.db.transaction((trx) => createScheduleException(trx, ctx.actor, input))),
});
