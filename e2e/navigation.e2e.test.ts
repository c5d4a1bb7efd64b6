// Browser test of the whole navigation, as the demo user and as an administrator, on a desktop
// (1280×800) and a phone (390×844): every page the side navigation links to (through the menu
// button on the phone), and a league and an application page when there are any. A page fails on a
// console or page error (suite.ts), a request to any origin but the server's, a page that scrolls
// sideways, or a missing title. Administrator pages are neither linked nor shown to the demo user.
import { describe, expect, it } from 'vitest';
import { api, context, otherWatchers, page, server, uniqueName, useBrowserSuite } from './suite';

const ADMIN = { username: 'nav_admin', email: 'nav_admin@example.com', password: 'a-long-and-unusual-phrase-2026' };
const DEMO = { username: 'demo', password: 'calos-demo-2026' };
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Viewport = keyof typeof VIEWPORTS;

useBrowserSuite({ admin: ADMIN, env: { CALOS_SEED_DEMO: 'true' } });

/** Fails the test on any request that leaves the server (fonts, scripts, images from elsewhere). */
function watchOrigins() {
  const problems: string[] = [];
  otherWatchers.push({ problems, expectHttpError: () => undefined });
  const origin = new URL(server.url).origin;
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) problems.push(`request to another origin: ${request.url()}`);
  });
}

async function signIn(login: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(login);
  await expect.poll(() => page.title()).toBe('Sign in · CalOS');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'attached' });
}

const mainNav = () => page.getByRole('navigation', { name: 'Main' });

/** The side navigation's links, read on a desktop where it is always open. */
async function navLinks(): Promise<Array<{ label: string; path: string }>> {
  await page.setViewportSize(VIEWPORTS.desktop);
  const links = mainNav().getByRole('link');
  // The extensions' entries join once the client knows which extensions the server runs.
  await mainNav().getByRole('link', { name: 'Leagues', exact: true }).waitFor();
  return links.evaluateAll((anchors) => anchors.map((a) => ({ label: a.textContent?.trim() ?? '', path: a.getAttribute('href') ?? '' })));
}

/** The page has drawn its heading and finished loading; it fits the viewport's width and has a title. */
async function checkPage(what: string) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByLabel(/^Loading/).count(), { message: `${what} finishes loading`, timeout: 15_000 }).toBe(0);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
  await expect.poll(() => page.title(), { message: `${what} has a title of its own`, timeout: 5_000 }).toMatch(/^.+ · CalOS$/);
}

/** Follows every link of the navigation at this viewport, as a person would, then a league and an application. */
async function visitAll(links: Array<{ label: string; path: string }>, viewport: Viewport) {
  await page.setViewportSize(VIEWPORTS[viewport]);
  for (const link of links) {
    if (viewport === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
    await mainNav().getByRole('link', { name: link.label, exact: true }).click();
    await page.waitForURL((url) => url.pathname === link.path);
    await checkPage(`${link.path} (${link.label}) on a ${viewport}`);
  }
  // Pages below the navigation, when the account has something to show there.
  await page.goto('/leagues');
  await checkPage(`/leagues on a ${viewport}`);
  const league = page.getByRole('table', { name: 'Leagues' }).getByRole('link').first();
  if (await league.count()) {
    await league.click();
    await checkPage(`a league on a ${viewport}`);
    await page.getByRole('tab', { name: /^(Fixtures|Games)$/ }).click();
    await checkPage(`a league's fixtures on a ${viewport}`);
  }
  await page.goto('/developer');
  await checkPage(`/developer on a ${viewport}`);
  const application = page.getByRole('link', { name: /^Open application / }).first();
  if (await application.count()) {
    await application.click();
    await checkPage(`an application on a ${viewport}`);
    await page.getByRole('switch', { name: /Test mode/ }).click();
    await page.getByRole('region', { name: 'Test users' }).waitFor();
    await checkPage(`an application's test data on a ${viewport}`);
  }
}

describe('the navigation on a desktop and a phone', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`the demo user sees every page of theirs on a ${viewport}, and no administrator page`, { timeout: 240_000 }, async () => {
      watchOrigins();
      await signIn(DEMO.username, DEMO.password);
      const links = await navLinks();
      const labels = links.map((l) => l.label);
      expect(labels).toEqual(expect.arrayContaining(['Home', 'Actions', 'Activity', 'Skills', 'Leaderboard', 'Leagues', 'Coupons', 'Developers']));
      expect(labels).not.toContain('Mailer');
      expect(labels).not.toContain('Operations');
      expect(labels).not.toContain('Extensions');
      await visitAll(links, viewport);

      // An administrator page's address shows the not-found page, without calling the server for it.
      for (const path of ['/mailer', '/admin/operations', '/admin/extensions']) {
        await page.goto(path);
        await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
        await checkPage(`${path} for the demo user on a ${viewport}`);
      }
    });

    it(`an administrator sees every page, the administrator pages too, on a ${viewport}`, { timeout: 240_000 }, async () => {
      watchOrigins();
      // A league with players, and an application whose test key gave the demo user XP.
      const admin = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: `e2e-nav-${viewport}` } });
      const demo = await api('POST', '/auth/login', undefined, { login: DEMO.username, password: DEMO.password, device: { fingerprint: `e2e-nav-demo-${viewport}` } });
      const league = await api('POST', '/leagues/create', admin.token, {
        game: 'chess', name: uniqueName('Navigation cup'), format: 'open', startDate: new Date().toISOString(),
      });
      for (const token of [admin.token, demo.token]) await api('POST', '/leagues/register', token, { leagueId: league.id });
      const application = await api('POST', '/apps', admin.token, { name: uniqueName('Navigation app') });
      const key = await api('POST', `/apps/${application.id}/keys`, admin.token, { name: 'test', mode: 'test', scopes: ['skills:award'] });
      await api('POST', '/skills/award-xp', key.secret, { userId: demo.user.id, skill: 'development', xp: 500, reason: 'e2e' });

      await signIn(ADMIN.username, ADMIN.password);
      const links = await navLinks();
      expect(links.map((l) => l.label)).toEqual(expect.arrayContaining(['Home', 'Leagues', 'Developers', 'Operations', 'Extensions', 'Mailer']));
      await visitAll(links, viewport);
    });
  }
});
