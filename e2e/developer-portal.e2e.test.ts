// Browser test of the developer portal: create an application and an API key (its secret shown
// once), register a webhook endpoint on a local receiver, send a test event and watch it succeed,
// read its payload, replay it, see the key's request in Usage, and revoke the key. Any console
// error or page error fails the test.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { server, page, PASSWORD, uniqueName, useBrowserSuite } from './suite';
import { startWebhookReceiver, type WebhookReceiver } from '../server/testing/webhook-receiver';

let receiver: WebhookReceiver;

useBrowserSuite({
  // The receiver listens on 127.0.0.1, which webhooks may reach only when private addresses are
  // allowed; usage counts reach the database every 200 ms instead of every 10 s.
  env: { CALOS_WEBHOOK_ALLOW_PRIVATE: 'true', CALOS_USAGE_FLUSH_MS: '200' },
  around: {
    before: async () => {
      receiver = await startWebhookReceiver();
    },
    after: async () => {
      await receiver?.close();
    },
  },
});

async function signUp(username: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
}

/** Calls `check` until it returns true (it may click Refresh in between), or fails after `ms`. */
async function eventually(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const labelledNumber = async (locator: Locator) =>
  Number((await locator.getAttribute('aria-label'))?.split(': ')[1]?.replace(/\D/g, '') || 'NaN');

const whoami = (secret: string) =>
  fetch(`${server.url}/api/keys/me`, { headers: { authorization: `Bearer ${secret}` } });

describe('developer portal in the browser', () => {
  it('creates an app, a key shown once, a webhook that receives a test event, and shows usage', { timeout: 120_000 }, async () => {
    await signUp(uniqueName('e2e_dev'));

    // Applications
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Developers' }).click();
    await page.waitForURL('**/developer');
    await page.getByRole('heading', { name: 'Developers', level: 1 }).waitFor();
    await expect(page.getByRole('link', { name: 'API reference' }).getAttribute('href')).resolves.toBe('/api/docs');
    await page.getByRole('button', { name: 'New application' }).click();
    const appDialog = page.getByRole('dialog', { name: 'New application' });
    await appDialog.getByLabel('Name').fill('Storefront');
    await appDialog.getByLabel('Description').fill('The shop that awards XP for purchases.');
    await appDialog.getByRole('button', { name: 'Create application' }).click();
    await page.waitForURL(/\/developer\/apps\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Storefront', level: 1 }).waitFor();

    // An API key, whose secret is shown once
    await page.getByRole('button', { name: 'Create key' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'Create API key' });
    await keyDialog.getByLabel('Name').fill('Checkout server');
    await keyDialog.getByRole('checkbox', { name: 'webhooks:manage' }).check();
    await keyDialog.getByRole('button', { name: 'Create key' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Your new API key' });
    const secret = (await secretDialog.getByText(/^calos_sk_/).textContent())?.trim() ?? '';
    expect(secret).toMatch(/^calos_sk_\S{20,}$/);
    await secretDialog.getByText('will not be shown again', { exact: false }).waitFor();
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    await secretDialog.waitFor({ state: 'hidden' });
    const keyRow = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: 'Checkout server' });
    await keyRow.waitFor();
    const display = (await keyRow.getByText(/^calos_sk_/).textContent()) ?? '';
    expect(display.startsWith(secret.slice(0, 9))).toBe(true);
    expect(display.endsWith(secret.slice(-4))).toBe(true);
    expect(display).not.toBe(secret);
    expect(await page.content()).not.toContain(secret);
    await keyRow.getByText('webhooks:manage').waitFor();

    // The key works, and its request is counted for Usage below.
    expect((await whoami(secret)).status).toBe(200);

    // A webhook endpoint on the local receiver
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const endpointDialog = page.getByRole('dialog', { name: 'Add webhook endpoint' });
    const hookUrl = `${receiver.url}/hooks/calos`;
    await endpointDialog.getByLabel('Endpoint URL').fill(hookUrl);
    await endpointDialog.getByLabel('Events').click();
    await page.getByRole('option', { name: /^webhook\.test/ }).click();
    await endpointDialog.getByLabel('Endpoint URL').click(); // closes the options
    await endpointDialog.getByRole('button', { name: 'Add endpoint' }).click();
    const whsecDialog = page.getByRole('dialog', { name: /signing secret/ });
    await expect(whsecDialog.getByText(/^whsec_/).textContent()).resolves.toMatch(/^whsec_/);
    await whsecDialog.getByRole('button', { name: 'I have copied it' }).click();
    await whsecDialog.waitFor({ state: 'hidden' });

    const endpointRow = page.getByRole('table', { name: 'Webhook endpoints' }).getByRole('row').filter({ hasText: hookUrl });
    await endpointRow.getByText('Enabled', { exact: true }).waitFor();
    await endpointRow.getByRole('button', { name: 'Send test event' }).click();

    // The delivery worker runs in the server; the deliveries table refreshes itself while one is pending.
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    const succeeded = deliveries.getByRole('row').filter({ hasText: 'webhook.test' }).filter({ hasText: 'succeeded' });
    await succeeded.first().waitFor({ timeout: 20_000 });
    const received = receiver.received.map((r) => JSON.parse(r.body) as { type?: string });
    expect(received.some((body) => body.type === 'webhook.test')).toBe(true);
    expect(receiver.received[0]?.headers['webhook-signature']).toMatch(/^v1,/);

    // The delivery's payload, and a replay of it
    await succeeded.first().getByRole('button', { name: 'Open webhook.test delivery' }).click();
    const drawer = page.getByRole('dialog', { name: 'Delivery of webhook.test' });
    await expect(drawer.getByLabel('Payload').textContent()).resolves.toContain('"type": "webhook.test"');
    await expect(drawer.getByLabel('Response body').textContent()).resolves.toBe('ok');
    await drawer.getByRole('button', { name: 'Replay' }).click();
    await page.getByText('Replay queued').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await eventually('the replay to succeed', async () => (await succeeded.count()) === 2, 20_000);

    // Usage: counts are flushed to the database every 200 ms; refresh until the request shows.
    await page.getByRole('tab', { name: 'Usage' }).click();
    const requests = page.getByRole('group', { name: /^Requests: / });
    await requests.waitFor();
    await eventually('the key request to show in Usage', async () => {
      if ((await labelledNumber(requests)) >= 1) return true;
      await page.getByRole('button', { name: 'Refresh usage' }).click();
      return false;
    });
    await page.getByRole('table', { name: 'Usage by key' }).getByText('Checkout server').waitFor();
    await page.getByRole('table', { name: 'Usage by route' }).getByText('/keys/me', { exact: false }).waitFor();

    // Revoking the key stops it at once.
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Revoke Checkout server' }).click();
    await page.getByRole('dialog', { name: 'Revoke this key?' }).getByRole('button', { name: 'Revoke key' }).click();
    await keyRow.getByText(/^Revoked/).waitFor();
    expect((await whoami(secret)).status).toBe(401);
  });
});
