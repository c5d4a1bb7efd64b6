// Browser test of the home page on a server with the demo data: the demo account signs in and sees
// its progress first (total level, XP this week, streak, rank, the next achievement with its bar,
// the actions it can run now, each leading on), then its account and security; a new account sees
// where to start. Any console error or page error fails it.
import { describe, expect, it } from 'vitest';
import { api, page, PASSWORD, uniqueName, useBrowserSuite } from './suite';

const DEMO = { username: 'demo', password: 'calos-demo-2026' };

useBrowserSuite({ env: { CALOS_SEED_DEMO: 'true' } });

async function signIn(login: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: `Welcome, ${login}` }).waitFor();
}

const progressRegion = () => page.getByRole('region', { name: 'Your progress' });
const stat = (label: string) => progressRegion().getByRole('link', { name: new RegExp(`^${label}: `) });
const xp = (n: number) => n.toLocaleString('en');

describe('the home page', () => {
  it('leads with the demo account’s progress, above its account and security', { timeout: 120_000 }, async () => {
    const session = await api('POST', '/auth/login', undefined, { login: DEMO.username, password: DEMO.password, device: { fingerprint: 'e2e-home-demo' } });
    const summary = await api('GET', '/progress', session.token);
    expect(summary.xpThisWeek).toBeGreaterThan(0);
    expect(summary.streak.days).toBeGreaterThan(1);
    expect(summary.rank).not.toBeNull();

    await signIn(DEMO.username, DEMO.password);
    await expect(stat('Total level').getAttribute('aria-label')).resolves.toBe(`Total level: ${summary.totalLevel}, ${xp(summary.totalXp)} XP in all`);
    await expect(stat('XP this week').getAttribute('aria-label')).resolves.toMatch(new RegExp(`^XP this week: ${xp(summary.xpThisWeek)}, \\d[\\d,]* today$`));
    await expect(stat('Streak').getAttribute('aria-label')).resolves.toBe(`Streak: ${summary.streak.days} days, Active today: keep it going tomorrow`);
    await expect(stat('Rank').getAttribute('aria-label')).resolves.toBe(`Rank: #${summary.rank.rank}, of ${summary.rank.of} on the total board`);

    const next = page.getByRole('region', { name: 'Next achievement' });
    await next.getByText(summary.nextAchievement.name, { exact: true }).waitFor();
    const bar = next.getByRole('progressbar', { name: `${summary.nextAchievement.name} progress` });
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeCloseTo(summary.nextAchievement.progress * 100, 0);
    await next.getByText(`${summary.achievements.unlocked} of ${summary.achievements.total} achievements unlocked`).waitFor();

    const available = page.getByRole('list', { name: 'Actions available now' });
    await expect(available.getByRole('listitem').count()).resolves.toBe(Math.min(6, summary.availableActions.count));
    await available.getByRole('link', { name: summary.availableActions.items[0].name }).waitFor();

    // Progress first, then the account and its security.
    const progressTop = (await progressRegion().boundingBox())!.y;
    const accountTop = (await page.getByRole('heading', { name: 'Account and security' }).boundingBox())!.y;
    expect(progressTop).toBeLessThan(accountTop);
    await page.getByText('demo@calos.local').waitFor();
    await page.screenshot({ path: '.test-results/home-page-demo.png', fullPage: true });

    // Each part leads to the page that goes further.
    await page.getByRole('region', { name: 'Available now' }).getByRole('link', { name: 'Open actions' }).click();
    await page.getByRole('heading', { name: 'Actions', level: 1 }).waitFor();
    await page.goBack();
    await stat('Rank').click();
    await page.getByText(`You are #${summary.rank.rank} on this board`).waitFor();
    const board = page.getByRole('table', { name: 'Leaderboard' });
    await expect(board.getByText('synthetic').count()).resolves.toBeGreaterThan(0);
  });

  it('shows a new account where to start', async () => {
    const username = uniqueName('e2e_home');
    await api('POST', '/auth/register', undefined, { username, email: `${username}@example.com`, password: PASSWORD });
    await signIn(username, PASSWORD);
    await expect(stat('Streak').getAttribute('aria-label')).resolves.toBe('Streak: 0 days, Run an action to start one');
    await expect(stat('Rank').getAttribute('aria-label')).resolves.toBe('Rank: —, Earn XP to get on the board');
    await expect(stat('XP this week').getAttribute('aria-label')).resolves.toBe('XP this week: 0, 0 today');
    const next = page.getByRole('region', { name: 'Next achievement' });
    await next.getByText('First Vote', { exact: true }).waitFor();
    await next.getByText('0 of 1 action (0%)').waitFor();
  });
});
