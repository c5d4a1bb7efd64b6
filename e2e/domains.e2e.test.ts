// Browser test of the domain portfolio: an administrator votes for another user's name on its page
// (vote_domain: +10 Voting XP, the count moves, the buttons lock), then says which of two names is
// better on the comparison page until no pair is left, and the leaderboard shows the winner first.
import { describe, expect, it } from 'vitest';
import { api, page, PASSWORD, uniqueName, useBrowserSuite } from './suite';

const ADMIN = { username: 'domains_admin', email: 'domains_admin@example.com', password: 'a-long-and-unusual-phrase-2026' };
useBrowserSuite({ admin: ADMIN });

async function signIn() {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: `Welcome, ${ADMIN.username}` }).waitFor();
}

describe('the domain portfolio', () => {
  it('votes for a name and compares two', { timeout: 120_000 }, async () => {
    const name = uniqueName('owner');
    const owner = await api('POST', '/auth/register', undefined, { username: name, email: `${name}@example.com`, password: PASSWORD });
    const stem = uniqueName('e2e').replace(/_/g, '-');
    const first = await api('POST', '/ext/domains/names', owner.token, { name: `${stem}-alpha.com`, tags: ['e2e'] });
    const second = await api('POST', '/ext/domains/names', owner.token, { name: `${stem}-beta.de` });

    await signIn();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
    await page.getByRole('heading', { name: 'Domain portfolio' }).waitFor();
    await page.getByRole('region', { name: 'Newest names' }).getByRole('link', { name: first.name }).click();
    await page.getByRole('heading', { name: first.name }).waitFor();
    await page.getByRole('button', { name: 'Vote up' }).click();
    await page.getByText('+10 Voting XP').waitFor();
    await page.getByLabel('Vote count').filter({ hasText: '+1 / −0' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Vote down' }).isDisabled()).toBe(true);
    const challenge = page.getByRole('link', { name: 'best tagline' });
    expect(await challenge.getAttribute('href')).toContain(`subjectType=domain&subjectId=${first.id}`);
    await page.getByRole('link', { name: 'challenges about this name' }).click();
    await page.getByRole('heading', { name: 'Code challenges' }).waitFor();
    await page.getByText(`About domain ${first.name}`).waitFor();

    await page.goto('/domains/compare');
    await page.getByRole('heading', { name: 'Which name is better?' }).waitFor();
    await page.getByRole('button', { name: `Pick ${second.name}` }).click();
    await page.getByText(/You have compared every pair there is/).waitFor();

    await page.goto('/domains/leaderboard');
    const rows = page.getByRole('region', { name: 'Leaderboard' }).getByRole('row');
    await rows.nth(1).filter({ hasText: second.name }).waitFor();
    const board = await api('GET', '/ext/domains/leaderboard?by=elo', owner.token);
    expect(board.items[0]).toMatchObject({ id: second.id, rank: 1, elo: 1216 });
  });
});
