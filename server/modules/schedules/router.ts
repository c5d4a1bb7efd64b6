// Schedule procedures: the list (open to anyone). The check and per-user exceptions under
// /schedule are about actions, and are the actions module's (actions/schedule-procedures.ts);
// server/router.ts mounts both under `schedules`.
import * as s from '../../../shared/schemas/schedules';
import { publicProcedure } from '../../trpc';
import * as schedules from './service';
import * as ex from './examples';

const tags = ['schedules'];

export const scheduleProcedures = {
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
};
