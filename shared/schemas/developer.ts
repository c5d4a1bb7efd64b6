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
});
