// Schedule procedures: the list of schedules and the open/closed check, open to anyone.
import * as s from '../../../shared/schemas/schedules';
import { publicProcedure, router } from '../../trpc';
import * as schedules from './service';

const tags = ['schedules'];

export const schedulesRouter = router({
  list: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/schedule/list', tags, summary: 'Every schedule actions can follow' } })
    .input(s.listSchedulesInput)
    .output(s.listSchedulesOutput)
    .query(({ ctx }) => schedules.listSchedules(ctx.db)),

  check: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/schedule/check', tags, summary: 'Whether a schedule is open at an instant, and when that changes' } })
    .input(s.checkScheduleInput)
    .output(s.checkScheduleOutput)
    .query(({ ctx, input }) => schedules.checkSchedule(ctx.db, input)),
});
