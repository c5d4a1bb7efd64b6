// Single sign-on in the browser: the sample application (examples/sso-skills, on openid-client)
// sends a visitor to CalOS, who signs in on CalOS's own page, sees the consent screen with the
// application's name and what it asks for, allows it, and is back in the application, which shows
// their skills. Then the user finds the application under Connected apps and revokes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, page, PASSWORD, server, uniqueName, useBrowserSuite } from './suite';
import { startSampleApp } from '../examples/sso-skills/app';

useBrowserSuite();

const APP_URL = 'http://localhost:5408';
let sample: Awaited<ReturnType<typeof startSampleApp>>;
let username: string;

beforeAll(async () => {
  const developer = await api('POST', '/auth/register', undefined, { username: uniqueName('dev'), email: `${uniqueName('dev')}@example.com`, password: PASSWORD });
  const application = await api('POST', '/apps', developer.token, { name: 'Puzzle club' });
  const registered = await api('POST', `/apps/${application.id}/oidc-clients`, developer.token, {
    name: 'Puzzle club',
    type: 'confidential',
    redirectUris: [`${APP_URL}/callback`],
    postLogoutRedirectUris: [`${APP_URL}/`],
    scopes: ['profile', 'skills'],
  });
  username = uniqueName('player');
  await api('POST', '/auth/register', undefined, { username, email: `${username}@example.com`, password: PASSWORD });
  sample = await startSampleApp({ calosUrl: server.url, clientId: registered.client.clientId, clientSecret: registered.clientSecret, appUrl: APP_URL });
});
afterAll(() => sample?.close());

describe('signing in to an application with CalOS', () => {
  it('signs in, consents, shows the skills; the user revokes the app under Connected apps', { timeout: 120_000 }, async () => {
    await page.goto(`${APP_URL}/`);
    await page.getByRole('link', { name: 'Sign in with CalOS' }).click();
    // CalOS's own sign-in page, with its one "Sign in" button.
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The consent screen: the application's name and what it asks for.
    await page.getByRole('heading', { level: 1, name: 'Puzzle club' }).waitFor();
    await expect(page.getByText(`Signed in as ${username}`)).toBeTruthy();
    await page.getByRole('list', { name: 'What it asks for' }).getByText('Your skills, levels, XP and progress.').waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    // Back in the application, signed in, with the user's skills.
    await page.getByRole('heading', { name: `Hello, ${username}` }).waitFor();
    const skills = page.getByRole('list', { name: 'Skills' }).getByRole('listitem');
    expect(await skills.count()).toBeGreaterThan(0);
    expect(await skills.first().textContent()).toMatch(/level \d+ \(\d+ XP\)/);
    await page.getByText(/Total level \d+/).waitFor();

    // Connected apps in CalOS: listed, then revoked.
    await page.goto(`${server.url}/connected-apps`);
    const row = page.getByRole('row', { name: /Puzzle club/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No application is connected to your account.').waitFor();

    // Signing in again asks for consent again; declining returns to the app signed out.
    await page.goto(`${APP_URL}/login`);
    await page.getByRole('heading', { level: 1, name: 'Puzzle club' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Not signed in' }).waitFor();
    expect(await page.textContent('body')).toContain('access_denied');
  });
});
