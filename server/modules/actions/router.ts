// Actions procedures: the catalogue, execute, check, history, stats and registering actions.
import * as s from '../../../shared/schemas/actions';
import { adminOrApiKeyProcedure, publicReadProcedure, router, userOrApiKeyProcedure } from '../../trpc';
import { actorRealm } from '../developer/realm';
import { listActions, registerAction } from './catalogue';
import { checkAction, executeAction, replayableExecution, subjectOf } from './engine';
import { actionHistory, actionStats } from './history';

const tags = ['actions'];
const forUser = userOrApiKeyProcedure('actions:execute');

export const actionsRouter = router({
  list: publicReadProcedure
    .meta({ openapi: { method: 'GET', path: '/actions', tags, summary: 'The actions, with their limits, schedules and effects' } })
    .input(s.listActionsInput)
    .output(s.listActionsOutput)
    .query(({ ctx, input }) => listActions(ctx.db, ctx.scope, input?.category)),

  execute: forUser
    .meta({
      openapi: { method: 'POST', path: '/actions/execute', tags, summary: 'Execute an action for a user', protect: true },
      idempotent: true,
      replayView: replayableExecution,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'COOLDOWN', 'DAILY_LIMIT', 'RATE_LIMITED', 'SCHEDULE_CLOSED'],
    })
    .input(s.executeActionInput)
    .output(s.executeActionOutput)
    .mutation(({ ctx, input }) => executeAction(ctx.db, ctx.platform, ctx.actor, input)),

  check: forUser
    .meta({ openapi: { method: 'GET', path: '/actions/check/{code}', tags, summary: 'Whether execute would run now (or at `at`), without executing', protect: true }, errors: ['FORBIDDEN'] })
    .input(s.checkActionInput)
    .output(s.checkActionOutput)
    .query(({ ctx, input }) => checkAction(ctx.db, ctx.platform, ctx.actor, input)),

  history: forUser
    .meta({ openapi: { method: 'GET', path: '/actions/history', tags, summary: 'A user’s executions, newest first, with their effects', protect: true }, errors: ['NOT_FOUND', 'FORBIDDEN'] })
    .input(s.actionHistoryInput)
    .output(s.actionHistoryOutput)
    .query(({ ctx, input }) => actionHistory(ctx.db, actorRealm(ctx.actor), subjectOf(ctx.actor, input.userId), input)),

  stats: forUser
    .meta({ openapi: { method: 'GET', path: '/actions/stats', tags, summary: 'A user’s execution counts: total, today, per action and per day', protect: true }, errors: ['NOT_FOUND', 'FORBIDDEN'] })
    .input(s.actionStatsInput)
    .output(s.actionStatsOutput)
    .query(({ ctx, input }) => actionStats(ctx.db, actorRealm(ctx.actor), subjectOf(ctx.actor, input?.userId))),

  register: adminOrApiKeyProcedure('actions:register')
    .meta({ openapi: { method: 'POST', path: '/actions/register', tags, summary: 'Register a custom action with its effects', protect: true }, successStatus: 201, errors: ['CONFLICT'] })
    .input(s.registerActionInput)
    .output(s.actionOutput)
    .mutation(({ ctx, input }) => ctx.db.transaction((trx) => registerAction(trx, ctx.actor, input))),
});
