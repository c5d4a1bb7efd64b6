// Browser test of Actions and Activity: execute vote_like and see its XP, the cooldown counting
// down with Execute disabled, and the action available again when the countdown ends; a second
// tab whose check is older executes complete_challenge during its cooldown and is refused (429)
// with the reason and when it is available; Activity shows the executions, the refusal and the
// counts. Actions with no schedule (always open) keep it deterministic. Any console error or page
// error fails the test.
import { describe, expect, it } from 'vitest';
import { watchPage } from './browser';
import { context, page, otherWatchers, useBrowserSuite } from './suite';

useBrowserSuite();

describe('actions and activity in the browser', () => {
  it('executes an action, counts down its cooldown, refuses a stale second tab and shows it all in Activity', { timeout: 90_000 }, async () => {
    const username = `e2e_act_${Date.now().toString(36)}`;
    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();

    // A second tab on the Development actions, checked now, before anything runs.
    const stale = await context.newPage();
    const staleWatcher = watchPage(stale);
    staleWatcher.expectHttpError('actions.execute', 429);
    otherWatchers.push(staleWatcher);
    await stale.goto('/actions?category=development');
    const staleChallenge = stale.getByRole('article', { name: 'Complete a challenge', exact: true });
    await staleChallenge.getByLabel('Complete a challenge: available').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { name: 'Actions', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/actions');

    // vote_like: 3 s cooldown, 1,000 a day.
    const like = page.getByRole('article', { name: 'Like', exact: true });
    await like.getByLabel('Like: available').waitFor();
    expect(await like.getByText('Remaining today: 1,000 of 1,000').count()).toBe(1);
    const likeButton = like.getByRole('button', { name: 'Execute' });
    await likeButton.click();
    const result = like.getByRole('status', { name: 'Like result' });
    await result.getByText(/^\+10 Voting XP \(level \d+/).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Like: done' }).filter({ hasText: '+10 Voting XP' }).waitFor();

    const countdown = like.getByRole('timer', { name: 'Like countdown' });
    await countdown.waitFor();
    expect(await countdown.textContent()).toMatch(/^Available again in [1-3] s$/);
    expect(await like.getByLabel('Like: Cooling down').count()).toBe(1);
    expect(await likeButton.isDisabled()).toBe(true);
    await like.getByText('Remaining today: 999 of 1,000').waitFor();

    // At zero the card asks again, and the action is available.
    await like.getByLabel('Like: available').waitFor({ timeout: 10_000 });
    expect(await countdown.count()).toBe(0);
    await expect.poll(() => likeButton.isEnabled(), { timeout: 5_000 }).toBe(true);

    // complete_challenge: 5 min cooldown. This tab executes it …
    await page.getByRole('tab', { name: /^Development/ }).click();
    const challenge = page.getByRole('article', { name: 'Complete a challenge', exact: true });
    await challenge.getByLabel('Complete a challenge: available').waitFor();
    await challenge.getByRole('button', { name: 'Execute' }).click();
    const challengeResult = challenge.getByRole('status', { name: 'Complete a challenge result' });
    await challengeResult.getByText(/^\+200 Development XP/).waitFor();
    expect(await challengeResult.getByText('Challenges streak 1 day').count()).toBe(1);
    expect(await challenge.getByRole('timer').textContent()).toMatch(/^Available again in [45] min \d\d s$/);

    // … and the other tab, whose check said "available", is refused with the reason and when.
    await staleChallenge.getByRole('button', { name: 'Execute' }).click();
    const refusal = stale.getByRole('alert').filter({ hasText: 'Complete a challenge: Cooling down' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Available again at .+ \(in [45] min \d\d s\)\./);
    await staleChallenge.getByLabel('Complete a challenge: Cooling down').waitFor();
    expect(await staleChallenge.getByRole('timer').textContent()).toMatch(/^Available again in [45] min \d\d s$/);
    await stale.close();

    // Activity: the three executions, newest first, and the counts.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Activity', exact: true }).waitFor();
    await page.getByRole('group', { name: 'Total: 2' }).waitFor();
    expect(await page.getByRole('group', { name: 'Today: 2' }).count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Failed: 1' }).count()).toBe(1);

    const executions = page.getByRole('list', { name: 'Executions' }).getByRole('listitem');
    await executions.first().waitFor();
    expect(await executions.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual([
      'Complete a challenge, failed',
      'Complete a challenge, succeeded',
      'Like, succeeded',
    ]);
    expect(await executions.nth(0).textContent()).toMatch(/Cooling down — available again at/);
    expect(await executions.nth(2).textContent()).toContain('+10 Voting XP');

    const byAction = page.getByRole('table', { name: 'Executions by action' });
    expect(await byAction.getByRole('row', { name: /Like 1/ }).count()).toBe(1);
    expect(await byAction.getByRole('row', { name: /Complete a challenge 1/ }).count()).toBe(1);
    // The chart of the last 30 days has today's bar.
    await page.getByRole('region', { name: 'Actions per day' }).locator('.recharts-bar-rectangle path').first().waitFor();
  });
});
