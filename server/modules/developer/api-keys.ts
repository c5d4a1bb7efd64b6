// API keys: created for an application and shown once, stored as a hash, checked on every request
// (so a revocation is refused at once on every instance), rate-limited per key in the database.
import type { z } from 'zod';
import { prepared, type Tx } from '../../db/index';
import { DomainError, invalidField, notFound, type RateLimitInfo } from '../../errors';
import { hitUpsertSql } from '../../limits/fixed-window';
import { newestFirstPage, type PageInput } from '../../db/cursor';
import type { createApiKeyInput, Mode } from '../../../shared/schemas/developer';
import { isPrivilegedScope, unknownScopes } from './scopes';
import { displayApiKey, generateApiKey, hashApiKey, parseApiKey } from './api-key-format';
import { ownedApplication } from './applications';
import { toApiKey, type ApiKeyRow } from './models';

export async function createApiKey(
  tx: Tx,
  owner: { id: string; role: 'user' | 'admin' },
  input: z.output<typeof createApiKeyInput>,
) {
  const ownerId = owner.id;
  const [unknown] = unknownScopes(input.scopes);
  if (unknown) throw invalidField(`scopes.${unknown.index}`, `There is no scope "${unknown.scope}" (GET /api/scopes lists them).`);
  await ownedApplication(tx, ownerId, input.applicationId);
  const needAdmin = input.mode === 'live' && owner.role !== 'admin' ? input.scopes.filter(isPrivilegedScope) : [];
  if (needAdmin.length) {
    throw new DomainError(
      'FORBIDDEN',
      `Only an administrator can create a live key with ${needAdmin.join(', ')}; use a test key to try them.`,
      { reason: 'SCOPE_NEEDS_ADMIN', scopes: needAdmin },
    );
  }
  const secret = generateApiKey(input.mode);
  const [row] = (await tx('api_keys')
    .insert({
      application_id: input.applicationId,
      name: input.name,
      mode: input.mode,
      key_hash: hashApiKey(secret),
      display: displayApiKey(secret),
      scopes: [...new Set(input.scopes)],
      rate_limit_per_minute: input.rateLimitPerMinute,
    })
    .returning('*')) as ApiKeyRow[];
  return { key: toApiKey(row!), secret };
}

export async function listApiKeys(tx: Tx, ownerId: string, input: PageInput & { applicationId: string }) {
  await ownedApplication(tx, ownerId, input.applicationId);
  const { rows, nextCursor } = await newestFirstPage<ApiKeyRow>(tx('api_keys').where({ application_id: input.applicationId }), input);
  return { items: rows.map(toApiKey), nextCursor };
}

export async function revokeApiKey(tx: Tx, ownerId: string, applicationId: string, keyId: string): Promise<void> {
  await ownedApplication(tx, ownerId, applicationId);
  const updated = await tx('api_keys')
    .where({ id: keyId, application_id: applicationId })
    .whereNull('revoked_at')
    .update({ revoked_at: tx.fn.now() })
    .returning('id');
  if (!updated.length) throw notFound('api key');
}

/** The caller behind a valid API key. */
export interface KeyPrincipal {
  keyId: string;
  applicationId: string;
  ownerId: string;
  mode: Mode;
  scopes: string[];
  rateLimit: RateLimitInfo;
}

const LAST_USED_RESOLUTION_MS = 60_000;
const invalidKey = () => new DomainError('UNAUTHENTICATED', 'The API key is invalid or revoked.');

/**
 * Authenticates an API key and counts the request against its per-minute limit. A malformed key or
 * a bad checksum is refused before any database work.
 */
const KEY_WINDOW_SECONDS = 60;

/**
 * The key (with its owner's role) and one hit on its per-minute window, in one prepared statement.
 * The hit commits without waiting for the WAL flush: a PostgreSQL crash may forget the last
 * fraction of a second of counts, which a rate limit can afford, and every request saves a flush.
 */
const AUTHENTICATE_KEY_SQL = `
  WITH k AS (
    SELECT k.*, a.owner_id, u.role AS owner_role
    FROM api_keys k JOIN applications a ON a.id = k.application_id JOIN users u ON u.id = a.owner_id
    WHERE k.key_hash = $1 AND k.revoked_at IS NULL
  ), async_commit AS (
    SELECT set_config('synchronous_commit', 'off', true)
  ), w AS (
    ${hitUpsertSql(`SELECT 'apikey:' || k.id, 1, now() FROM k, async_commit`, '$2')}
  )
  SELECT k.*, w.attempts, w.reset FROM k LEFT JOIN w ON true`;

export async function authenticateApiKey(tx: Tx, key: string): Promise<KeyPrincipal> {
  if (!parseApiKey(key)) throw invalidKey();
  const [row] = await prepared<ApiKeyRow & { owner_id: string; owner_role: string; attempts: number; reset: number }>(
    tx,
    'calos_authenticate_api_key',
    AUTHENTICATE_KEY_SQL,
    [hashApiKey(key), KEY_WINDOW_SECONDS],
  );
  if (!row) throw invalidKey();
  // A live key keeps its privileged scopes only while its owner is an administrator.
  const scopes =
    row.mode === 'live' && row.owner_role !== 'admin' ? row.scopes.filter((s) => !isPrivilegedScope(s)) : row.scopes;

  const hit = { count: row.attempts, resetSeconds: Math.max(0, row.reset) };
  const rateLimit: RateLimitInfo = {
    policy: 'api-key',
    limit: row.rate_limit_per_minute,
    windowSeconds: KEY_WINDOW_SECONDS,
    remaining: row.rate_limit_per_minute - hit.count,
    resetSeconds: hit.resetSeconds,
  };
  if (hit.count > row.rate_limit_per_minute) {
    throw new DomainError(
      'RATE_LIMITED',
      'This API key is over its rate limit; try again later.',
      { retryAfterSeconds: hit.resetSeconds, nextAvailableAt: new Date(Date.now() + hit.resetSeconds * 1000) },
      rateLimit,
    );
  }
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await tx('api_keys').where({ id: row.id }).update({ last_used_at: tx.fn.now() });
  }
  return {
    keyId: row.id,
    applicationId: row.application_id,
    ownerId: row.owner_id,
    mode: row.mode,
    scopes,
    rateLimit,
  };
}

export async function describeApiKey(tx: Tx, principal: KeyPrincipal) {
  const row = (await tx('api_keys').where({ id: principal.keyId }).first()) as ApiKeyRow;
  const app = await ownedApplication(tx, principal.ownerId, principal.applicationId);
  return { key: toApiKey(row), application: { id: app.id, name: app.name, description: app.description, createdAt: app.created_at } };
}
