// Usage analytics of the signed-in developer's API keys.
import { usageInput, usageOutput } from '../../../shared/schemas/usage';
import { router, userProcedure } from '../../trpc';
import { getUsage } from './service';

export const usageRouter = router({
  summary: userProcedure
    .meta({ openapi: { method: 'GET', path: '/usage', tags: ['developer'], summary: 'Requests, errors and latency of your API keys', protect: true }, errors: ['NOT_FOUND'] })
    .input(usageInput)
    .output(usageOutput)
    .query(({ ctx, input }) => getUsage(ctx.db, ctx.auth.user.id, input)),
});
