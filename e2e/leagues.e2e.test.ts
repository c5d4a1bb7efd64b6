// Browser test of the leagues: a new player finds a league under Leagues, joins it, sees themself in
// the standings, reports a result once the league has started, and, when the opponent confirms it
// (over REST), sees the points and their rating chart. Any console error or page error fails it.
import { describe, expect, it } from 'vitest';
import { page, PASSWORD, uniqueName, api, useBrowserSuite } from './suite';

const ADMIN = { username: 'league_admin', email: 'league_admin@example.com', password: 'admin-password-2026' };

useBrowserSuite({ admin: ADMIN });


describe('leagues in the browser', () => {
  it('joins a league, sees the standings, reports a result and sees the rating chart', { timeout: 120_000 }, async () => {
    const admin = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-leagues-admin' } });
    const leagueName = uniqueName('Winter cup');
    const league = await api('POST', '/leagues/create', admin.token, {
      game: 'chess', name: leagueName, tier: 'gold', format: 'round_robin', maxParticipants: 4,
      startDate: new Date(Date.now() + 86_400_000).toISOString(), endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const rivalName = uniqueName('rival');
    const rival = await api('POST', '/auth/register', undefined, { username: rivalName, email: `${rivalName}@example.com`, password: PASSWORD });
    await api('POST', '/leagues/register', rival.token, { leagueId: league.id });

    // Sign up in the browser and join from the league page.
    const username = uniqueName('e2e_player');
    await page.goto('/sign-up');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Welcome, ${username}` }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leagues' }).click();
    await page.getByRole('heading', { name: 'Leagues', level: 1 }).waitFor();
    await page.getByRole('link', { name: leagueName }).click();
    await page.getByRole('heading', { name: leagueName, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Join league' }).click();
    await page.getByText('You are in this league').waitFor();
    const standings = page.getByRole('table', { name: 'Standings' });
    await standings.getByRole('link', { name: username }).waitFor();
    await standings.getByRole('link', { name: rivalName }).waitFor();

    // The league starts; the player reports a win over the rival, who confirms it over REST.
    await api('POST', `/leagues/${league.id}/start`, admin.token);
    await page.reload();
    await page.getByRole('tab', { name: 'Fixtures' }).click();
    await page.getByRole('button', { name: 'Report result' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report result' });
    await dialog.getByText(`${username} won`).click();
    await dialog.getByRole('button', { name: 'Submit result' }).click();
    await page.getByText('waiting for your opponent').waitFor();
    await page.getByText('awaiting confirmation').waitFor();

    const me = (await api('GET', `/leagues/${league.id}`)).participants.find((p: { username: string }) => p.username === username);
    const confirmed = await api('POST', '/leagues/match', rival.token, { leagueId: league.id, playerA: rival.user.id, playerB: me.userId, result: 'b' });
    expect(confirmed.match.status).toBe('completed');

    await page.reload();
    const row = page.getByRole('table', { name: 'Standings' }).getByRole('row').filter({ hasText: username });
    await row.getByRole('cell', { name: '3', exact: true }).first().waitFor();
    await expect(row.getByRole('cell', { name: '1216' }).count()).resolves.toBe(1);

    // The player's rating page draws the chart.
    await row.getByRole('link', { name: username }).click();
    await page.getByRole('heading', { name: 'Ratings', level: 1 }).waitFor();
    const chess = page.getByRole('region', { name: 'chess rating' });
    await chess.getByText('1216').first().waitFor();
    await chess.locator('.recharts-line').first().waitFor();
  });
});
