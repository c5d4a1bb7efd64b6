// Browser test of the markets page: the candlestick chart with volume draws pushed trades, the
// timeframe switch reloads it, a trade pushed meanwhile reaches the page through the live stream
// (the consensus price changes without a reload), the sources' health shows, and a paper trade is
// placed or refused by the NYSE calendar. Any console error or page error fails the test.
import { describe, expect, it } from 'vitest';
import { api, page, useBrowserSuite, watcher } from './suite';

const ADMIN = { username: 'markets_admin', email: 'markets_admin@example.com', password: 'correct-horse-battery' };

useBrowserSuite({ admin: ADMIN });

describe('markets in the browser', () => {
  it('charts trades, switches timeframe, follows live prices, shows sources and places a paper trade', { timeout: 120_000 }, async () => {
    const admin = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-markets' } });
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await api('POST', '/ext/markets/trades', admin.token, {
      symbol: 'AAA-E2E',
      source: 'e2e-feed',
      trades: [0, 1, 2, 3, 4].map((i) => ({ id: i, ts: minute - (4 - i) * 60_000 + 1000, price: String(100 + i), size: '0.5' })),
    });

    await page.goto('/sign-in');
    await page.getByLabel('Username or email').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${ADMIN.username}` }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Markets', exact: true }).click();
    await page.getByRole('heading', { name: 'Markets', level: 1 }).waitFor();

    const chart = page.getByRole('img', { name: 'Candlestick chart with volume' });
    await chart.locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('consensus-price').textContent()).toBe('104');

    await page.getByText('1h', { exact: true }).click();
    await chart.locator('canvas').first().waitFor();
    await page.getByText('1m', { exact: true }).click();

    // A trade pushed now reaches the open page through the live stream.
    await page.waitForTimeout(1500);
    await api('POST', '/ext/markets/trades', admin.token, { symbol: 'AAA-E2E', source: 'e2e-feed', trades: [{ id: 99, ts: Date.now(), price: '250.5', size: '1' }] });
    await expect.poll(() => page.getByTestId('consensus-price').textContent(), { timeout: 10_000 }).toBe('250.5');

    const sources = page.getByRole('table', { name: 'Sources' });
    await expect.poll(() => sources.getByRole('row', { name: /e2e-feed/ }).textContent()).toMatch(/ok/);
    expect(await sources.getByRole('row', { name: /Binance/ }).textContent()).toMatch(/not configured.*off/);

    const nyse = await api('GET', '/schedule/check?schedule=nyse');
    if (!nyse.open) watcher.expectHttpError('markets.paperTrade', 429);
    await page.getByRole('button', { name: 'Buy AAA-E2E' }).click();
    if (nyse.open) {
      await page.getByRole('table', { name: 'Paper trades' }).getByText('250.5').waitFor();
    } else {
      await page.getByRole('alert').getByText(/The NYSE is closed now/).waitFor();
    }
  });
});
