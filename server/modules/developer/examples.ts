// Example requests and responses of the developer platform routes, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/developer';
import { at, exampleIds, examples } from '../../openapi-examples';

const { application: applicationId, apiKey: keyId } = exampleIds;
const testKeyId = 'd3c51a21-f8c6-4cdb-9337-936b585a169b';

const app = {
  id: applicationId,
  name: 'Chess puzzles',
  description: 'Daily puzzles with XP for every solve.',
  createdAt: at('2026-11-03T08:30:12.204Z'),
};
const liveKey = {
  id: keyId,
  applicationId,
  name: 'Puzzle server',
  mode: 'live' as const,
  display: 'calos_sk_22oa…jxJQ',
  scopes: ['skills:award' as const, 'actions:execute' as const, 'webhooks:manage' as const],
  rateLimitPerMinute: 600,
  createdAt: at('2026-11-03T08:31:40.977Z'),
  lastUsedAt: at('2026-12-07T08:59:58.310Z'),
  revokedAt: null,
};
const testKey = {
  id: testKeyId,
  applicationId,
  name: 'Staging',
  mode: 'test' as const,
  display: 'calos_tk_wFvf…TzQZ',
  scopes: ['skills:award' as const, 'actions:execute' as const, 'leagues:manage' as const],
  rateLimitPerMinute: 600,
  createdAt: at('2026-11-03T08:33:05.126Z'),
  lastUsedAt: at('2026-12-06T17:12:44.590Z'),
  revokedAt: null,
};

export const createApplication = examples(
  { input: s.createApplicationInput, output: s.applicationOutput },
  { request: { name: 'Chess puzzles', description: 'Daily puzzles with XP for every solve.' }, response: app },
);

export const applications = examples(
  { input: s.applicationsInput, output: s.applicationsOutput },
  {
    request: { limit: 20 },
    response: {
      items: [
        app,
        { id: 'c33ee9be-36f0-4792-9a71-12fa34f67381', name: 'Book club', description: '', createdAt: at('2026-10-21T16:05:44.018Z') },
      ],
      nextCursor: null,
    },
  },
);

export const application = examples({ input: s.applicationIdInput, output: s.applicationOutput }, { request: { applicationId }, response: app });

export const updateApplication = examples(
  { input: s.updateApplicationInput, output: s.applicationOutput },
  {
    request: { applicationId, description: 'Daily chess puzzles: XP for every solve, a league every month.' },
    response: { ...app, description: 'Daily chess puzzles: XP for every solve, a league every month.' },
  },
);

export const deleteApplication = examples({ input: s.applicationIdInput }, { request: { applicationId } });

export const testData = examples(
  { input: s.applicationIdInput, output: s.testDataOutput },
  {
    request: { applicationId },
    response: {
      applicationId,
      actions: ['solve_puzzle'],
      leagues: 1,
      executions: 214,
      users: 12,
      events: 530,
      webhookEndpoints: 1,
      campaigns: 0,
      extensions: { leagues: { leagues: 1 }, mailer: { campaigns: 0 } },
      topUsers: [
        { userId: exampleIds.grace, username: 'grace', totalLevel: 24, totalXp: 4_380, executions: 31, lastExecutedAt: at('2026-12-07T09:26:53.118Z') },
      ],
      latestExecutions: [
        {
          id: '0b9d6c4e-5f3a-4b2c-9d1e-2f3a4b5c6d7e',
          userId: exampleIds.grace,
          username: 'grace',
          actionCode: 'solve_puzzle',
          status: 'succeeded',
          failureReason: null,
          executedAt: at('2026-12-07T09:26:53.118Z'),
        },
      ],
      latestEvents: [
        { id: '3e2d1c0b-9a8f-4e7d-b6c5-a4b3c2d1e0f9', type: 'xp.awarded', userId: exampleIds.grace, createdAt: at('2026-12-07T09:26:53.118Z') },
      ],
    },
  },
);

export const scopes = examples(
  { output: s.scopesOutput },
  {
    response: {
      items: [
        { scope: 'skills:award', description: 'Award XP to users.', privileged: true, owner: 'kernel' },
        { scope: 'webhooks:manage', description: "Register and manage the application's webhook endpoints.", privileged: false, owner: 'kernel' },
        { scope: 'leagues:manage', description: 'Create, start and run leagues; record results as an operator; register users.', privileged: true, owner: 'leagues' },
      ],
    },
  },
);

export const createKey = examples(
  { input: s.createApiKeyInput, output: s.createApiKeyOutput },
  {
    request: { applicationId, name: 'Puzzle server', mode: 'live', scopes: ['skills:award', 'actions:execute', 'webhooks:manage'] },
    response: { key: { ...liveKey, lastUsedAt: null }, secret: 'calos_sk_22oaeyWZ8lJhfVC3Q7ao3fu37MpPK0rq3fjxJQ' },
  },
);

export const keys = examples(
  { input: s.apiKeysInput, output: s.apiKeysOutput },
  { request: { applicationId, limit: 20 }, response: { items: [testKey, liveKey], nextCursor: null } },
);

export const revokeKey = examples({ input: s.apiKeyIdInput }, { request: { applicationId, keyId: testKeyId } });

export const whoami = examples({ output: s.whoamiOutput }, { response: { application: app, key: liveKey } });

const publishableKeyId = '3f1c9a7e-5b2d-4e8f-a6c4-9d0b7e1f2a35';
const publishableKey = {
  id: publishableKeyId,
  applicationId,
  name: 'Website widget',
  mode: 'live' as const,
  key: 'calos_pk_4hX9QmV2bT7nLc8RkZ1pW5sYd3FgJ6aE0uN2oP',
  allowedOrigins: ['https://puzzles.example.com', 'http://puzzles.example.com:8080'],
  createdAt: at('2026-03-02T09:20:00Z'),
  lastUsedAt: null,
  revokedAt: null,
};
export const createPublishableKey = examples(
  { input: s.createPublishableKeyInput, output: s.publishableKeyOutput },
  { request: { applicationId, name: 'Website widget', mode: 'live', allowedOrigins: publishableKey.allowedOrigins }, response: publishableKey },
);
export const publishableKeys = examples({ input: s.publishableKeysInput, output: s.publishableKeysOutput }, { request: { applicationId, limit: 20 }, response: { items: [publishableKey], nextCursor: null } });
export const updatePublishableKey = examples(
  { input: s.updatePublishableKeyInput, output: s.publishableKeyOutput },
  { request: { applicationId, keyId: publishableKeyId, allowedOrigins: ['https://puzzles.example.com'] }, response: { ...publishableKey, allowedOrigins: ['https://puzzles.example.com'] } },
);
export const revokePublishableKey = examples({ input: s.apiKeyIdInput }, { request: { applicationId, keyId: publishableKeyId } });
