// Browser tests of the Profile Swiper: the swiper pages (swipe with the keyboard and the buttons,
// the analytics page), and the widget embedded in a page served from another local origin with a
// publishable key (it draws, swipes and calls back), while a page from an origin the key does not
// list is refused by the browser's CORS check (onError fires, nothing is recorded).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, context, page, server, useBrowserSuite, watcher } from './suite';

const ADMIN = { username: 'swiper_admin', email: 'swiper_admin@example.com', password: 'a-long-and-unusual-phrase-2026' };
const ALLOWED_PORT = 5107;
const OTHER_PORT = 5108;

useBrowserSuite({ admin: ADMIN });

/** A page on another origin that embeds the widget from the CalOS server. */
function hostPage(key: string, deckId: string) {
  return `<!doctype html><html><head><title>Embedding site</title></head><body>
<h1>Our site</h1>
<div id="swiper"></div>
<pre id="log"></pre>
<script src="${server.url}/api/ext/swiper/widget.js"></script>
<script>
  const log = (line) => { document.getElementById('log').textContent += line + '\\n'; };
  CalosSwiper.mount('#swiper', {
    publishableKey: ${JSON.stringify(key)},
    deckId: ${JSON.stringify(deckId)},
    visitorId: 'e2e-visitor-' + location.port,
    theme: { accent: '#1971c2' },
    onSwipe: (s, card) => log('swipe ' + s.direction + ' ' + card.profile.name),
    onMatch: (m) => log('match ' + m.id),
    onError: (e) => log('error ' + e.status + ' ' + e.code),
  });
</script></body></html>`;
}

let servers: http.Server[] = [];
let html = '';
beforeAll(async () => {
  servers = await Promise.all(
    [ALLOWED_PORT, OTHER_PORT].map(
      (port) =>
        new Promise<http.Server>((resolve, reject) => {
          const s = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
          s.once('error', reject);
          s.listen(port, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function signIn() {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: `Welcome, ${ADMIN.username}` }).waitFor();
}

const login = () => api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-swiper-admin' } });

describe('the swiper pages', () => {
  it('swipes a generated deck with the keyboard and the buttons, and shows its analytics', { timeout: 120_000 }, async () => {
    const admin = await login();
    const deck = await api('POST', '/ext/swiper/decks/generate', admin.token, {
      name: 'E2E deck', seed: 'e2e', count: 4, attributes: [{ key: 'city', values: [{ value: 'Lyon', weight: 1 }] }],
    });
    await signIn();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Swiper' }).click();
    await page.getByRole('heading', { name: 'Profile Swiper' }).waitFor();
    await page.getByRole('combobox', { name: 'Deck' }).click();
    await page.getByRole('option', { name: /E2E deck/ }).click();
    const card = page.getByTestId('swipe-card');
    await card.waitFor();
    const first = await card.getAttribute('aria-label');
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('status').filter({ hasText: '+1 XP' }).waitFor();
    await expect.poll(() => card.getAttribute('aria-label')).not.toBe(first);
    const second = await card.getAttribute('aria-label');
    await page.getByRole('button', { name: '✕ Pass' }).click();
    await expect.poll(() => card.getAttribute('aria-label')).not.toBe(second);
    await page.getByRole('button', { name: '★ Super like' }).click();
    await page.getByRole('status').filter({ hasText: '+3 XP' }).waitFor();

    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'E2E deck: analytics' }).waitFor();
    await page.getByText(/^3 swipes · like rate 66\.7%/).waitFor();
    await page.getByRole('table', { name: 'Value like rates' }).getByRole('cell', { name: 'city: Lyon' }).waitFor();
    const analytics = await api('GET', `/ext/swiper/decks/${deck.id}/analytics`, admin.token);
    expect(analytics.totals).toMatchObject({ swipes: 3, right: 1, left: 1, super: 1 });
  });
});

describe('the widget on another origin', () => {
  it('draws and swipes with a publishable key from an allowed origin, and is refused from another', { timeout: 120_000 }, async () => {
    const admin = await login();
    const deck = await api('POST', '/ext/swiper/decks/generate', admin.token, { name: 'Widget deck', seed: 'widget', count: 3 });
    const application = await api('POST', '/apps', admin.token, { name: 'Embedding site' });
    const allowed = `http://127.0.0.1:${(servers[0]!.address() as AddressInfo).port}`;

    // The publishable key is made in the developer portal.
    await signIn();
    await page.goto(`/developer/apps/${application.id}?tab=keys`);
    await page.getByRole('button', { name: 'Create publishable key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a publishable key' });
    watcher.expectHttpError('developer.createPublishableKey', 400);
    await dialog.getByLabel('Allowed origins').fill(`${allowed}/`);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText(/allowedOrigins\.0/).waitFor(); // a trailing slash is not an origin
    await dialog.getByLabel('Allowed origins').fill(allowed);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const key = (await page.getByRole('table', { name: 'Publishable keys' }).locator('code').first().textContent())!;
    expect(key).toMatch(/^calos_pk_/);
    html = hostPage(key, deck.id);

    await page.goto(`${allowed}/`);
    const widget = page.locator('#swiper');
    const card = widget.locator('article.card');
    await card.waitFor();
    const name = (await card.locator('h3').textContent())!;
    await widget.getByRole('button', { name: 'Like (right arrow)' }).click();
    await page.locator('#log').filter({ hasText: `swipe right ${name}` }).waitFor();
    await card.focus();
    await page.keyboard.press('ArrowLeft');
    await page.locator('#log').filter({ hasText: /swipe left/ }).waitFor();
    // A pointer drag to the right is a like.
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 160, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await page.locator('#log').textContent())!.match(/swipe right/g)?.length ?? 0).toBe(2);
    const swipes = await api('GET', `/ext/swiper/decks/${deck.id}/analytics`, admin.token);
    expect(swipes.totals).toMatchObject({ swipes: 3, right: 2, left: 1 });

    // The same page from an origin the key does not list: the preflight is refused, nothing recorded.
    const other = await context.newPage();
    await other.goto(`http://127.0.0.1:${OTHER_PORT}/`);
    await other.locator('#log').filter({ hasText: 'error 0 NETWORK' }).waitFor();
    await expect(other.locator('#swiper article.card').count()).resolves.toBe(0);
    await other.close();
    expect((await api('GET', `/ext/swiper/decks/${deck.id}/analytics`, admin.token)).totals.swipes).toBe(3);
  });
});
