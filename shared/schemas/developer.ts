// Developer platform: applications, API keys and their scopes, shared by server and client.
import { z } from 'zod';
import { listInput, page, pageOnlyInput, text, timestamp, uuid } from './primitives';

/** Every scope an API key may hold; each route that accepts a key names the one it needs. */
export const apiScopes = [
  'skills:award',
  'actions:execute',
  'actions:register',
  'webhooks:manage',
  'leagues:manage',
  'mailer:manage',
  'schedule:manage',
  'users:read',
] as const;
export const apiScope = z.enum(apiScopes);
export type ApiScope = z.infer<typeof apiScope>;

/**
 * Scopes that act on other users' data or on the platform (award XP, execute actions for a user,
 * read users, run campaigns, leagues and schedules). Any developer may put them on a test key, to
 * try everything in the sandbox; on a live key only an administrator may grant them.
 */
export const privilegedScopes: readonly ApiScope[] = apiScopes.filter((s) => s !== 'webhooks:manage');

export const mode = z.enum(['live', 'test']).describe("`test` keys see and change only their own application's test-mode data.");
export type Mode = z.infer<typeof mode>;

export const applicationOutput = z.object({
  id: uuid(),
  name: z.string(),
  description: z.string(),
  createdAt: timestamp(),
});
export type Application = z.infer<typeof applicationOutput>;
export const applicationsInput = pageOnlyInput;
export const applicationsOutput = page(applicationOutput);

export const createApplicationInput = z.strictObject({
  name: text(100, 1),
  description: text(500).optional(),
});
export const applicationIdInput = z.strictObject({ applicationId: uuid() });
export const updateApplicationInput = z.strictObject({
  applicationId: uuid(),
  name: text(100, 1).optional(),
  description: text(500).optional(),
});

export const apiKeyOutput = z.object({
  id: uuid(),
  applicationId: uuid(),
  name: z.string(),
  mode,
  display: z.string().describe('Prefix and last four characters, e.g. calos_sk_AbCd…wXyZ.'),
  scopes: z.array(apiScope),
  rateLimitPerMinute: z.number().int(),
  createdAt: timestamp(),
  lastUsedAt: timestamp().nullable(),
  revokedAt: timestamp().nullable(),
});
export type ApiKey = z.infer<typeof apiKeyOutput>;
export const apiKeysInput = z.strictObject({ applicationId: uuid(), ...listInput });
export const apiKeysOutput = page(apiKeyOutput);

export const createApiKeyInput = z.strictObject({
  applicationId: uuid(),
  name: text(100, 1),
  mode: mode.default('live'),
  scopes: z.array(apiScope).min(1).max(apiScopes.length),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
});
export const createApiKeyOutput = z.object({
  key: apiKeyOutput,
  secret: z.string().describe('The key itself. Shown once: only its hash is stored.'),
});
export const apiKeyIdInput = z.strictObject({ applicationId: uuid(), keyId: uuid() });

export const whoamiOutput = z.object({
  application: applicationOutput,
  key: apiKeyOutput,
});

/** How many of each the test-data view lists (the counts cover them all). */
export const SANDBOX_LIST_LIMITS = { users: 50, executions: 20, events: 20, leagues: 10 } as const;

/** An application's sandbox, for its owner: what its test keys made, apart from live data. */
export const testDataOutput = z.object({
  applicationId: uuid(),
  actions: z.array(z.string()).describe('Codes of the test actions it registered.'),
  leagues: z.number().int().describe('Test leagues it created.'),
  executions: z.number().int().describe('Action executions in its sandbox.'),
  users: z.number().int().describe('Users with XP or executions in its sandbox.'),
  events: z.number().int().describe('Test events its keys caused.'),
  webhookEndpoints: z.number().int().describe('Its test webhook endpoints.'),
  campaigns: z.number().int().describe('Its test mailer campaigns.'),
  topUsers: z
    .array(
      z.object({
        userId: uuid(),
        username: z.string(),
        totalLevel: z.number().int().nullable().describe('Null while the user has executions but no XP in the sandbox.'),
        totalXp: z.number().int(),
        executions: z.number().int(),
        lastExecutedAt: timestamp().nullable(),
      }),
    )
    .describe(`Up to ${SANDBOX_LIST_LIMITS.users} of those users, most XP first, with their XP and executions in the sandbox.`),
  latestExecutions: z
    .array(
      z.object({
        id: uuid(),
        userId: uuid(),
        username: z.string(),
        actionCode: z.string(),
        status: z.enum(['succeeded', 'failed']),
        failureReason: z.string().nullable().describe('Why it was refused: COOLDOWN, DAILY_LIMIT, RATE_LIMITED, SCHEDULE_CLOSED.'),
        executedAt: timestamp(),
      }),
    )
    .describe(`The last ${SANDBOX_LIST_LIMITS.executions} action executions in the sandbox, newest first.`),
  latestEvents: z
    .array(z.object({ id: uuid(), type: z.string(), userId: uuid().nullable(), createdAt: timestamp() }))
    .describe(`The last ${SANDBOX_LIST_LIMITS.events} test events, newest first (their deliveries are under the test webhook endpoints).`),
  latestLeagues: z
    .array(z.object({ id: uuid(), name: z.string(), game: z.string(), status: z.enum(['registration', 'running', 'completed']), participantCount: z.number().int() }))
    .describe(`The last ${SANDBOX_LIST_LIMITS.leagues} test leagues, newest first.`),
});
