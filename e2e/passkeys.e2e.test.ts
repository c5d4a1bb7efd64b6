// Browser test of passkeys on http://localhost (a relying-party id cannot be an IP address), with
// Chromium's virtual authenticator (CDP WebAuthn domain) standing in for a phone or security key:
// add a passkey on the devices page, sign out, sign in with it; then require it after the password
// and sign in with both. Any console error or page error fails the test.
import { beforeEach, describe, expect, it } from 'vitest';
import { context, page, server, watcher, PASSWORD, uniqueName, useBrowserSuite } from './suite';

useBrowserSuite();

/** The server's address by name: passkeys need a domain, and localhost is one. */
const at = (path: string) => `${server.url.replace('127.0.0.1', 'localhost')}${path}`;

beforeEach(async () => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
});

async function signUp() {
  const username = uniqueName('e2e_pk');
  await page.goto(at('/sign-up'));
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
  return username;
}

async function addPasskey(name: string) {
  await page.goto(at('/devices'));
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a passkey' });
  await dialog.getByLabel('Passkey name').fill(name);
  await dialog.getByLabel('Your password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Create passkey' }).click();
  await page.getByRole('table', { name: 'Passkeys' }).getByRole('row').filter({ hasText: name }).waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

async function signOut() {
  await page.getByRole('button', { name: /account menu/i }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL('**/sign-in');
  await page.getByRole('button', { name: 'Use a passkey' }).waitFor();
}

describe('passkeys in the browser', () => {
  it('adds a passkey, renames it, signs out and signs in with it', async () => {
    const username = await signUp();
    await addPasskey('Virtual key');
    const table = page.getByRole('table', { name: 'Passkeys' });
    await page.getByRole('button', { name: 'Rename Virtual key' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename passkey' });
    await rename.getByLabel('Passkey name').fill('Laptop key');
    await rename.getByRole('button', { name: 'Save' }).click();
    await table.getByRole('row').filter({ hasText: 'Laptop key' }).waitFor();

    await signOut();
    // The password form keeps its one "Sign in" button; the passkey has its own.
    // One button matches "Sign in" however a test looks it up (exact or by substring): the passkey's is named otherwise.
    await expect(page.getByRole('button', { name: 'Sign in' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
    expect(new URL(page.url()).hostname).toBe('localhost');
  });

  it('requires the passkey after the password once the second factor is on', async () => {
    const username = await signUp();
    await addPasskey('Virtual key');
    const secondFactor = page.getByRole('switch', { name: 'Require a passkey after my password' });
    await expect.poll(() => secondFactor.isEnabled()).toBe(true);
    await secondFactor.click();
    const dialog = page.getByRole('dialog', { name: 'Require a passkey at sign-in' });
    await dialog.getByLabel('Your password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Require a passkey' }).click();
    await expect.poll(() => secondFactor.isChecked()).toBe(true);

    await signOut();
    // The password step answers 403 SECOND_FACTOR_REQUIRED; the page then asks for the passkey.
    watcher.expectHttpError('auth.login', 403);
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
  });

  it('the device confirmation page says plainly when a link is spent or wrong', async () => {
    watcher.expectHttpError('auth.confirmDevice', 410);
    await page.goto(at(`/confirm-device?token=${'x'.repeat(43)}`));
    const alert = page.getByText('Not confirmed');
    await alert.waitFor();
    await expect(page.getByText('This link has expired or was already used').isVisible()).resolves.toBe(true);
  });
});
