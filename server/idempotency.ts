// Idempotency-Key for retryable writes (draft-ietf-httpapi-idempotency-key-header): the same key
// and body within 24 h replays the first success and changes nothing again; the same key with
// another body is 422; a key whose first request is still running is 409. A failed request
// releases its key, so the client's retry runs again (nothing was changed the first time).
// The claim and the change are separate statements: a process that dies between the change's commit
// and completeIdempotencyKey leaves a running claim, which a retry may take over after 5 minutes.
// Each claim carries its request's id, so only that request completes or releases it.
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { DomainError } from './errors';
import { transformer } from './transformer';

export const IDEMPOTENCY_TTL_HOURS = 24;
/**
 * How long a claim may run before another request may take it over (its request has died). Longer
 * than any request may take, so a slow first request is never run twice.
 */
const CLAIM_SECONDS = 300;

/** The header's value: a bare token or the draft's quoted sf-string, 1–255 visible ASCII characters. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim().replace(/^"(.*)"$/, '$1');
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new DomainError('VALIDATION_FAILED', 'The Idempotency-Key header must be 1–255 visible ASCII characters.', {
      issues: [{ path: 'header.Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  return value;
}

/** Key order does not change a body's meaning, so it does not change its fingerprint either. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return `${value}n`; // superjson sends them on /trpc; JSON cannot
  return JSON.stringify(value) ?? 'null';
}

export const requestFingerprint = (procedure: string, input: unknown) =>
  createHash('sha256').update(procedure).update('\n').update(canonicalJson(input)).digest('base64url');

/** A fresh id for one request's claim. */
export const newClaimId = (): string => randomUUID();

export interface IdempotencyClaim {
  scope: string;
  key: string;
  procedure: string;
  fingerprint: string;
  /** This request's own id for the claim. */
  claimId: string;
}

export type ClaimOutcome = { kind: 'claimed' } | { kind: 'replay'; data: unknown };

/**
 * Takes the key for this request, or says what an earlier request with it decided. The insert is
 * the atomic step: the primary key (scope, key) lets exactly one of several parallel requests
 * claim it; the others read the row the winner wrote.
 */
export async function claimIdempotencyKey(db: Knex, claim: IdempotencyClaim): Promise<ClaimOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { rows } = await db.raw(
      `INSERT INTO idempotency_keys AS k (scope, key, procedure, fingerprint, state, claim_id, locked_until)
       VALUES (?, ?, ?, ?, 'running', ?, now() + make_interval(secs => ?))
       ON CONFLICT (scope, key) DO UPDATE
         SET procedure = EXCLUDED.procedure, fingerprint = EXCLUDED.fingerprint, state = 'running', claim_id = EXCLUDED.claim_id,
             response = NULL, created_at = now(), locked_until = EXCLUDED.locked_until
       WHERE k.created_at < now() - make_interval(hours => ?)
          OR (k.state = 'running' AND k.locked_until < now() AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING 1`,
      [claim.scope, claim.key, claim.procedure, claim.fingerprint, claim.claimId, CLAIM_SECONDS, IDEMPOTENCY_TTL_HOURS],
    );
    if (rows.length) return { kind: 'claimed' };
    const existing = await db('idempotency_keys')
      .where({ scope: claim.scope, key: claim.key })
      .first('procedure', 'fingerprint', 'state', 'response');
    if (!existing) continue; // released between our insert and this read: try again
    if (existing.procedure !== claim.procedure || existing.fingerprint !== claim.fingerprint) {
      throw new DomainError('UNPROCESSABLE', 'This Idempotency-Key was used with another request body or route.', {
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    if (existing.state === 'running') {
      throw new DomainError('CONFLICT', 'A request with this Idempotency-Key is still being processed.', {
        reason: 'IDEMPOTENCY_KEY_IN_USE',
      });
    }
    return { kind: 'replay', data: transformer.output.deserialize(existing.response) };
  }
  throw new DomainError('CONFLICT', 'A request with this Idempotency-Key is still being processed.', {
    reason: 'IDEMPOTENCY_KEY_IN_USE',
  });
}

export async function completeIdempotencyKey(db: Knex, claim: IdempotencyClaim, data: unknown): Promise<void> {
  await db('idempotency_keys')
    .where({ scope: claim.scope, key: claim.key, state: 'running', claim_id: claim.claimId })
    .update({ state: 'done', response: JSON.stringify(transformer.output.serialize(data)) })
    .returning('key');
}

export async function releaseIdempotencyKey(db: Knex, claim: IdempotencyClaim): Promise<void> {
  await db('idempotency_keys').where({ scope: claim.scope, key: claim.key, state: 'running', claim_id: claim.claimId }).delete().returning('key');
}
