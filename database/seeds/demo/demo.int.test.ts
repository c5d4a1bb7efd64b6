// The demo data: nothing without CALOS_SEED_DEMO; with it, seeded once however often the seeds run,
// synthetic players that are marked and cannot sign in, and every page of the demo account reading
// data through the API: progress, skills and achievements, the leaderboard, activity, leagues,
// coupons (one redeemed here), and the developer application with its webhook deliveries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { demoAccounts, runSeeds, type SeedReport } from '../index';
import { DEMO_STREAK_DAYS, HISTORY_DAYS } from './activity';
import { DEMO_WEBHOOK_URL } from './developer';
import { SYNTHETIC_EMAIL_DOMAIN, SYNTHETIC_PLAYERS } from './users';

let t: TestApp;
let first: SeedReport;
let demo: { token: string; userId: string };

/** Rows of the tables the demo data fills, to compare before and after a second run. */
const TABLES = [
  'users', 'user_skills', 'user_achievements', 'xp_gain_log', 'user_action_log', 'events', 'leagues', 'league_matches', 'elo_history',
  'mailer_campaigns', 'coupon_codes', 'coupon_redemptions', 'applications', 'api_keys', 'api_usage_daily', 'webhook_endpoints', 'webhook_deliveries',
  'swiper_decks', 'swiper_cards', 'swiper_swipes',
  'challenges_challenges', 'challenges_entries', 'challenges_pairwise', 'challenges_scores',
  'domains_domains', 'domains_votes', 'domains_comparisons', 'domains_feedback',
];
const counts = async () =>
  Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, Number((await t.db.knex(table).count({ n: '*' }).first())!.n)] as const)));

