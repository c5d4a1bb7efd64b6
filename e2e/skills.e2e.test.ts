// Browser test of skills and progression: a new user signs up, an administrator awards them XP over
// REST, and they see their level, progress bar and unlocked achievement on Skills, find themself on
// the Development leaderboard with "Jump to me" (and are told when a board does not list them), and
// use the XP calculator. Any console error or page error fails it.
import { describe, expect, it } from 'vitest';
import { page, PASSWORD, uniqueName, api, useBrowserSuite } from './suite';

const ADMIN = { username: 'skills_admin', email: 'skills_admin@example.com', password: 'admin-password-2026' };

useBrowserSuite({ admin: ADMIN });


describe('skills and the leaderboard in the browser', () => {
  it('shows levels and progress, jumps to the user on a board, and calculates XP', { timeout: 120_000 }, async () => {
    const admin = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-skills-admin' } });
    // Two rivals ahead on Development, so the user's row is not simply the first one.
    for (const [i, xp] of [20_000, 15_000].entries()) {
      const name = uniqueName(`rival${i}`);
      const rival = await api('POST', '/auth/register', undefined, { username: name, email: `${name}@example.com`, password: PASSWORD });
      await api('POST', '/skills/award-xp', admin.token, { userId: rival.user.id, skill: 'development', xp });
    }

    const username = uniqueName('e2e_skiller');
    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();

    // 1,150 Development XP from an operator, then 50 from the user's first Development action
    // (which unlocks Hello World): 1,200 is level 10 (1,154) with 158 to go to level 11 (1,358).
    const me = await api('POST', '/auth/login', undefined, { login: username, password: PASSWORD, device: { fingerprint: 'e2e-skills-user' } });
    const award = await api('POST', '/skills/award-xp', admin.token, { userId: me.user.id, skill: 'development', xp: 1150, reason: 'e2e' });
    expect(award).toMatchObject({ level: 9, levelsGained: 8 });
    const executed = await api('POST', '/actions/execute', me.token, { actionCode: 'contribute_docs' });
    expect(executed.effects[0].result).toMatchObject({ xp: 1200, level: 10 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Skills' }).click();
    await page.getByRole('heading', { name: 'Your skills', level: 1 }).waitFor();
    const development = page.getByRole('article', { name: 'Development skill' });
    await expect(development.getByLabel('Development level').textContent()).resolves.toBe('10');
    await development.getByText('1,200 XP').waitFor();
    await development.getByText('158 XP to level 11').waitFor();
    const bar = development.getByRole('progressbar', { name: 'Development progress to the next level' });
    // (1200 − 1154) / (1358 − 1154) ≈ 22.5 %
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeCloseTo(22.5, 0);
    await expect(page.getByRole('article', { name: 'Voting skill' }).getByText('83 XP to level 2').count()).resolves.toBe(1);
    await expect(page.getByRole('region', { name: 'Total level' }).textContent()).resolves.toContain('19');
    await page.getByRole('article', { name: 'Hello World achievement, unlocked' }).getByText(/Unlocked /).waitFor();
    await page.getByRole('article', { name: 'Code Master achievement, locked' }).waitFor();

    // The Development board: pick it, jump to me, see my highlighted row at rank 3.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leaderboard' }).click();
    await page.getByRole('heading', { name: 'Leaderboard', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Board' }).click();
    await page.getByRole('option', { name: 'Development' }).click();
    await page.waitForURL(/board=development/);
    await page.getByRole('button', { name: 'Jump to me' }).click();
    await page.getByText('You are #3 on this board').waitFor();
    const highlighted = page.getByRole('table', { name: 'Leaderboard' }).locator('tr[aria-current="true"]');
    await expect(highlighted.textContent()).resolves.toContain(username);
    await expect(highlighted.textContent()).resolves.toContain('#3');
    await expect(page.getByRole('table', { name: 'Leaderboard' }).getByRole('row').count()).resolves.toBe(4);
    await page.screenshot({ path: '.test-results/leaderboard-page.png' });

    // A board the user has no XP on says so rather than showing an empty table.
    await page.getByRole('combobox', { name: 'Board' }).click();
    await page.getByRole('option', { name: 'Security' }).click();
    await page.getByText('You are not on this board yet').waitFor();

    // The XP calculator on the skills page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Skills' }).click();
    const calculator = page.getByRole('region', { name: 'XP calculator' });
    await calculator.getByLabel('Level', { exact: true }).fill('99');
    await expect(calculator.getByRole('status', { name: 'XP for level' }).textContent()).resolves.toBe('Level 99 needs 13,034,431 XP.');
    await calculator.getByLabel('XP', { exact: true }).fill('1200');
    await expect(calculator.getByRole('status', { name: 'Level for XP' }).textContent()).resolves.toBe('Level 10, 158 XP to level 11.');
    await calculator.getByLabel('From level').fill('2');
    await calculator.getByLabel('To level').fill('10');
    await expect(calculator.getByRole('status', { name: 'XP between levels' }).textContent()).resolves.toBe('Level 2 to 10: 1,071 XP.');
    await page.screenshot({ path: '.test-results/skills-page.png', fullPage: true });
  });
});
