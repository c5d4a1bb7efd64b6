// Session tokens: JWTs signed with HS256 (the only algorithm accepted on verification, so `none`
// and algorithm-confusion tokens are refused), short-lived, carrying the session id that every
// request checks against the database.
import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { jwtVerify, errors as joseErrors } from 'jose';
import type { Tx } from '../../db/index';

const ALGORITHM = 'HS256';
const ISSUER = 'calos';
const AUDIENCE = 'calos';

export interface TokenClaims {
  userId: string;
  sessionId: string;
  issuedAt: number;
  expiresAt: Date;
}

export interface TokenSigner {
  sign(userId: string, sessionId: string): Promise<{ token: string; expiresAt: Date }>;
  /** The claims of a valid token, or null for a forged, expired or malformed one. */
  verify(token: string): Promise<TokenClaims | null>;
  ttlSeconds: number;
}

/** Tokens already verified, by their exact text: verification of the same text cannot change. */
const VERIFIED_CACHE_SIZE = 10_000;

// Always the same header, so it is encoded once.
const HEADER = Buffer.from(JSON.stringify({ alg: ALGORITHM, typ: 'JWT' })).toString('base64url');

export function createTokenSigner(secret: Uint8Array, ttlSeconds: number): TokenSigner {
  const verified = new Map<string, TokenClaims>();
  // Signing is a synchronous HMAC-SHA256 over a key imported once (jose imported the raw secret
  // into WebCrypto on every call and signed through the async WebCrypto path: a login pays for it).
  const hmacKey = createSecretKey(secret);
  // Verification stays with jose (algorithm pinning, claim checks), with the key imported once.
  let verifyKey: Promise<CryptoKey> | undefined;
  const keyForVerify = () =>
    (verifyKey ??= crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));
  return {
    ttlSeconds,
    async sign(userId, sessionId) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + ttlSeconds;
      const payload = { sid: sessionId, sub: userId, iss: ISSUER, aud: AUDIENCE, iat: now, exp };
      const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      const signature = createHmac('sha256', hmacKey).update(signingInput).digest('base64url');
      return { token: `${signingInput}.${signature}`, expiresAt: new Date(exp * 1000) };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) return known.expiresAt.getTime() > Date.now() ? known : null;
      try {
        const { payload } = await jwtVerify(token, await keyForVerify(), {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        });
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
        const claims = {
          userId: payload.sub,
          sessionId: payload.sid,
          issuedAt: payload.iat!,
          expiresAt: new Date(payload.exp! * 1000),
        };
        // The signature check is the cost; the session is still looked up on every request.
        if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
        verified.set(token, claims);
        return claims;
      } catch (err) {
        if (err instanceof joseErrors.JOSEError || err instanceof TypeError) return null;
        throw err;
      }
    },
  };
}

/**
 * The signing key: CALOS_JWT_SECRET when set, otherwise one generated on first start and kept in
 * the database, so that every instance on the same database signs and verifies with the same key.
 */
export async function loadSigningSecret(db: Tx, configured: string | undefined): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  const generated = randomBytes(32).toString('base64url');
  await db('platform_secrets').insert({ name: 'jwt_hs256', value: generated }).onConflict('name').ignore();
  const row = await db('platform_secrets').where({ name: 'jwt_hs256' }).first('value');
  return new TextEncoder().encode(row.value as string);
}
