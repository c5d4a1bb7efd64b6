// Browser test of identity: sign up, sign out, sign in, see this device under Devices & sessions,
// the password strength meter and a refused password's reason, and the message for a wrong
// password. Any console error or page error fails the test.
import { describe, expect, it } from 'vitest';
import { server, page, watcher, PASSWORD, uniqueName, useBrowserSuite } from './suite';

useBrowserSuite();

async function signOut() {
  await page.getByRole('button', { name: /account menu/i }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL('**/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

async function expectHome(username: string) {
  await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
}

describe('identity in the browser', () => {
  it('signs up, signs out, signs in, lists this device and signs out', async () => {
    const username = uniqueName('e2e');
    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectHome(username);
    await expect(page.getByText(`${username}@example.com`).first().isVisible()).resolves.toBe(true);

    await signOut();

    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectHome(username);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices & sessions' }).click();
    await page.waitForURL('**/devices');
    await page.getByRole('heading', { name: 'Devices & sessions' }).waitFor();
    const devices = page.getByRole('table', { name: 'Devices' });
    const thisDevice = devices.getByRole('row').filter({ hasText: 'This device' });
    await thisDevice.waitFor();
    await expect(thisDevice.count()).resolves.toBe(1);
    await expect(thisDevice.textContent()).resolves.toContain('Chrome');
    const sessions = page.getByRole('table', { name: 'Active sessions' });
    await sessions.getByRole('row').filter({ hasText: 'Current' }).waitFor();

    await signOut();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    // Signed out for real: a protected page sends the visitor back to /sign-in.
    await page.goto('/devices');
    await page.waitForURL('**/sign-in');
  });

  it('says "Wrong login or password." for a wrong password', async () => {
    const username = uniqueName('e2e_wrong');
    const created = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${username}@example.com`, password: PASSWORD }),
    });
    expect(created.status).toBe(201);
    watcher.expectHttpError('auth.login', 401);

    await page.goto('/sign-in');
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong login or password.' }).textContent()).resolves.toContain(
      'Wrong login or password.',
    );
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('rates the password as it is typed and says why the server refuses one', async () => {
    const username = uniqueName('e2e_weak');
    watcher.expectHttpError('auth.register', 400);
    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill('Password1234');
    await page.getByText(/Strength: (Very weak|Weak)$/).waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Must not be a common or breached password', { exact: false }).waitFor();

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByText(/Strength: (Fair|Strong|Very strong)/).waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectHome(username);
  });

  it('shows a taken username under the Username field', async () => {
    const username = uniqueName('e2e_taken');
    const created = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${username}@example.com`, password: PASSWORD }),
    });
    expect(created.status).toBe(201);
    watcher.expectHttpError('auth.register', 409);

    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`other_${username}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    const field = page.getByLabel('Username');
    await page.getByText('This username is taken.').waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
  });
});
