// Browser test of "Markets & schedules": open it from the navigation and see NYSE with an open or
// closed badge, its next open and close in the viewer's zone and in New York's. Any console error
// or page error fails the test.
import { describe, expect, it } from 'vitest';
import { page, useBrowserSuite } from './suite';

useBrowserSuite({ context: { timezoneId: 'Asia/Tokyo' } });

describe('markets & schedules in the browser', () => {
  it('lists NYSE with an open/closed badge and its next open in both zones', async () => {
    const username = `e2e_sched_${Date.now().toString(36)}`;
    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Markets & schedules' }).click();
    await page.getByRole('heading', { name: 'Markets & schedules' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/schedules');

    const nyse = page.getByRole('article', { name: 'NYSE trading hours' });
    const badge = nyse.getByLabel(/^NYSE trading hours is (open|closed)$/);
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/^(Open|Closed)$/);
    await nyse.getByLabel('Next open, your time').waitFor();
    expect(await nyse.getByLabel('Next open, America/New_York time').textContent()).toContain('America/New_York');

    const always = page.getByRole('article', { name: 'Always available' });
    expect(await always.getByLabel('Always available is open').textContent()).toBe('Open');
    for (const name of ['NASDAQ trading hours', 'Business hours (Mon–Fri 09:00–17:00 UTC)']) {
      await page.getByRole('article', { name }).getByLabel(/ is (open|closed)$/).waitFor();
    }
  });
});
