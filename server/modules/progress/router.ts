// The progress summary procedure: one read for the web client's home page (and any app's profile).
import * as s from '../../../shared/schemas/progress';
import { router, userOrApiKeyProcedure } from '../../trpc';
import { scopeOf } from '../developer/realm';
import { subjectOf } from '../actions/engine';
import { progressSummary } from './service';
import * as ex from './examples';

export const progressRouter = router({
  summary: userOrApiKeyProcedure('users:read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/progress',
        tags: ['skills'],
        summary: 'A user’s progress at a glance',
        description:
          'Total level and XP, XP gained today and this week, the streak of consecutive active days, the rank on the total-level leaderboard, ' +
          'the locked achievement closest to being earned with its progress, and the actions the user can execute now. ' +
          'Days and weeks (Monday to Sunday) are the user’s own, in their time zone. A signed-in user reads their own; an API key names `userId` ' +
          'and reads its own mode (a test key, its application’s sandbox). **Who may call:** a signed-in user (themselves), or an API key with `users:read`.',
        protect: true,
      },
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      examples: ex.summary,
    })
    .input(s.progressSummaryInput)
    .output(s.progressSummaryOutput)
    .query(({ ctx, input }) => progressSummary(ctx.db, scopeOf(ctx.actor), subjectOf(ctx.actor, input?.userId))),
});
