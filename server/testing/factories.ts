// Small factories for integration tests: accounts, applications and API keys made through the
// real REST door, so every test starts from data the API itself produced.
import { expect } from 'vitest';
import type { ApiScope, Mode } from '../../shared/schemas/developer';
import { newAccount, type TestApp } from './harness';

export async function signUp(
  t: TestApp,
  overrides: Partial<ReturnType<typeof newAccount>> = {},
  device?: { fingerprint: string; signals: Record<string, unknown> },
) {
  const account = newAccount(overrides);
  const res = await t.rest('POST', '/api/auth/register', { body: device ? { ...account, device } : account });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { account, token: res.body.token as string, userId: res.body.user.id as string };
}

export async function createApplication(t: TestApp, token: string, name = 'Chess club') {
  const res = await t.rest('POST', '/api/apps', { token, body: { name } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

export async function createApiKey(
  t: TestApp,
  token: string,
  applicationId: string,
  options: { scopes?: ApiScope[]; mode?: Mode; rateLimitPerMinute?: number } = {},
) {
  const res = await t.rest('POST', `/api/apps/${applicationId}/keys`, {
    token,
    body: { name: 'test key', scopes: options.scopes ?? ['webhooks:manage'], mode: options.mode ?? 'live', ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { secret: res.body.secret as string, key: res.body.key as { id: string; mode: Mode } };
}

/** A developer with an application and one API key. */
export async function developerWithKey(t: TestApp, options: Parameters<typeof createApiKey>[3] = {}) {
  const user = await signUp(t);
  const app = await createApplication(t, user.token);
  const key = await createApiKey(t, user.token, app.id, options);
  return { ...user, app, ...key };
}

/** A signed-up user promoted to administrator (as CALOS_ADMIN_* would create one). */
export async function signUpAdmin(t: TestApp) {
  const user = await signUp(t);
  await t.db.knex('users').where({ id: user.userId }).update({ role: 'admin' });
  return user;
}

/** An API key holding `scopes`; live keys with privileged scopes are granted by an administrator. */
export async function operatorKey(t: TestApp, scopes: ApiScope[], mode: Mode = 'live') {
  const admin = await signUpAdmin(t);
  const app = await createApplication(t, admin.token, 'Operator app');
  const key = await createApiKey(t, admin.token, app.id, { scopes, mode });
  return { ...admin, app, ...key };
}
