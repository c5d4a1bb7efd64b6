// verifyWebhook against the reference Standard Webhooks library: each accepts what the other signs,
// and ours refuses a changed body, a wrong secret, a stale or future timestamp and a missing header.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { signWebhook, verifyWebhook, WebhookVerificationError } from '@calos/sdk';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const payload = JSON.stringify({ type: 'xp.awarded', timestamp: '2026-11-25T14:30:00.000Z', data: { userId: 'u1', xp: 100 } });

function referenceHeaders(body = payload, at = new Date(), key = secret) {
  const id = `msg_${randomBytes(8).toString('hex')}`;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(key).sign(id, at, body),
  };
}

describe('verifyWebhook', () => {
  it('accepts what the reference library signs, from a string, bytes, or a Headers object', async () => {
    const headers = referenceHeaders();
    expect(await verifyWebhook(payload, headers, secret)).toMatchObject({ type: 'xp.awarded', data: { xp: 100 } });
    expect((await verifyWebhook(new TextEncoder().encode(payload), headers, secret)).type).toBe('xp.awarded');
    expect((await verifyWebhook(payload, new Headers(headers), secret)).type).toBe('xp.awarded');
  });

  it('is accepted by the reference library when signing', async () => {
    const headers = await signWebhook(payload, secret, { id: 'msg_1' });
    expect(new Webhook(secret).verify(payload, headers)).toMatchObject({ type: 'xp.awarded' });
  });

  it('accepts any one matching signature of several (during a secret rotation)', async () => {
    const headers = referenceHeaders();
    const old = `whsec_${randomBytes(32).toString('base64')}`;
    const other = new Webhook(old).sign(headers['webhook-id'], new Date(Number(headers['webhook-timestamp']) * 1000), payload);
    headers['webhook-signature'] = `v2,abc ${other} ${headers['webhook-signature']}`;
    expect((await verifyWebhook(payload, headers, secret)).type).toBe('xp.awarded');
  });

  it('refuses a changed body, another secret, a bad signature and missing headers', async () => {
    const headers = referenceHeaders();
    const refusals = [
      () => verifyWebhook(payload.replace('100', '1000'), headers, secret),
      () => verifyWebhook(payload, headers, `whsec_${randomBytes(32).toString('base64')}`),
      () => verifyWebhook(payload, { ...headers, 'webhook-signature': 'v1,AAAA' }, secret),
      () => verifyWebhook(payload, { ...headers, 'webhook-signature': 'v1,not base64!' }, secret),
      () => verifyWebhook(payload, { 'webhook-id': headers['webhook-id'], 'webhook-timestamp': headers['webhook-timestamp'] }, secret),
    ];
    for (const refusal of refusals) await expect(refusal()).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('refuses timestamps outside the tolerance, either way', async () => {
    const old = referenceHeaders(payload, new Date(Date.now() - 6 * 60_000));
    await expect(verifyWebhook(payload, old, secret)).rejects.toThrow(/too old/);
    const future = referenceHeaders(payload, new Date(Date.now() + 6 * 60_000));
    await expect(verifyWebhook(payload, future, secret)).rejects.toThrow(/too new/);
    expect((await verifyWebhook(payload, old, secret, { toleranceSeconds: 600 })).type).toBe('xp.awarded');
    // The reference library agrees about the stale one.
    expect(() => new Webhook(secret).verify(payload, old)).toThrow();
  });
});
