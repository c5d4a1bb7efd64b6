// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
// "id.timestamp.body" with the base64-decoded part of the `whsec_` secret, sent as "v1,<base64>".
import { createHmac, randomBytes } from 'node:crypto';

export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${signature}`;
}

export function webhookHeaders(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'CalOS-Webhooks/1.0',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
