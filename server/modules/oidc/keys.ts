// The provider's signing keys, in the database so that every instance signs with and publishes the
// same ones. Rotation: a new key is published at once but signs only once every instance has had
// time to publish it (PUBLISH_AHEAD_MS, longer than an instance's key cache); an older key stays
// published until it is retired, so the tokens it signed still verify.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { Tx } from '../../db/index';

/** How long before a new key signs: instances reload their key set at least this often. */
export const KEY_CACHE_MS = 30_000;
export const PUBLISH_AHEAD_MS = 2 * KEY_CACHE_MS;

export interface SigningKeyRow {
  kid: string;
  jwk: JWK | string;
  created_at: Date;
  retired_at: Date | null;
}

export interface KeySet {
  /** The signing key first, then the others still published. */
  jwks: JWK[];
  signingKid: string;
  /** Changes whenever a key is added or retired (the provider is rebuilt then). */
  version: string;
  rows: Array<{ kid: string; alg: string; createdAt: Date; signing: boolean }>;
}

function newSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** Adds a new key (it signs once published everywhere); older keys past `retireAfterDays` are retired. */
export async function rotateSigningKey(db: Tx, retireAfterDays: number): Promise<void> {
  const jwk = newSigningKey();
  await db('oidc_signing_keys').insert({ kid: jwk.kid, jwk: JSON.stringify(jwk) });
  await retireOldKeys(db, retireAfterDays);
}

async function retireOldKeys(db: Tx, retireAfterDays: number) {
  // Never the two newest: one may be signing while the other is being published.
  const keep = (await db('oidc_signing_keys').whereNull('retired_at').orderBy('created_at', 'desc').limit(2).pluck('kid')) as string[];
  await db('oidc_signing_keys')
    .whereNull('retired_at')
    .whereNotIn('kid', keep)
    .where('created_at', '<', new Date(Date.now() - retireAfterDays * 86_400_000))
    .update({ retired_at: db.fn.now() });
}

/**
 * The published keys. The first start makes one, and a key older than `rotateAfterDays` gets a
 * successor (one instance decides, under an advisory lock). The newest key that has been published
 * for PUBLISH_AHEAD_MS signs, or the oldest when none has been (a fresh database's only key).
 */
export async function loadKeySet(db: Tx, rotateAfterDays: number, retireAfterDays: number): Promise<KeySet> {
  let rows = await activeKeys(db);
  if (!rows.length || rows[0]!.created_at.getTime() < Date.now() - rotateAfterDays * 86_400_000) {
    // One instance at a time decides; the others see its key.
    await db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['calos:oidc-key-rotation']);
      const current = await activeKeys(trx);
      if (!current.length) {
        // The very first key signs at once: it is the only one (below).
        const jwk = newSigningKey();
        await trx('oidc_signing_keys').insert({ kid: jwk.kid, jwk: JSON.stringify(jwk) });
      } else if (current[0]!.created_at.getTime() < Date.now() - rotateAfterDays * 86_400_000) {
        await rotateSigningKey(trx, retireAfterDays);
      }
    });
    rows = await activeKeys(db);
  }
  const ready = Date.now() - PUBLISH_AHEAD_MS;
  const signing = rows.find((r) => r.created_at.getTime() <= ready) ?? rows.at(-1)!;
  const parse = (r: SigningKeyRow) => (typeof r.jwk === 'string' ? (JSON.parse(r.jwk) as JWK) : r.jwk);
  return {
    jwks: [parse(signing), ...rows.filter((r) => r !== signing).map(parse)],
    signingKid: signing.kid,
    version: `${signing.kid}:${rows.map((r) => r.kid).join(',')}`,
    rows: rows.map((r) => ({ kid: r.kid, alg: 'RS256', createdAt: r.created_at, signing: r === signing })),
  };
}

const activeKeys = async (db: Tx) =>
  (await db('oidc_signing_keys').whereNull('retired_at').orderBy('created_at', 'desc')) as SigningKeyRow[];

/** The secret oidc-provider signs its cookies with, shared by every instance. */
export async function loadCookieSecret(db: Tx): Promise<string> {
  await db('platform_secrets').insert({ name: 'oidc_cookies', value: randomBytes(32).toString('base64url') }).onConflict('name').ignore();
  const row = (await db('platform_secrets').where({ name: 'oidc_cookies' }).first('value')) as { value: string };
  return row.value;
}
