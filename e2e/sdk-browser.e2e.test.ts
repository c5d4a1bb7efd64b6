// The JavaScript SDK in a browser, as a web app (or React Native, which has fetch and no Node
// built-ins) loads it: its ESM build, compiled as `npm run sdk:build` does, imported by a page on
// CalOS's own origin, signs a user up, reads the API, raises its error classes and verifies a
// Standard Webhooks signature with WebCrypto. The build must not import a Node built-in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk } from '../sdk/scripts/build';
import { page, server, useBrowserSuite, watcher } from './suite';

useBrowserSuite();

let dist: string;
beforeAll(() => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-sdk-browser-'));
  buildSdk(dist);
});
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

const esmFiles = () => (fs.readdirSync(path.join(dist, 'esm'), { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));

const pageScript = `
import { CalOS, CooldownError, ValidationError, isCalOSError, paginate, signWebhook, verifyWebhook } from '/sdk-e2e/esm/index.js';
const out = {};
try {
  const calos = new CalOS({ endpoint: location.origin });
  const name = 'browser_' + Math.random().toString(36).slice(2, 10);
  const { user } = await calos.auth.register({ username: name, email: name + '@example.com', password: 'correct horse battery staple' });
  out.signedInAs = (await calos.auth.session()).user.username === name && user.username === name;
  out.skills = (await calos.skills.list()).items.length;
  let rows = 0;
  for await (const row of paginate((cursor) => calos.skills.leaderboard({ skill: 'total', limit: 1, cursor }))) rows++;
  out.leaderboardRows = rows;
  await calos.actions.execute(null, 'vote_like');
  try { await calos.actions.execute(null, 'vote_like'); } catch (e) { out.cooldown = e instanceof CooldownError && isCalOSError(e) && e.name; }
  try { await calos.auth.updateProfile({ timezone: 'Not/AZone' }); } catch (e) { out.validation = e instanceof ValidationError && e.issues.length > 0; }
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = '{"type":"xp.awarded","timestamp":"2026-12-07T00:00:00.000Z","data":{}}';
  const headers = await signWebhook(body, secret, { id: 'msg_1' });
  out.webhook = (await verifyWebhook(body, headers, secret)).type;
} catch (error) {
  out.error = String(error && error.stack || error);
}
window.__sdk = out;
`;

describe('the JavaScript SDK in a browser', () => {
  it('has an ESM build without a Node built-in', () => {
    const nodeImports = esmFiles().filter((f) => /from ['"](node:|fs['"]|path['"]|crypto['"]|http['"]|https['"])|require\(/.test(fs.readFileSync(path.join(dist, 'esm', f), 'utf8')));
    expect(esmFiles().length).toBeGreaterThan(5);
    expect(nodeImports).toEqual([]);
  });

  it('runs from a page: signs up, reads, pages, raises its error classes, verifies a webhook', { timeout: 60_000 }, async () => {
    // The expected refusals of the script above, which the browser logs as failed loads.
    watcher.expectHttpError('/api/actions/execute', 429);
    watcher.expectHttpError('/api/auth/me', 400);
    await page.route(`${server.url}/sdk-e2e/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/sdk-e2e/index.html') {
        await route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>SDK</title><script type="module">${pageScript}</script>` });
        return;
      }
      const file = path.join(dist, url.pathname.replace('/sdk-e2e/', ''));
      if (!file.startsWith(dist) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      await route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(file, 'utf8') });
    });
    await page.goto('/sdk-e2e/index.html');
    const result = await page.waitForFunction(() => (window as unknown as { __sdk?: unknown }).__sdk, undefined, { timeout: 30_000 });
    expect(await result.jsonValue()).toEqual({
      signedInAs: true,
      skills: 10,
      leaderboardRows: expect.any(Number),
      cooldown: 'CooldownError',
      validation: true,
      webhook: 'xp.awarded',
    });
  });
});
