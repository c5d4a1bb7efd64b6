// Schedule procedures: the list and the open/closed check (open to anyone), and per-user exceptions.
import * as s from '../../../shared/schemas/schedules';
import { scheduleExceptionInput, scheduleExceptionOutput } from '../../../shared/schemas/actions';
import { adminOrApiKeyProcedure, publicProcedure, router } from '../../trpc';
import { checkScheduleOrAction, createScheduleException } from '../actions/exceptions';
import * as schedules from './service';

const tags = ['schedules'];

export const schedulesRouter = router({
  list: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/schedule/list', tags, summary: 'Every schedule actions can follow' } })
    .input(s.listSchedulesInput)
    .output(s.listSchedulesOutput)
    .query(({ ctx }) => schedules.listSchedules(ctx.db)),

  check: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/schedule/check', tags, summary: 'Whether a schedule is open at an instant, and when that changes' }, errors: ['NOT_FOUND'] })
    .input(s.checkScheduleInput)
    .output(s.checkScheduleOutput)
    .query(({ ctx, input }) => checkScheduleOrAction(ctx.db, input)),

  exception: adminOrApiKeyProcedure('schedule:manage')
    .meta({ openapi: { method: 'POST', path: '/schedule/exception', tags, summary: 'Open an action’s schedules for one user between two instants', protect: true }, successStatus: 201, errors: ['NOT_FOUND'] })
    .input(scheduleExceptionInput)
    .output(scheduleExceptionOutput)
    .mutation(({ ctx, input }) => ctx.db.transaction((trx) => createScheduleException(trx, ctx.actor, input))),
});
