// The API key format: `calos_sk_` (live) or `calos_tk_` (test), 32 random base62 characters
// (~190 bits), then a 6-character base62 CRC32 of everything before it. The fixed prefix lets a
// secret scanner find keys; the checksum lets it tell a real key from a look-alike without asking us.
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type KeyMode = 'live' | 'test';
export const KEY_PREFIX: Record<KeyMode, string> = { live: 'calos_sk_', test: 'calos_tk_' };

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = /^calos_(sk|tk)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

function base62(value: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // Rejection sampling keeps every character uniform (248 = 4 × 62).
    for (const byte of randomBytes(length * 2)) if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
  }
  return out;
}

const checksumOf = (body: string) => base62(crc32(body), CHECKSUM_LENGTH);

export function generateApiKey(mode: KeyMode): string {
  const body = KEY_PREFIX[mode] + randomBase62(RANDOM_LENGTH);
  return body + checksumOf(body);
}

/** The mode of a well-formed key with a valid checksum, or null for anything else. */
export function parseApiKey(candidate: string): { mode: KeyMode } | null {
  const match = KEY_PATTERN.exec(candidate);
  if (!match) return null;
  const body = candidate.slice(0, candidate.length - CHECKSUM_LENGTH);
  if (checksumOf(body) !== match[3]) return null;
  return { mode: match[1] === 'sk' ? 'live' : 'test' };
}

export const looksLikeApiKey = (token: string) => token.startsWith('calos_sk_') || token.startsWith('calos_tk_');

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** What the owner sees of a key after creation: `calos_sk_AbCd…wXyZ`. */
export const displayApiKey = (key: string) => `${key.slice(0, 13)}…${key.slice(-4)}`;

/**
 * A publishable key (`calos_pk_`, public, for web pages): the same body and checksum as a secret
 * key, its own prefix so that no secret-key route ever takes it and a scanner can tell them apart.
 */
export const PUBLISHABLE_PREFIX = 'calos_pk_';
const PUBLISHABLE_PATTERN = /^calos_pk_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

export function generatePublishableKey(): string {
  const body = PUBLISHABLE_PREFIX + randomBase62(RANDOM_LENGTH);
  return body + checksumOf(body);
}

/** True for a well-formed publishable key with a valid checksum. */
export function isPublishableKey(candidate: string): boolean {
  const match = PUBLISHABLE_PATTERN.exec(candidate);
  return Boolean(match) && checksumOf(candidate.slice(0, candidate.length - CHECKSUM_LENGTH)) === match![2];
}

export const looksLikePublishableKey = (token: string) => token.startsWith(PUBLISHABLE_PREFIX);
