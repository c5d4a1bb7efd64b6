// Browser test of the mailer: an administrator creates a campaign, generates codes and downloads
// the CSV once; a user redeems a code, first with a typo (the hint shows), then as printed, and
// sees the XP boost with its time left and the free votes in the inventory. Any console error or
// page error fails the test.
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { page, watcher, uniqueName, useBrowserSuite } from './suite';

const ADMIN = { username: 'mailer_admin', email: 'mailer_admin@example.com', password: 'correct-horse-battery' };

useBrowserSuite({ admin: ADMIN, context: { acceptDownloads: true } });

describe('mailer in the browser', () => {
  it('runs a campaign and redeems one of its codes, with a typo hint first', { timeout: 120_000 }, async () => {
    await page.goto('/sign-in');
    await page.getByLabel('Username or email').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${ADMIN.username}` }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailer' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    await page.getByLabel('Name').fill('E2E mailer');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('link', { name: 'E2E mailer' }).click();
    await page.getByRole('heading', { name: 'E2E mailer' }).waitFor();

    await page.getByLabel('Codes', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Generate codes' }).click();
    const downloadButton = page.getByRole('button', { name: 'Download CSV (once)' });
    await downloadButton.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    const codes = csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[0]!);
    expect(codes).toHaveLength(3);
    await page.getByText(/^Downloaded/).waitFor();

    await page.getByRole('button', { name: /account menu/i }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/sign-in');

    const username = uniqueName('e2e_coupon');
    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailer' }).count()).resolves.toBe(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coupons' }).click();
    const code = codes[0]!;
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    watcher.expectHttpError('mailer.redeem', 400);
    await page.getByLabel('Coupon code').fill(typo);
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.getByText('That code has a typo').waitFor();

    await page.getByLabel('Coupon code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.getByText('Redeemed: E2E mailer').waitFor();
    const inventory = page.getByRole('region', { name: 'Your inventory' });
    await inventory.getByText('2× XP', { exact: true }).waitFor();
    await inventory.getByText(/^(1 d 0 h|23 h 59 min) left$/).waitFor();
    await inventory.getByRole('cell', { name: 'E2E mailer' }).waitFor();
  });
});
