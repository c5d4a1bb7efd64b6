// Developer platform: applications, API keys and their scopes, shared by server and client.
import { z } from 'zod';
import { listInput, page, pageOnlyInput, text, timestamp, uuid } from './primitives';

/** A scope's shape: `resource:verb`. Which scopes exist is the server's scope registry (GET /api/scopes). */
export const apiScope = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*:[a-z][a-z_]*$/, 'must be a scope such as skills:award')
  .describe('An API-key scope, `resource:verb` (GET /api/scopes lists them).');
export type ApiScope = string;

/**
 * The kernel's scopes; extensions add theirs (leagues:manage, mailer:manage, …). Privileged ones act
 * on other users' data or on the platform (award XP, execute actions for a user, read users, run
 * schedules): any developer may put them on a test key, to try everything in the sandbox; on a live
 * key only an administrator may grant them.
 */
export const kernelScopes = [
  { scope: 'skills:award', description: 'Award XP to users.', privileged: true },
  { scope: 'actions:execute', description: 'Execute actions for users and check their availability.', privileged: true },
  { scope: 'actions:register', description: "Register and change the application's own actions.", privileged: true },
  { scope: 'webhooks:manage', description: "Register and manage the application's webhook endpoints.", privileged: false },
  { scope: 'schedule:manage', description: 'Create and change schedules and exceptions.', privileged: true },
  { scope: 'users:read', description: 'Read users’ profiles, skills and achievements.', privileged: true },
] as const satisfies ReadonlyArray<{ scope: string; description: string; privileged: boolean }>;

export const scopeOutput = z.object({
  scope: z.string(),
  description: z.string(),
  privileged: z.boolean().describe('On a live key, only an administrator may grant it.'),
  owner: z.string().describe('`kernel` or the extension that adds it.'),
});
export const scopesOutput = z.object({ items: z.array(scopeOutput) });
export type ScopeInfo = z.infer<typeof scopeOutput>;

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
  scopes: z.array(apiScope).min(1).max(64),
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
export const SANDBOX_LIST_LIMITS = { users: 50, executions: 20, events: 20 } as const;

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
  extensions: z.record(z.string(), z.record(z.string(), z.number().int())).describe('What each loaded extension keeps in the sandbox, by extension id.'),
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
});

/**
 * An origin a publishable key works from: scheme, host and port exactly as a browser sends them in
 * `Origin` (`https://shop.example`, `http://localhost:5173`, as a browser sends them); no path, no trailing slash, no wildcard.
 */
export const webOrigin = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin as a browser sends it: scheme://host[:port], lower-case, no path or trailing slash');

export const publishableKeyOutput = z.object({
  id: uuid(),
  applicationId: uuid(),
  name: z.string(),
  mode,
  key: z.string().describe('The key itself (`calos_pk_…`): public by design, it goes in your web pages.'),
  allowedOrigins: z.array(z.string()).describe('The only origins it works from (exact scheme, host and port).'),
  createdAt: timestamp(),
  lastUsedAt: timestamp().nullable(),
  revokedAt: timestamp().nullable(),
});
export type PublishableKey = z.infer<typeof publishableKeyOutput>;
export const publishableKeysInput = z.strictObject({ applicationId: uuid(), ...listInput });
export const publishableKeysOutput = page(publishableKeyOutput);
export const createPublishableKeyInput = z.strictObject({
  applicationId: uuid(),
  name: text(100, 1),
  mode: mode.default('live'),
  allowedOrigins: z.array(webOrigin).min(1).max(20),
});
export const updatePublishableKeyInput = z.strictObject({
  applicationId: uuid(),
  keyId: uuid(),
  allowedOrigins: z.array(webOrigin).min(1).max(20),
});
