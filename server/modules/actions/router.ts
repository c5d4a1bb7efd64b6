// Actions procedures: the catalogue, execute, check, history, stats and registering actions.
import * as s from '../../../shared/schemas/actions';
import { adminOrApiKeyProcedure, publicReadProcedure, router, userOrApiKeyProcedure } from '../../trpc';
import { actorRealm } from '../developer/realm';
import { listActions, registerAction } from './catalogue';
import { checkAction, executeAction, replayableExecution, subjectOf } from './engine';
import { actionHistory, actionStats } from './history';
import * as ex from './examples';

const tags = ['actions'];
const forUser = userOrApiKeyProcedure('actions:execute');

export const actionsRouter = router({
  list: publicReadProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/actions',
        tags,
        summary: 'The actions, with their limits, schedules and effects',
        description:
          'The actions users can execute, with their cooldown, daily and per-minute limits, the schedules that ' +
          'must be open and the effects they run; filter by `category`. Everyone sees the platform’s actions ' +
          'and the live actions applications registered; a test key sees its own application’s test actions ' +
          'instead of the live ones.',
      },
      examples: ex.list,
    })
    .input(s.listActionsInput)
    .output(s.listActionsOutput)
    .query(({ ctx, input }) => listActions(ctx.db, ctx.scope, input?.category)),

  execute: forUser
    .meta({
      openapi: {
        method: 'POST',
        path: '/actions/execute',
        tags,
        summary: 'Execute an action for a user',
        description:
          'Executes an action for a user: its effects run in order (XP, streaks, achievements, coupons…) in one ' +
          'transaction. A refusal answers 429 with its reason (`COOLDOWN`, `DAILY_LIMIT`, `RATE_LIMITED`, ' +
          '`SCHEDULE_CLOSED`), `Retry-After` and `details.nextAvailableAt`, and is logged as a failed ' +
          'execution. An API key names the user (`userId`); a signed-in user acts for themselves. A free-action ' +
          'benefit lets it past a cooldown or a daily limit (`freeUse`); system actions (league games) answer ' +
          '403. Send an `Idempotency-Key` to retry safely: a coupon code granted by `grant_coupon` is shown ' +
          'only in the first answer.',
        protect: true,
      },
      idempotent: true,
      replayView: replayableExecution,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'COOLDOWN', 'DAILY_LIMIT', 'RATE_LIMITED', 'SCHEDULE_CLOSED'],
      examples: ex.execute,
    })
    .input(s.executeActionInput)
    .output(s.executeActionOutput)
    .mutation(({ ctx, input }) => executeAction(ctx.db, ctx.platform, ctx.actor, input)),

  check: forUser
    .meta({
      openapi: {
        method: 'GET',
        path: '/actions/check/{code}',
        tags,
        summary: 'Whether execute would run now (or at `at`), without executing',
        description:
          'What execute would answer at an instant (default now), without executing or counting anything: ' +
          'whether the action is available, why not, when it is available again, executions left today and when ' +
          'the cooldown ends.',
        protect: true,
      },
      errors: ['FORBIDDEN'],
      examples: ex.check,
    })
    .input(s.checkActionInput)
    .output(s.checkActionOutput)
    .query(({ ctx, input }) => checkAction(ctx.db, ctx.platform, ctx.actor, input)),

  history: forUser
    .meta({
      openapi: {
        method: 'GET',
        path: '/actions/history',
        tags,
        summary: 'A user’s executions, newest first, with their effects',
        description:
          'A user’s executions, newest first, refused ones included (all actions, or one `actionCode`), each ' +
          'with its parameters and what its effects did.',
        protect: true,
      },
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      examples: ex.history,
    })
    .input(s.actionHistoryInput)
    .output(s.actionHistoryOutput)
    .query(({ ctx, input }) => actionHistory(ctx.db, actorRealm(ctx.actor), subjectOf(ctx.actor, input.userId), input)),

  stats: forUser
    .meta({
      openapi: {
        method: 'GET',
        path: '/actions/stats',
        tags,
        summary: 'A user’s execution counts: total, today, per action and per day',
        description:
          'A user’s execution counts: in all, today (in the user’s time zone), refused, per action with the ' +
          'last execution, and per day over the last 30 days.',
        protect: true,
      },
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      examples: ex.stats,
    })
    .input(s.actionStatsInput)
    .output(s.actionStatsOutput)
    .query(({ ctx, input }) => actionStats(ctx.db, actorRealm(ctx.actor), subjectOf(ctx.actor, input?.userId))),

  register: adminOrApiKeyProcedure('actions:register')
    .meta({
      openapi: {
        method: 'POST',
        path: '/actions/register',
        tags,
        summary: 'Register a custom action with its effects',
        description:
          'Registers a custom action with its limits, schedules and effects, which execute runs in order. ' +
          'Effects: `award_xp`, `unlock_achievement`, `xp_multiplier`, `grant_free_action`, ' +
          '`increment_counter`, `emit_event`, `grant_coupon`, `streak`, `award_credits`, `check_achievements`; ' +
          'each one’s `effectParams` are checked here (400 naming the field). A live action is visible to every ' +
          'live caller; a test key registers a test action of its own application. A code in use answers 409.',
        protect: true,
      },
      successStatus: 201,
      errors: ['CONFLICT'],
      examples: ex.register,
    })
    .input(s.registerActionInput)
    .output(s.actionOutput)
    .mutation(({ ctx, input }) => ctx.db.transaction((trx) => registerAction(trx, ctx.actor, input))),
});
