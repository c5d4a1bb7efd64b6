// Developer platform procedures: applications, their API keys, and "who am I" for a key.
import * as s from '../../../shared/schemas/developer';
import { emptyInput } from '../../../shared/schemas/primitives';
import { noContent } from '../../../shared/schemas/auth';
import { apiKeyProcedure, router, userProcedure } from '../../trpc';
import { createApiKey, describeApiKey, listApiKeys, revokeApiKey } from './api-keys';
import * as apps from './applications';
import { clearSandbox, sandboxSummary } from './sandbox';

const tags = ['developer'];

export const developerRouter = router({
  createApplication: userProcedure
    .meta({ openapi: { method: 'POST', path: '/apps', tags, summary: 'Create an application', protect: true }, successStatus: 201 })
    .input(s.createApplicationInput)
    .output(s.applicationOutput)
    .mutation(({ ctx, input }) => apps.createApplication(ctx.db, ctx.auth.user.id, input)),

  applications: userProcedure
    .meta({ openapi: { method: 'GET', path: '/apps', tags, summary: 'Your applications', protect: true } })
    .input(s.applicationsInput)
    .output(s.applicationsOutput)
    .query(({ ctx, input }) => apps.listApplications(ctx.db, ctx.auth.user.id, input)),

  application: userProcedure
    .meta({ openapi: { method: 'GET', path: '/apps/{applicationId}', tags, summary: 'One application', protect: true } })
    .input(s.applicationIdInput)
    .output(s.applicationOutput)
    .query(({ ctx, input }) => apps.getApplication(ctx.db, ctx.auth.user.id, input.applicationId)),

  updateApplication: userProcedure
    .meta({ openapi: { method: 'PATCH', path: '/apps/{applicationId}', tags, summary: 'Rename or describe an application', protect: true } })
    .input(s.updateApplicationInput)
    .output(s.applicationOutput)
    .mutation(({ ctx, input }) => apps.updateApplication(ctx.db, ctx.auth.user.id, input)),

  deleteApplication: userProcedure
    .meta({ openapi: { method: 'DELETE', path: '/apps/{applicationId}', tags, summary: 'Delete an application, its keys and webhooks', protect: true }, successStatus: 204 })
    .input(s.applicationIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (trx) => {
        await apps.deleteApplication(trx, ctx.auth.user.id, input.applicationId);
        await clearSandbox(trx, input.applicationId);
      }),
    ),

  testData: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/apps/{applicationId}/test-data',
        tags,
        summary: "What an application's test keys made in its sandbox",
        description:
          'For the application’s owner: counts of what its test keys made, and the latest of it — the sandbox’s users with their XP and executions, ' +
          'the last executions, test events and test leagues — so a developer sees what their code does with a test key. Live data never shows here.',
        protect: true,
      },
    })
    .input(s.applicationIdInput)
    .output(s.testDataOutput)
    .query(({ ctx, input }) => sandboxSummary(ctx.db, ctx.auth.user.id, input.applicationId)),

  createKey: userProcedure
    .meta({ openapi: { method: 'POST', path: '/apps/{applicationId}/keys', tags, summary: 'Create an API key (shown once)', protect: true }, successStatus: 201 })
    .input(s.createApiKeyInput)
    .output(s.createApiKeyOutput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.auth.user, input)),

  keys: userProcedure
    .meta({ openapi: { method: 'GET', path: '/apps/{applicationId}/keys', tags, summary: "An application's API keys", protect: true } })
    .input(s.apiKeysInput)
    .output(s.apiKeysOutput)
    .query(({ ctx, input }) => listApiKeys(ctx.db, ctx.auth.user.id, input)),

  revokeKey: userProcedure
    .meta({ openapi: { method: 'DELETE', path: '/apps/{applicationId}/keys/{keyId}', tags, summary: 'Revoke an API key at once', protect: true }, successStatus: 204 })
    .input(s.apiKeyIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.auth.user.id, input.applicationId, input.keyId)),

  whoami: apiKeyProcedure()
    .meta({ openapi: { method: 'GET', path: '/keys/me', tags, summary: 'The API key making this request', protect: true } })
    .input(emptyInput.optional())
    .output(s.whoamiOutput)
    .query(({ ctx }) => describeApiKey(ctx.db, ctx.actor.key)),
});
