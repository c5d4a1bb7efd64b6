// Publishable keys: an application's public key for web pages (an embedded widget). It holds no
// scopes; a route accepts one only when its procedure base says so (publishableKeyProcedure), and
// only from an Origin the key lists, compared exactly (scheme, host and port). Revocation and
// origin changes apply at once: every request reads the key's row.
import type { z } from 'zod';
import type { Tx } from '../../db/index';
import { DomainError, notFound } from '../../errors';
import { newestFirstPage, type PageInput } from '../../db/cursor';
import type { Mode, PublishableKey, createPublishableKeyInput, updatePublishableKeyInput } from '../../../shared/schemas/developer';
import { generatePublishableKey, isPublishableKey } from './api-key-format';
import { hitWindow } from '../../limits/fixed-window';
import { addressBucket } from '../../net/ip';
import { ownedApplication } from './applications';

interface PublishableKeyRow {
  id: string;
  application_id: string;
  name: string;
  mode: Mode;
  key: string;
  allowed_origins: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toPublishableKey = (row: PublishableKeyRow): PublishableKey => ({
  id: row.id,
  applicationId: row.application_id,
  name: row.name,
  mode: row.mode,
  key: row.key,
  allowedOrigins: row.allowed_origins,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

const unique = (origins: readonly string[]) => [...new Set(origins)];

export async function createPublishableKey(tx: Tx, ownerId: string, input: z.output<typeof createPublishableKeyInput>) {
  await ownedApplication(tx, ownerId, input.applicationId);
  const [row] = (await tx('publishable_keys')
    .insert({ application_id: input.applicationId, name: input.name, mode: input.mode, key: generatePublishableKey(), allowed_origins: unique(input.allowedOrigins) })
    .returning('*')) as PublishableKeyRow[];
  return toPublishableKey(row!);
}

export async function listPublishableKeys(tx: Tx, ownerId: string, input: PageInput & { applicationId: string }) {
  await ownedApplication(tx, ownerId, input.applicationId);
  const { rows, nextCursor } = await newestFirstPage<PublishableKeyRow>(tx('publishable_keys').where({ application_id: input.applicationId }), input);
  return { items: rows.map(toPublishableKey), nextCursor };
}

export async function updatePublishableKey(tx: Tx, ownerId: string, input: z.output<typeof updatePublishableKeyInput>) {
  await ownedApplication(tx, ownerId, input.applicationId);
  const [row] = (await tx('publishable_keys')
    .where({ id: input.keyId, application_id: input.applicationId })
    .whereNull('revoked_at')
    .update({ allowed_origins: unique(input.allowedOrigins) })
    .returning('*')) as PublishableKeyRow[];
  if (!row) throw notFound('publishable key');
  return toPublishableKey(row);
}

export async function revokePublishableKey(tx: Tx, ownerId: string, applicationId: string, keyId: string): Promise<void> {
  await ownedApplication(tx, ownerId, applicationId);
  const updated = await tx('publishable_keys')
    .where({ id: keyId, application_id: applicationId })
    .whereNull('revoked_at')
    .update({ revoked_at: tx.fn.now() })
    .returning('id');
  if (!updated.length) throw notFound('publishable key');
}

/** The caller behind a publishable key used from an allowed origin. */
export interface PublishableKeyPrincipal {
  keyId: string;
  applicationId: string;
  ownerId: string;
  mode: Mode;
  /** The Origin the request came from (one the key lists). */
  origin: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

export const originRefused = (origin: string | undefined) =>
  new DomainError(
    'FORBIDDEN',
    origin ? 'This publishable key does not allow requests from this origin.' : 'A publishable key works only from a web page: the request has no Origin.',
    { reason: origin ? 'ORIGIN_NOT_ALLOWED' : 'ORIGIN_MISSING' },
  );

/**
 * Checks a publishable key and the request's Origin: an unknown, malformed or revoked key is 401; a
 * missing Origin, or one the key does not list exactly, is 403.
 */
export async function authenticatePublishableKey(tx: Tx, key: string, origin: string | undefined): Promise<PublishableKeyPrincipal> {
  const invalid = new DomainError('UNAUTHENTICATED', 'The publishable key is invalid or revoked.');
  if (!isPublishableKey(key)) throw invalid;
  const row = (await tx('publishable_keys as k')
    .join('applications as a', 'a.id', 'k.application_id')
    .where('k.key', key)
    .whereNull('k.revoked_at')
    .first('k.*', 'a.owner_id')) as (PublishableKeyRow & { owner_id: string }) | undefined;
  if (!row) throw invalid;
  if (!origin || !row.allowed_origins.includes(origin)) throw originRefused(origin);
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await tx('publishable_keys').where({ id: row.id }).update({ last_used_at: tx.fn.now() });
  }
  return { keyId: row.id, applicationId: row.application_id, ownerId: row.owner_id, mode: row.mode, origin };
}

/**
 * Requests one client address may make with one publishable key per minute. A publishable key is
 * public and `Origin` is a browser's promise, not a proof (any other client can send one), so this
 * bounds what a script can do with a key it copied from a page.
 */
export const PUBLISHABLE_PER_ADDRESS_PER_MINUTE = 300;

export async function limitPublishableKey(tx: Tx, principal: PublishableKeyPrincipal, ip: string): Promise<void> {
  const hit = await hitWindow(tx, `pk:${principal.keyId}:${addressBucket(ip)}`, 60);
  if (hit.count > PUBLISHABLE_PER_ADDRESS_PER_MINUTE) {
    throw new DomainError('RATE_LIMITED', 'Too many requests with this publishable key from this address; try again later.', {
      retryAfterSeconds: hit.resetSeconds,
      nextAvailableAt: new Date(Date.now() + hit.resetSeconds * 1000),
    });
  }
}

/** Whether any active publishable key lists `origin` (what a CORS preflight, which carries no key, can ask). */
export async function originHasPublishableKey(tx: Tx, origin: string): Promise<boolean> {
  const row = await tx('publishable_keys').whereNull('revoked_at').whereRaw('allowed_origins @> ARRAY[?]::text[]', [origin]).first('id');
  return Boolean(row);
}