const get = async (url: string, token = demo.token) => {
  const res = await t.rest('GET', url, { token });
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('the demo data', () => {
  it('is not seeded without CALOS_SEED_DEMO', async () => {
    const report = await runSeeds(t.db.knex, t.auth, { ...t.config, seedDemo: false }, t.platform);
    expect(report).toMatchObject({ demoAccounts: [], demoData: null });
    expect(await t.db.knex('users').where({ synthetic: true }).first('id')).toBeUndefined();
    expect(await t.db.knex('seed_runs').first('name')).toBeUndefined();
  });

  it('is seeded once, however often the seeds run', { timeout: 180_000 }, async () => {
    first = await runSeeds(t.db.knex, t.auth, { ...t.config, seedDemo: true }, t.platform);
    expect(first.demoData).toMatchObject({
      seededNow: true,
      counts: { syntheticUsers: SYNTHETIC_PLAYERS + 1, leagues: 3, campaigns: 2, apiKeys: 2, iiifImages: 2, iiifManifests: 1 },
    });
    // The IIIF part: a synthetic image served over the Image API, and the viewer's address.
    expect(first.demoData!.notes.join('\n')).toMatch(/iiif viewer\s+\/iiif\/manifests\/[0-9a-f-]{36}/);
    const info = await t.app.inject({ method: 'GET', url: '/iiif/3/calos-synthetic/info.json' });
    expect(info.json()).toMatchObject({ width: 2048, height: 1536, profile: 'level2' });
    const after = await counts();
    const again = await runSeeds(t.db.knex, t.auth, { ...t.config, seedDemo: true }, t.platform);
    expect(again.demoData).toMatchObject({ seededNow: false, counts: null, notes: first.demoData!.notes });
    expect(await counts()).toEqual(after);

    const login = await t.rest('POST', '/api/auth/login', { body: { login: demoAccounts[0]!.username, password: demoAccounts[0]!.password } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    demo = { token: login.body.token, userId: login.body.user.id };
  });

  it('marks its players synthetic, in a reserved domain, and no password signs them in', async () => {
    const players = (await t.db.knex('users').where({ synthetic: true }).select('username', 'email')) as Array<{ username: string; email: string }>;
    expect(players).toHaveLength(SYNTHETIC_PLAYERS + 1);
    expect(players.every((p) => p.email === `${p.username}@${SYNTHETIC_EMAIL_DOMAIN}`)).toBe(true);
    expect(await t.db.knex('users').where({ username: 'demo' }).first('synthetic')).toEqual({ synthetic: false });
    const refused = await t.rest('POST', '/api/auth/login', { body: { login: players[1]!.username, password: 'calos-demo-2026' } });
    expect([refused.status, refused.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
  });

  it('gives the home page its progress: rank, XP this week, a streak, the next achievement, actions to run', async () => {
    const progress = await get('/api/progress');
    expect(progress.rank.rank).toBeGreaterThan(1);
    expect(progress.rank.of).toBe(SYNTHETIC_PLAYERS + 1);
    expect(progress.xpThisWeek).toBeGreaterThan(0);
    expect(progress.xpToday).toBeGreaterThan(0);
    expect(progress.streak.days).toBeGreaterThanOrEqual(DEMO_STREAK_DAYS);
    expect(progress.streak.activeToday).toBe(true);
    expect(progress.nextAchievement.progress).toBeGreaterThan(0.3);
    expect(progress.nextAchievement.progress).toBeLessThan(1);
    expect(progress.availableActions.count).toBeGreaterThan(5);
    expect(progress.achievements.unlocked).toBeGreaterThanOrEqual(3);
  });

  it('gives the skills page XP in several skills and unlocked achievements, and the leaderboard marked synthetic players', async () => {
    const skills = await get(`/api/skills/user/${demo.userId}`);
    expect(skills.skills.filter((s: { xp: number }) => s.xp > 0).length).toBeGreaterThanOrEqual(6);
    expect(skills.achievements.filter((a: { unlocked: boolean }) => a.unlocked).map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining(['first_vote', 'hello_world', 'bug_hunter']),
    );
    const board = await get(`/api/skills/leaderboard?around=${demo.userId}`);
    expect(board.you).toMatchObject({ username: 'demo', synthetic: false });
    expect(board.items.filter((e: { synthetic: boolean }) => e.synthetic).length).toBeGreaterThan(10);
    const top = await get('/api/skills/leaderboard?limit=100');
    expect(top.items).toHaveLength(SYNTHETIC_PLAYERS + 1);
  });

  it('gives the activity page four weeks of executions, two of them refused', async () => {
    const stats = await get('/api/actions/stats');
    const activeDays = stats.perDay.filter((d: { count: number }) => d.count > 0).length;
    expect(activeDays).toBeGreaterThanOrEqual(HISTORY_DAYS / 2);
    expect(stats.perDay.at(-1).count).toBeGreaterThan(0);
    expect(stats.failed).toBe(2);
    expect(stats.byAction.length).toBeGreaterThan(8);
    const history = await get('/api/actions/history?limit=5');
    expect(history.items).toHaveLength(5);
    expect(new Date(history.items[0].executedAt).getTime()).toBeLessThan(Date.now());
  });

  it('gives the leagues pages a finished and a running league with the demo account in their standings', async () => {
    const { items } = await get('/api/leagues?limit=100');
    const byStatus = (status: string) => items.filter((l: { status: string }) => l.status === status);
    expect(byStatus('completed')).toHaveLength(1);
    expect(byStatus('running')).toHaveLength(1);
    expect(byStatus('registration')).toHaveLength(1);
    for (const league of [...byStatus('completed'), ...byStatus('running')]) {
      const standings = await get(`/api/leagues/standings?leagueId=${league.id}`);
      expect(standings.items.find((s: { userId: string }) => s.userId === demo.userId)?.played).toBeGreaterThan(0);
    }
    const running = await get(`/api/leagues/${byStatus('running')[0].id}`);
    expect(running.fixtures.some((f: { status: string; playerA: string; playerB: string }) => f.status === 'scheduled' && [f.playerA, f.playerB].includes(demo.userId))).toBe(true);
    const elo = await get(`/api/leagues/elo/${demo.userId}`);
    expect(elo.items.map((r: { game: string }) => r.game).sort()).toEqual(['checkers', 'chess']);
  });

  it('gives the coupons page granted codes to redeem, one redeemed, with its boost and free actions', async () => {
    const inventory = await get('/api/mailer/inventory');
    expect(inventory.coupons).toHaveLength(1);
    expect(inventory.grantedCodes.filter((c: { status: string }) => c.status === 'unused')).toHaveLength(2);
    expect(inventory.freeActions).toEqual([{ actionCode: 'security_scan', usesLeft: 3 }]);
    const code = /demo coupons\s+([A-Z0-9-]+)/.exec(first.demoData!.notes.join('\n'))![1]!;
    const redeemed = await t.rest('POST', '/api/mailer/redeem', { token: demo.token, body: { code } });
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    expect(redeemed.body.redemption.campaignName).toBe('Welcome pack');
    const after = await get('/api/mailer/inventory');
    expect(after.grantedCodes.filter((c: { status: string }) => c.status === 'unused')).toHaveLength(1);
  });

  it('gives the swiper a synthetic deck of the demo account with days of swipes for its analytics', async () => {
    const decks = await get('/api/ext/swiper/decks?mine=true');
    expect(decks.items).toEqual([expect.objectContaining({ name: 'Demo profiles (synthetic)', synthetic: true, cards: 24 })]);
    const analytics = await get(`/api/ext/swiper/decks/${decks.items[0].id}/analytics?days=14`);
    expect(analytics.totals.swipes).toBe(48);
    expect(analytics.series.filter((d: { left: number; right: number }) => d.left + d.right > 0).length).toBeGreaterThan(1);
    expect(analytics.attributes.some((a: { key: string }) => a.key === 'hobby')).toBe(true);
  });

  it('gives the challenges a finished challenge of the demo account with stub contestants, judgments and a winner', async () => {
    const list = await get('/api/ext/challenges/challenges?mine=true');
    expect(list.items).toEqual([expect.objectContaining({ title: 'Demo: a landing page for example.com', status: 'closed', entries: { total: 4, done: 4, pending: 0, failed: 0 } })]);
    const c = list.items[0];
    expect(c.contestants.every((p: { synthetic: boolean }) => p.synthetic)).toBe(true);
    const results = await get(`/api/ext/challenges/challenges/${c.id}/results`);
    expect(results.winnerEntryId).toBe(c.winnerEntryId);
    expect(results.items.every((r: { ai: { judged: number } }) => r.ai.judged === 3)).toBe(true);
    expect(results.items.reduce((n: number, r: { pairwise: { wins: number; losses: number; ties: number } }) => n + r.pairwise.wins + r.pairwise.losses + r.pairwise.ties, 0)).toBe(36);
    expect((await get('/api/ext/challenges/standings')).items.length).toBeGreaterThanOrEqual(4);
  });

  it('gives the domain portfolio synthetic names with votes, comparisons and feedback', async () => {
    const mine = await get('/api/ext/domains/names?mine=true');
    expect(mine.items.map((d: { name: string }) => d.name).sort()).toEqual(['pixelpuzzle.app', 'quizcraft.dev']);
    expect(mine.items.every((d: { rdap: { state: string } }) => d.rdap.state === 'off')).toBe(true);
    const board = await get('/api/ext/domains/leaderboard?by=elo&limit=100');
    expect(board.items).toHaveLength(8);
    expect(board.items[0].elo).toBeGreaterThan(1200);
    expect(board.items.reduce((sum: number, d: { votesUp: number; votesDown: number }) => sum + d.votesUp + d.votesDown, 0)).toBeGreaterThan(5);
    expect(Number((await t.db.knex('domains_feedback').count({ n: '*' }).first())!.n)).toBeGreaterThan(0);
  });

  it('gives the developer portal an application, keys, usage and a webhook endpoint with deliveries', async () => {
    const apps = await get('/api/apps');
    expect(apps.items).toHaveLength(1);
    const application = apps.items[0];
    const keys = await get(`/api/apps/${application.id}/keys`);
    expect(keys.items.map((k: { mode: string }) => k.mode).sort()).toEqual(['live', 'test']);
    const usage = await get(`/api/usage?applicationId=${application.id}&days=30`);
    expect(usage.totals.requests).toBeGreaterThan(100);
    const sandbox = await get(`/api/apps/${application.id}/test-data`);
    expect(sandbox.executions).toBeGreaterThan(0);
    const webhooks = await get('/api/webhooks');
    expect(webhooks.items).toEqual([expect.objectContaining({ url: DEMO_WEBHOOK_URL, enabled: true, mode: 'live' })]);
    const deliveries = await get(`/api/webhooks/${webhooks.items[0].id}/deliveries?limit=100`);
    // The seeded history was answered 200; the redemption above is a live event, on its way to a
    // host that does not resolve.
    const history = deliveries.items.filter((d: { createdAt: string }) => new Date(d.createdAt) < new Date(Date.now() - 60_000));
    expect(history.length).toBeGreaterThan(3);
    expect(history.every((d: { status: string; responseStatus: number }) => d.status === 'succeeded' && d.responseStatus === 200)).toBe(true);
    expect(history.map((d: { eventType: string }) => d.eventType)).toContain('webhook.test');
    const live = deliveries.items.find((d: { eventType: string; createdAt: string }) => d.eventType === 'coupon.redeemed' && !history.some((h: { createdAt: string }) => h.createdAt === d.createdAt));
    expect(live?.status).toMatch(/^(pending|retrying)$/);
  });
});
