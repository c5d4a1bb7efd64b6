// Developer platform procedures: applications, their API keys, and "who am I" for a key.
import * as s from '../../../shared/schemas/developer';
import { emptyInput } from '../../../shared/schemas/primitives';
import { noContent } from '../../../shared/schemas/auth';
import { apiKeyProcedure, publicProcedure, router, userProcedure } from '../../trpc';
import { listScopes } from './scopes';
import { createApiKey, describeApiKey, listApiKeys, revokeApiKey } from './api-keys';
import * as apps from './applications';
import * as publishable from './publishable-keys';
import { clearSandbox, sandboxSummary } from './sandbox';
import * as ex from './examples';

const tags = ['developer'];

export const developerRouter = router({
  createApplication: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/apps',
        tags,
        summary: 'Create an application',
        description:
          'Creates an application: what your API keys and webhook endpoints belong to, and whose test keys get ' +
          'a sandbox of their own.',
        protect: true,
      },
      successStatus: 201,
      examples: ex.createApplication,
    })
    .input(s.createApplicationInput)
    .output(s.applicationOutput)
    .mutation(({ ctx, input }) => apps.createApplication(ctx.db, ctx.auth.user.id, input)),

  applications: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/apps',
        tags,
        summary: 'Your applications',
        description:
          'Your applications, newest first.',
        protect: true,
      },
      examples: ex.applications,
    })
    .input(s.applicationsInput)
    .output(s.applicationsOutput)
    .query(({ ctx, input }) => apps.listApplications(ctx.db, ctx.auth.user.id, input)),

  application: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/apps/{applicationId}',
        tags,
        summary: 'One application',
        description:
          'One of your applications; another user’s answers 404.',
        protect: true,
      },
      examples: ex.application,
    })
    .input(s.applicationIdInput)
    .output(s.applicationOutput)
    .query(({ ctx, input }) => apps.getApplication(ctx.db, ctx.auth.user.id, input.applicationId)),

  updateApplication: userProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/apps/{applicationId}',
        tags,
        summary: 'Rename or describe an application',
        description:
          'Changes an application’s name or description; fields left out stay as they are.',
        protect: true,
      },
      examples: ex.updateApplication,
    })
    .input(s.updateApplicationInput)
    .output(s.applicationOutput)
    .mutation(({ ctx, input }) => apps.updateApplication(ctx.db, ctx.auth.user.id, input)),

  deleteApplication: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/apps/{applicationId}',
        tags,
        summary: 'Delete an application, its keys and webhooks',
        description:
          'Deletes an application with its API keys (refused from the next request on), its webhook endpoints ' +
          'and everything its test keys made in its sandbox. Live data its keys wrote (XP, executions) stays.',
        protect: true,
      },
      successStatus: 204,
      examples: ex.deleteApplication,
    })
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
          'Counts what the application’s test keys made in its sandbox: test actions, leagues, executions, ' +
          'users, events, webhook endpoints and campaigns; and lists the latest of it — the sandbox’s users with their XP ' +
          'and executions, the last executions and test events — for the developer portal’s test mode. Live data is never ' +
          'counted, and no other application sees this sandbox.',
        protect: true,
      },
      examples: ex.testData,
    })
    .input(s.applicationIdInput)
    .output(s.testDataOutput)
    .query(({ ctx, input }) => sandboxSummary(ctx.db, ctx.auth.user.id, input.applicationId)),

  createKey: userProcedure
    .meta({
      secretAnswer: true,
      openapi: {
        method: 'POST',
        path: '/apps/{applicationId}/keys',
        tags,
        summary: 'Create an API key (shown once)',
        description:
          'Creates an API key and answers its secret, once: only its hash is stored. A `live` key with a scope ' +
          'that acts on other users (every scope but `webhooks:manage`) needs an administrator; anyone may put ' +
          'any scope on a `test` key, which sees only its application’s sandbox.',
        protect: true,
      },
      successStatus: 201,
      examples: ex.createKey,
    })
    .input(s.createApiKeyInput)
    .output(s.createApiKeyOutput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.auth.user, input)),

  keys: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/apps/{applicationId}/keys',
        tags,
        summary: "An application's API keys",
        description:
          'An application’s API keys, newest first, revoked ones included. The secret is never shown again: ' +
          '`display` holds its prefix and last four characters.',
        protect: true,
      },
      examples: ex.keys,
    })
    .input(s.apiKeysInput)
    .output(s.apiKeysOutput)
    .query(({ ctx, input }) => listApiKeys(ctx.db, ctx.auth.user.id, input)),

  revokeKey: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/apps/{applicationId}/keys/{keyId}',
        tags,
        summary: 'Revoke an API key at once',
        description:
          'Revokes an API key: every instance refuses it from the next request on. It stays listed, with ' +
          '`revokedAt`.',
        protect: true,
      },
      successStatus: 204,
      examples: ex.revokeKey,
    })
    .input(s.apiKeyIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.auth.user.id, input.applicationId, input.keyId)),

  createPublishableKey: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/apps/{applicationId}/publishable-keys',
        tags,
        summary: 'Create a publishable key (calos_pk_…) for web pages',
        description:
          'Creates a publishable key: a public key for web pages (an embedded widget), shown in full at any time. ' +
          'It holds no scopes: it works only on the routes that say they take one (the swiper\'s draw and swipe), ' +
          'and only from the origins listed, compared exactly (scheme, host and port, e.g. `https://puzzles.example.com`). ' +
          'A `test` key acts in the application\'s sandbox.',
        protect: true,
      },
      successStatus: 201,
      examples: ex.createPublishableKey,
    })
    .input(s.createPublishableKeyInput)
    .output(s.publishableKeyOutput)
    .mutation(({ ctx, input }) => publishable.createPublishableKey(ctx.db, ctx.auth.user.id, input)),

  publishableKeys: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/apps/{applicationId}/publishable-keys',
        tags,
        summary: "An application's publishable keys",
        description: 'An application’s publishable keys, newest first, revoked ones included.',
        protect: true,
      },
      examples: ex.publishableKeys,
    })
    .input(s.publishableKeysInput)
    .output(s.publishableKeysOutput)
    .query(({ ctx, input }) => publishable.listPublishableKeys(ctx.db, ctx.auth.user.id, input)),

  updatePublishableKey: userProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/apps/{applicationId}/publishable-keys/{keyId}',
        tags,
        summary: "Change a publishable key's allowed origins",
        description: 'Replaces the origins a publishable key works from; every instance applies it from the next request on.',
        protect: true,
      },
      examples: ex.updatePublishableKey,
    })
    .input(s.updatePublishableKeyInput)
    .output(s.publishableKeyOutput)
    .mutation(({ ctx, input }) => publishable.updatePublishableKey(ctx.db, ctx.auth.user.id, input)),

  revokePublishableKey: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/apps/{applicationId}/publishable-keys/{keyId}',
        tags,
        summary: 'Revoke a publishable key at once',
        description: 'Revokes a publishable key: every instance refuses it from the next request on. It stays listed, with `revokedAt`.',
        protect: true,
      },
      successStatus: 204,
      examples: ex.revokePublishableKey,
    })
    .input(s.apiKeyIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => publishable.revokePublishableKey(ctx.db, ctx.auth.user.id, input.applicationId, input.keyId)),

  scopes: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/scopes',
        tags,
        summary: 'The API-key scopes there are (the kernel’s and the loaded extensions’)',
        description:
          'Every scope a key may hold: the kernel’s and those the loaded extensions add, with who adds it. On a live key, only an administrator may grant a privileged scope; a test key may hold any. **Who may call:** anyone.',
      },
      examples: ex.scopes,
    })
    .input(emptyInput.optional())
    .output(s.scopesOutput)
    .query(() => ({ items: listScopes() })),

  whoami: apiKeyProcedure()
    .meta({
      openapi: {
        method: 'GET',
        path: '/keys/me',
        tags,
        summary: 'The API key making this request',
        description:
          'The API key making the request and its application: a quick check of which key, mode and scopes a ' +
          'deployment is using.',
        protect: true,
      },
      examples: ex.whoami,
    })
    .input(emptyInput.optional())
    .output(s.whoamiOutput)
    .query(({ ctx }) => describeApiKey(ctx.db, ctx.actor.key)),
});
