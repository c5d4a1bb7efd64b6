// Standard Webhooks verification (https://www.standardwebhooks.com): HMAC-SHA256 over
// "id.timestamp.body" with the endpoint's whsec_ secret, a timestamp tolerance against replays, and
// a constant-time comparison (crypto.subtle.verify). WebCrypto only, so it runs in browsers, Node 20+,
// Deno, Bun and edge runtimes alike.

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** The body CalOS sends: `{type, timestamp, data}`. */
export interface WebhookEvent<T = Record<string, unknown>> {
  type: string;
  timestamp: string;
  data: T;
}

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

export interface VerifyOptions {
  /** How far webhook-timestamp may be from now, either way. Default 300 seconds (the spec's). */
  toleranceSeconds?: number;
  /** The current time, for tests. */
  now?: Date;
}

const encoder = new TextEncoder();

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(' ') : value;
  }
  return undefined;
}

function base64ToBytes(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function secretKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = base64ToBytes(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
  } catch {
    throw new WebhookVerificationError('The secret is not a whsec_<base64> secret');
  }
  return globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function signedContent(id: string, timestamp: string, payload: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const body = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix, 0);
  content.set(body, prefix.length);
  return content;
}

/**
 * Checks a delivery and returns its parsed body; throws WebhookVerificationError when a header is
 * missing, the timestamp is outside the tolerance, or no `v1` signature matches.
 * `payload` must be the raw body exactly as received (not re-serialised JSON).
 */
export async function verifyWebhook<T = Record<string, unknown>>(
  payload: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyOptions = {},
): Promise<WebhookEvent<T>> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature');
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('Invalid webhook-timestamp');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  const sentAt = Number(timestamp);
  if (sentAt < now - tolerance) throw new WebhookVerificationError('Message timestamp too old');
  if (sentAt > now + tolerance) throw new WebhookVerificationError('Message timestamp too new');

  const key = await secretKey(secret, 'verify');
  const content = signedContent(id, timestamp, payload);
  for (const entry of signatures.split(' ')) {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) continue;
    let candidate: Uint8Array<ArrayBuffer>;
    try {
      candidate = base64ToBytes(signature);
    } catch {
      continue;
    }
    // subtle.verify compares in constant time, unlike comparing two strings.
    if (await globalThis.crypto.subtle.verify('HMAC', key, candidate, content)) {
      const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
      try {
        return JSON.parse(text) as WebhookEvent<T>;
      } catch {
        throw new WebhookVerificationError('The payload is not JSON');
      }
    }
  }
  throw new WebhookVerificationError('No matching signature found');
}

/** Signs a payload as CalOS does: for testing your receiver. Returns the three headers. */
export async function signWebhook(
  payload: string,
  secret: string,
  message: { id: string; timestamp?: Date },
): Promise<{ 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string }> {
  const timestamp = String(Math.floor((message.timestamp ?? new Date()).getTime() / 1000));
  const key = await secretKey(secret, 'sign');
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, signedContent(message.id, timestamp, payload));
  return { 'webhook-id': message.id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${bytesToBase64(new Uint8Array(mac))}` };
}
