// Browser test of league administration: an administrator creates a league under Leagues (the
// server's validation message shows under the field it names), adds two players, starts it, and
// records a result that counts at once; a player sees no administration. And the developer portal's
// test mode: what a test key did shows under Test data, and the test key only in test mode.
import { describe, expect, it } from 'vitest';
import { api, page, PASSWORD, uniqueName, useBrowserSuite, watcher } from './suite';

const ADMIN = { username: 'league_boss', email: 'league_boss@example.com', password: 'a-long-and-unusual-phrase-2026' };

useBrowserSuite({ admin: ADMIN });

async function signIn(login: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

async function newPlayer(prefix: string) {
  const username = uniqueName(prefix);
  const account = await api('POST', '/auth/register', undefined, { username, email: `${username}@example.com`, password: PASSWORD });
  return { username, id: account.user.id as string, token: account.token as string };
}

/** Picks a user in a UserPicker by typing the start of their name. */
async function pickUser(label: string, username: string, scope = page.locator('body')) {
  await scope.getByLabel(label).fill(username.slice(0, 8));
  await page.getByRole('option', { name: username, exact: true }).click();
}

describe('league administration in the browser', () => {
  it('creates a league, adds players, starts it and records a result', { timeout: 120_000 }, async () => {
    const [ann, bob] = [await newPlayer('ann'), await newPlayer('bob')];
    await signIn(ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leagues' }).click();
    await page.getByRole('button', { name: 'New league' }).click();
    const dialog = page.getByRole('dialog', { name: 'New league' });
    const name = uniqueName('Spring cup');
    await dialog.getByLabel('Name').fill(name);
    // A round robin takes at most 100 players: the server says so under Places.
    watcher.expectHttpError('leagues.create', 400);
    await dialog.getByLabel('Places').fill('500');
    await dialog.getByRole('button', { name: 'Create league' }).click();
    await dialog.getByText('A round robin takes at most 100 players').waitFor();
    await dialog.getByLabel('Places').fill('8');
    await dialog.getByRole('button', { name: 'Create league' }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe(`${name} · CalOS`);

    const admin = page.getByRole('region', { name: 'League administration' });
    for (const player of [ann, bob]) {
      await pickUser('Add a player', player.username, admin);
      await admin.getByRole('button', { name: 'Add to league' }).click();
      await page.getByText(`${player.username} is in the league.`).waitFor();
    }
    const standings = page.getByRole('table', { name: 'Standings' });
    await standings.getByRole('link', { name: ann.username }).waitFor();
    await standings.getByRole('link', { name: bob.username }).waitFor();

    await admin.getByRole('button', { name: 'Start now' }).click();
    await page.getByRole('dialog', { name: 'Start the league now?' }).getByRole('button', { name: 'Start league' }).click();
    await page.getByText('League started: 1 fixtures drawn.').waitFor();
    await page.getByText('Running', { exact: true }).first().waitFor();

    // The operator's result counts at once: no confirmation from the players.
    await admin.getByLabel('Player A').click();
    await page.getByRole('option', { name: ann.username }).click();
    await admin.getByLabel('Player B').click();
    await page.getByRole('option', { name: bob.username }).click();
    await admin.getByRole('button', { name: 'Record a result' }).click();
    const report = page.getByRole('dialog', { name: 'Report result' });
    await report.getByText(`${ann.username} won`).click();
    await report.getByRole('button', { name: 'Submit result' }).click();
    await page.getByText('Result recorded; ratings updated.').waitFor();
    const row = page.getByRole('table', { name: 'Standings' }).getByRole('row').filter({ hasText: ann.username });
    await row.getByRole('cell', { name: '3', exact: true }).first().waitFor();
    const league = (await api('GET', '/leagues?limit=100')).items.find((l: { name: string }) => l.name === name);
    expect((await api('GET', `/leagues/${league.id}`)).fixtures[0]).toMatchObject({ status: 'completed', result: 'a' });
  });

  it('shows a player no administration and no New league', { timeout: 60_000 }, async () => {
    const player = await newPlayer('carol');
    const boss = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-league-admin' } });
    const league = await api('POST', '/leagues/create', boss.token, { game: 'chess', name: uniqueName('Open ladder'), format: 'open', startDate: new Date().toISOString() });
    await signIn(player.username, PASSWORD);
    await page.goto('/leagues');
    await page.getByRole('link', { name: league.name }).waitFor();
    expect(await page.getByRole('button', { name: 'New league' }).count()).toBe(0);
    await page.getByRole('link', { name: league.name }).click();
    await page.getByRole('button', { name: 'Join league' }).waitFor();
    expect(await page.getByRole('region', { name: 'League administration' }).count()).toBe(0);
  });
});

describe('the developer portal in test mode', () => {
  it('shows what a test key did under Test data, and the test key in test mode only', { timeout: 90_000 }, async () => {
    const developer = await newPlayer('dev');
    const application = await api('POST', '/apps', developer.token, { name: 'Puzzle site' });
    const key = await api('POST', `/apps/${application.id}/keys`, developer.token, { name: 'Puzzle server', mode: 'test', scopes: ['skills:award'] });
    const solver = await newPlayer('solver');
    await api('POST', '/skills/award-xp', key.secret, { userId: solver.id, skill: 'development', xp: 1500, reason: 'puzzle 1' });

    await signIn(developer.username, PASSWORD);
    await page.goto(`/developer/apps/${application.id}`);
    await page.getByRole('heading', { name: 'Puzzle site', level: 1 }).waitFor();
    await page.getByText('1 test key is shown in test mode.', { exact: false }).waitFor();
    expect(await page.getByRole('table', { name: 'API keys' }).getByText('Puzzle server').count()).toBe(0);

    await page.getByRole('switch', { name: /Test mode/ }).click();
    await page.waitForURL(/\?mode=test$/);
    const users = page.getByRole('table', { name: 'Test users' });
    const row = users.getByRole('row').filter({ hasText: solver.username });
    await row.getByRole('cell', { name: '1,500' }).waitFor();
    await expect(page.getByRole('group', { name: 'Test users: 1' }).count()).resolves.toBe(1);
    await page.getByRole('table', { name: 'Latest events' }).getByText('xp.awarded').first().waitFor();

    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('table', { name: 'API keys' }).getByText('Puzzle server').waitFor();
    // The live data is untouched: the solver has no live XP.
    expect((await api('GET', `/skills/user/${solver.id}`)).totalXp).toBe(0);
  });
});
