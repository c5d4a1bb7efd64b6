// Browser test of the security headers: every page of the web client (the list comes from
// client/routes.tsx, so a new page cannot be missed), a Mantine modal, and the API reference at
// /api/docs render under their Content-Security-Policy with no console error, no policy violation
// and no request to any other origin.
import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { api, context, otherWatchers, page, server, uniqueName, useBrowserSuite } from './suite';

const ADMIN = { username: 'pages_admin', email: 'pages_admin@example.com', password: 'a-long-and-unusual-phrase-2026' };

useBrowserSuite({ admin: ADMIN });

/** The paths client/routes.tsx declares, in order. */
function declaredRoutes(): string[] {
  const source = fs.readFileSync(new URL('../client/routes.tsx', import.meta.url), 'utf8');
  return [...source.matchAll(/path: '([^']+)'/g)].map((m) => m[1]!);
}

/** Fails the test on a policy violation the page reports, or a request leaving this server. */
async function watchPolicy() {
  const problems: string[] = [];
  otherWatchers.push({ problems, expectHttpError: () => undefined });
  const origin = new URL(server.url).origin;
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) problems.push(`request to another origin: ${request.url()}`);
  });
  await context.exposeBinding('reportPolicyViolation', (source, text: string) => problems.push(`${source.page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportPolicyViolation(text: string): void }).reportPolicyViolation(
        `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return problems;
}

/** Navigates and waits for the page to settle: its requests done and its main heading drawn. */
async function visit(path: string) {
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(200);
  expect(response?.headers()['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
}

describe('every page under its Content-Security-Policy', () => {
  it('renders the signed-out pages, every signed-in page, a modal and /api/docs without a console error or violation', { timeout: 180_000 }, async () => {
    const problems = await watchPolicy();

    await visit('/sign-up');
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await visit('/sign-in');
    await page.getByLabel('Username or email').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${ADMIN.username}` }).waitFor();

    // Something for every page with an id in its path to show.
    const admin = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-pages-admin' } });
    const application = await api('POST', '/apps', admin.token, { name: 'Headers check' });
    const league = await api('POST', '/leagues/create', admin.token, {
      game: 'chess', name: uniqueName('Policy cup'), tier: 'gold', format: 'round_robin', maxParticipants: 4,
      startDate: new Date(Date.now() + 86_400_000).toISOString(), endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const campaign = await api('POST', '/mailer/campaigns', admin.token, {
      name: 'Policy mailer', period: 'monthly', startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), benefits: [{ type: 'xp_boost', multiplier: 2, hours: 24 }],
    });
    // The consent page is reached through an application's authorization request (its uid is the provider's).
    const oidcClient = await api('POST', `/apps/${application.id}/oidc-clients`, admin.token, {
      name: 'Headers check', type: 'public', redirectUris: ['http://localhost:5409/callback'], scopes: ['profile'],
    });
    const authorize = `/oidc/auth?${new URLSearchParams({
      client_id: oidcClient.client.clientId, response_type: 'code', scope: 'openid profile', redirect_uri: 'http://localhost:5409/callback',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    })}`;
    const params: Record<string, string> = {
      userId: admin.user.id,
      applicationId: application.id,
      leagueId: league.id,
      campaignId: campaign.id,
    };

    const visited: string[] = [];
    for (const route of declaredRoutes()) {
      if (route === '/sign-in' || route === '/sign-up') continue; // visited signed out, above
      const path = route === '*' ? '/no-such-page' : route === '/oauth/consent/:uid' ? authorize : route.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? `missing-${name}`);
      expect(path, `a value for every parameter of ${route}`).not.toContain('missing-');
      await visit(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      visited.push(route);
    }
    expect(visited.length).toBe(declaredRoutes().length - 2);

    // The markets page (an extension's route): its chart drawn on a canvas, with trades to show.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await api('POST', '/ext/markets/trades', admin.token, {
      symbol: 'E2E-BTC', source: 'e2e-feed',
      trades: [0, 1, 2, 3].map((i) => ({ id: i, ts: minute - (3 - i) * 60_000, price: String(100 + i), size: '0.5' })),
    });
    await visit('/markets');
    await page.getByRole('heading', { name: 'Markets', level: 1 }).waitFor();
    await page.getByRole('img', { name: 'Candlestick chart with volume' }).locator('canvas').first().waitFor();
    // The IIIF pages (an extension's, not in routes.tsx): the library, and the viewer, whose
    // OpenSeadragon draws tiles from /iiif/3/ under the page's policy.
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const uploaded = await fetch(`${server.url}/api/ext/iiif/images?id=${uniqueName('policy')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    expect(uploaded.status).toBe(201);
    const image = await uploaded.json();
    const manifest = await api('POST', '/ext/iiif/manifests', admin.token, { label: 'Policy manifest', canvases: [{ imageId: image.id, label: 'One' }] });
    for (const path of ['/iiif', `/iiif/manifests/${manifest.id}`]) {
      await visit(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    await page.getByTestId('iiif-viewer').locator('canvas').first().waitFor();
    // The swiper's pages (an extension's, so not in client/routes.tsx): swiping and a deck's analytics.
    const deck = await api('POST', '/ext/swiper/decks/generate', admin.token, { name: 'Policy deck', seed: 'policy', count: 3 });
    await visit('/swiper');
    await page.getByRole('heading', { name: 'Profile Swiper' }).waitFor();
    await page.getByTestId('swipe-card').locator('img').waitFor();
    await visit(`/swiper/decks/${deck.id}/analytics`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    // A modal: Mantine's scroll lock writes a <style> element, which needs the page's nonce.
    await visit('/developer');
    await page.getByRole('button', { name: 'New application' }).click();
    await page.getByRole('dialog', { name: 'New application' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New application' }).waitFor({ state: 'hidden' });

    // The API reference, with one operation opened.
    await visit('/api/docs/');
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    await page.waitForLoadState('networkidle');

    expect(problems).toEqual([]);
  });
});
