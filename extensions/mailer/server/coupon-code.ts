// Coupon codes as printed on paper: 11 random characters and one check character from a 31-letter
// alphabet with no 0/O, 1/I/L, grouped XXXX-XXXX-XXXX. The check character is Luhn mod 31, which
// catches every single mistyped character and most swaps of neighbours, so the server can tell a
// typo ("check the code") from a well-formed code it does not know. Codes are stored only as an
// HMAC-SHA-256 under a key derived from the server's coupon secret.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const N = CODE_ALPHABET.length; // 31, prime
const PAYLOAD_LENGTH = 11;
export const CODE_LENGTH = PAYLOAD_LENGTH + 1;
const INDEX = new Map([...CODE_ALPHABET].map((c, i) => [c, i]));
// Rejection sampling: bytes at or above the largest multiple of 31 would bias the draw.
const UNBIASED_LIMIT = 256 - (256 % N);

function weightedSum(values: number[], startFactor: 1 | 2): number {
  let factor = startFactor;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    sum += factor * values[i]!;
    factor = factor === 2 ? 1 : 2;
  }
  return sum % N;
}

export function checkCharacter(payload: string): string {
  const values = [...payload].map((c) => INDEX.get(c)!);
  return CODE_ALPHABET[(N - weightedSum(values, 2)) % N]!;
}

export const formatCode = (normalized: string) => normalized.match(/.{1,4}/g)!.join('-');

/** `count` distinct fresh codes in normalised form (no dashes). */
export function generateCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const need = (count - codes.size) * PAYLOAD_LENGTH;
    const bytes = randomBytes(Math.ceil(need * 1.1) + 16);
    let payload = '';
    for (const byte of bytes) {
      if (byte >= UNBIASED_LIMIT) continue;
      payload += CODE_ALPHABET[byte % N];
      if (payload.length === PAYLOAD_LENGTH) {
        codes.add(payload + checkCharacter(payload));
        payload = '';
        if (codes.size === count) break;
      }
    }
  }
  return [...codes];
}

export type ParsedCode =
  | { kind: 'ok'; normalized: string }
  | { kind: 'invalid_characters'; characters: string[] }
  | { kind: 'wrong_length'; length: number }
  | { kind: 'bad_check' };

/** Reads a code as a person typed it: any case, spaces and dashes ignored. */
export function parseCode(input: string): ParsedCode {
  const normalized = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  const invalid = [...new Set([...normalized].filter((c) => !INDEX.has(c)))];
  if (invalid.length) return { kind: 'invalid_characters', characters: invalid };
  if (normalized.length !== CODE_LENGTH) return { kind: 'wrong_length', length: normalized.length };
  const values = [...normalized].map((c) => INDEX.get(c)!);
  if (weightedSum(values, 1) !== 0) return { kind: 'bad_check' };
  return { kind: 'ok', normalized };
}

export interface CouponKeys {
  hashKey: Buffer;
  csvKey: Buffer;
}

const derivedKeys = new Map<string, CouponKeys>();

/** Separate keys for hashing codes and encrypting batch files, both derived from the one secret. */
export function couponKeys(secret: string): CouponKeys {
  let keys = derivedKeys.get(secret);
  if (!keys) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'calos-coupons', info, 32));
    keys = { hashKey: derive('code hash v1'), csvKey: derive('batch csv v1') };
    derivedKeys.set(secret, keys);
  }
  return keys;
}

export const hashCode = (keys: CouponKeys, normalized: string) =>
  createHmac('sha256', keys.hashKey).update(normalized).digest('base64url');

/** AES-256-GCM: 12-byte IV ‖ 16-byte tag ‖ ciphertext. The batch id is bound in as associated data. */
export function encryptBatchFile(keys: CouponKeys, batchId: string, plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.csvKey, iv);
  cipher.setAAD(Buffer.from(batchId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptBatchFile(keys: CouponKeys, batchId: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', keys.csvKey, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(batchId));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
