// Usage analytics of the signed-in developer's API keys.
import { usageInput, usageOutput } from '../../../shared/schemas/usage';
import { router, userProcedure } from '../../trpc';
import { getUsage } from './service';
import * as ex from './examples';

export const usageRouter = router({
  summary: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/usage',
        tags: ['developer'],
        summary: 'Requests, errors and latency of your API keys',
        description:
          'Requests, errors (status 400 or more) and latency percentiles of your API keys, per UTC day, route ' +
          'and key, over the last `days` days (today included). Requests with a session token are not counted.',
        protect: true,
      },
      errors: ['NOT_FOUND'],
      examples: ex.summary,
    })
    .input(usageInput)
    .output(usageOutput)
    .query(({ ctx, input }) => getUsage(ctx.db, ctx.auth.user.id, input)),
});
