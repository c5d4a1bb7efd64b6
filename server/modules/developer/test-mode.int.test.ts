// Test mode is private to its application: two applications' sandboxes, and live data, never see or
// change each other. Action codes (one per application), executions and their limits, history, XP
// and boards, leagues and their ratings, events and webhook deliveries; and the migration that moved
// the old shared sandbox's rows to their applications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope } from '../../../shared/schemas/developer';
import { moveTestRowsToTheirApplications } from '../../../database/migrations/20261206000004_test_mode_sandboxes';
import { createTestApp, type TestApp } from '../../testing/harness';
import { createApiKey, createApplication, signUp, signUpAdmin } from '../../testing/factories';

const scopes: ApiScope[] = ['actions:register', 'actions:execute', 'leagues:manage', 'skills:award', 'webhooks:manage', 'schedule:manage'];

let t: TestApp;
/** Application A belongs to an administrator, so its live key may hold every scope too. */
let devA: Awaited<ReturnType<typeof signUpAdmin>>;
let devB: Awaited<ReturnType<typeof signUp>>;
let appA: { id: string };
let appB: { id: string };
let testA: string;
let liveA: string;
let testB: string;

beforeAll(async () => {
  t = await createTestApp({ CALOS_WEBHOOK_ALLOW_PRIVATE: 'true' });
  devA = await signUpAdmin(t);
  devB = await signUp(t);
  appA = await createApplication(t, devA.token, 'Quiz A');
  appB = await createApplication(t, devB.token, 'Quiz B');
  testA = (await createApiKey(t, devA.token, appA.id, { mode: 'test', scopes })).secret;
  liveA = (await createApiKey(t, devA.token, appA.id, { mode: 'live', scopes })).secret;
  testB = (await createApiKey(t, devB.token, appB.id, { mode: 'test', scopes })).secret;
});
afterAll(async () => {
  await t.close();
});

const registerAction = (token: string, actionCode: string, effects: unknown[], extra: Record<string, unknown> = {}) =>
  t.rest('POST', '/api/actions/register', { token, body: { actionCode, actionName: actionCode, actionCategory: 'testing', effects, ...extra } });
const execute = (token: string, actionCode: string, userId?: string) =>
  t.rest('POST', '/api/actions/execute', { token, body: { actionCode, ...(userId ? { userId } : {}) } });
const check = (token: string, code: string, userId: string) => t.rest('GET', `/api/actions/check/${code}?userId=${userId}`, { token });
const actionIds = async (token: string | undefined, code: string) =>
  ((await t.rest('GET', '/api/actions', { token })).body.items as Array<{ id: string; code: string }>).filter((a) => a.code === code).map((a) => a.id);
const xpOf = async (token: string | undefined, userId: string, skill: string) =>
  ((await t.rest('GET', `/api/skills/user/${userId}`, { token })).body.skills as Array<{ code: string; xp: number }>).find((s) => s.code === skill)!.xp;
const xp = (skill: string, amount: number) => ({ effectCode: 'award_xp', effectParams: { skill, xp: amount } });

describe('test action codes', () => {
  it('lets two applications register the same test code, apart from the live one, each running its own', async () => {
    const a = await registerAction(testA, 'daily_quiz', [xp('design', 7)]);
    const b = await registerAction(testB, 'daily_quiz', [xp('writing', 11)]);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    const again = await registerAction(testA, 'daily_quiz', [xp('design', 1)]);
    expect([again.status, again.body.error.details.reason]).toEqual([409, 'ACTION_EXISTS']);
    const live = await registerAction(devA.token, 'daily_quiz', [{ effectCode: 'check_achievements' }]);
    expect(live.status, JSON.stringify(live.body)).toBe(201);

    // Each caller resolves the code within its own data: one daily_quiz each.
    expect(await actionIds(testA, 'daily_quiz')).toEqual([a.body.id]);
    expect(await actionIds(testB, 'daily_quiz')).toEqual([b.body.id]);
    expect(await actionIds(liveA, 'daily_quiz')).toEqual([live.body.id]);
    expect(await actionIds(undefined, 'daily_quiz')).toEqual([live.body.id]);

    const user = await signUp(t);
    expect((await execute(testA, 'daily_quiz', user.userId)).body.effects[0].result).toMatchObject({ skill: 'design', xpAwarded: 7 });
    expect((await execute(testB, 'daily_quiz', user.userId)).body.effects[0].result).toMatchObject({ skill: 'writing', xpAwarded: 11 });
    expect((await execute(user.token, 'daily_quiz')).body.effects.map((e: { effectCode: string }) => e.effectCode)).toEqual(['check_achievements']);
    // And each sandbox holds only its own XP.
    expect([await xpOf(testA, user.userId, 'design'), await xpOf(testA, user.userId, 'writing')]).toEqual([7, 0]);
    expect([await xpOf(testB, user.userId, 'design'), await xpOf(testB, user.userId, 'writing')]).toEqual([0, 11]);
    expect((await t.rest('GET', `/api/skills/user/${user.userId}`)).body.totalXp).toBe(0);
    expect((await t.rest('GET', `/api/skills/user/${user.userId}`, { token: liveA })).body.totalXp).toBe(0);
  });

  it("hides an application's test action from other applications, its own live key and users", async () => {
    const made = await registerAction(testA, 'a_private_quiz', [xp('marketing', 5)], { cooldownSeconds: 3600 });
    expect(made.status).toBe(201);
    const user = await signUp(t);
    for (const token of [testB, liveA, undefined]) expect(await actionIds(token, 'a_private_quiz')).toEqual([]);
    for (const token of [testB, liveA]) {
      expect((await execute(token, 'a_private_quiz', user.userId)).status).toBe(404);
      expect((await check(token, 'a_private_quiz', user.userId)).status).toBe(404);
    }
    expect((await execute(user.token, 'a_private_quiz')).status).toBe(404);
    expect((await t.rest('GET', `/api/schedule/check?actionCode=a_private_quiz`)).status).toBe(404);
    // Nor does naming it in another action's effect tell B that it exists.
    const naming = await registerAction(testB, 'b_names_it', [{ effectCode: 'grant_free_action', effectParams: { actionCode: 'a_private_quiz', uses: 1 } }]);
    expect([naming.status, naming.body.error.details.issues[0].path]).toEqual([400, 'body.effects.0.effectParams.actionCode']);

    expect((await execute(testA, 'a_private_quiz', user.userId)).status).toBe(200);
    expect((await check(testA, 'a_private_quiz', user.userId)).body).toMatchObject({ available: false, reason: 'COOLDOWN' });
    const history = async (token: string) => (await t.rest('GET', `/api/actions/history?userId=${user.userId}`, { token })).body.items.length;
    expect(await history(testA)).toBe(1);
    expect(await history(testB)).toBe(0);
    expect(await history(liveA)).toBe(0);
    expect((await t.rest('GET', '/api/actions/history', { token: user.token })).body.items).toEqual([]);
    expect((await t.rest('GET', `/api/actions/stats?userId=${user.userId}`, { token: testB })).body.total).toBe(0);
  });

  it("keeps a platform action's limits, and schedule exceptions, to each sandbox", async () => {
    const user = await signUp(t);
    expect((await execute(testA, 'security_scan', user.userId)).status).toBe(200);
    expect((await check(testA, 'security_scan', user.userId)).body).toMatchObject({ available: false, reason: 'COOLDOWN' });
    expect((await check(testB, 'security_scan', user.userId)).body.available).toBe(true);
    expect((await check(liveA, 'security_scan', user.userId)).body.available).toBe(true);
    expect((await execute(testB, 'security_scan', user.userId)).status).toBe(200);

    const thanksgiving = '2026-11-26T15:00:00.000Z'; // NYSE closed
    const opened = await t.rest('POST', '/api/schedule/exception', {
      token: testA,
      body: { userId: user.userId, actionCode: 'place_market_order', startsAt: '2026-11-26T14:00:00Z', endsAt: '2026-11-26T16:00:00Z', reason: 'sandbox' },
    });
    expect(opened.status).toBe(201);
    const at = (token: string) => t.rest('GET', `/api/actions/check/place_market_order?userId=${user.userId}&at=${thanksgiving}`, { token });
    expect((await at(testA)).body.available).toBe(true);
    expect((await at(testB)).body.available).toBe(false);
    expect((await at(liveA)).body.available).toBe(false);
  });
});

describe('test leagues', () => {
  const createLeague = async (token: string) => {
    const res = await t.rest('POST', '/api/leagues/create', {
      token,
      body: { game: 'tic-tac-toe', name: 'Sandbox cup', tier: 'bronze', startDate: new Date(Date.now() + 86_400_000).toISOString(), endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(), format: 'open', maxParticipants: 8 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const enter = (token: string, leagueId: string, userId: string) => t.rest('POST', '/api/leagues/register', { token, body: { leagueId, userId } });

  it('shows and opens a test league to the test keys of its own application only', async () => {
    const leagueId = await createLeague(testA);
    const [p, q] = [await signUp(t), await signUp(t)];
    const listed = async (token?: string) => ((await t.rest('GET', '/api/leagues?limit=100', { token })).body.items as Array<{ id: string }>).map((l) => l.id);

    expect((await t.rest('GET', `/api/leagues/${leagueId}`, { token: testA })).status).toBe(200);
    expect(await listed(testA)).toContain(leagueId);
    for (const token of [testB, liveA, p.token, undefined]) {
      expect((await t.rest('GET', `/api/leagues/${leagueId}`, { token })).status).toBe(404);
      expect((await t.rest('GET', `/api/leagues/standings?leagueId=${leagueId}`, { token })).status).toBe(404);
      expect(await listed(token)).not.toContain(leagueId);
    }
    expect((await enter(testB, leagueId, p.userId)).status).toBe(404);
    expect((await t.rest('POST', `/api/leagues/${leagueId}/start`, { token: testB })).status).toBe(404);
    expect((await t.rest('POST', `/api/leagues/${leagueId}/start`, { token: liveA })).status).toBe(404);

    // Its games rate and reward in A's sandbox alone: B's test league of the same game starts them afresh.
    for (const u of [p, q]) expect((await enter(testA, leagueId, u.userId)).status).toBe(201);
    expect((await t.rest('POST', `/api/leagues/${leagueId}/start`, { token: testA })).status).toBe(200);
    const result = { leagueId, playerA: p.userId, playerB: q.userId, result: 'a' };
    expect((await t.rest('POST', '/api/leagues/match', { token: testB, body: result })).status).toBe(404);
    const played = await t.rest('POST', '/api/leagues/match', { token: testA, body: result });
    expect(played.status, JSON.stringify(played.body)).toBe(201);
    const bLeague = await createLeague(testB);
    for (const u of [p, q]) expect((await enter(testB, bLeague, u.userId)).status).toBe(201);
    const ratings = async (token: string, id: string) =>
      ((await t.rest('GET', `/api/leagues/standings?leagueId=${id}`, { token })).body.items as Array<{ userId: string; rating: number }>).find((r) => r.userId === p.userId)!.rating;
    expect(await ratings(testA, leagueId)).toBeGreaterThan(1200);
    expect(await ratings(testB, bLeague)).toBe(1200);
    expect(await xpOf(testA, p.userId, 'analytics')).toBeGreaterThan(0);
    expect(await xpOf(testB, p.userId, 'analytics')).toBe(0);
    expect(await xpOf(undefined, p.userId, 'analytics')).toBe(0);
  });
});

describe('test XP', () => {
  it('moves no live board nor live achievement, and shows in its own sandbox only', async () => {
    const award = (token: string, userId: string, amount: number) =>
      t.rest('POST', '/api/skills/award-xp', { token, body: { userId, skill: 'voting', xp: amount, reason: 'test mode' } });
    const [ahead, behind, newcomer] = [await signUp(t), await signUp(t), await signUp(t)];
    expect((await award(devA.token, ahead.userId, 300)).status).toBe(200);
    expect((await award(devA.token, behind.userId, 200)).status).toBe(200);
    const around = async (token: string | undefined, userId: string) =>
      (await t.rest('GET', `/api/skills/leaderboard?skill=voting&around=${userId}`, { token })).body as { items: Array<{ userId: string; rank: number; xp: number }> };
    const unlocked = async (token: string | undefined, userId: string) =>
      ((await t.rest('GET', `/api/skills/user/${userId}`, { token })).body.achievements as Array<{ code: string; unlocked: boolean }>).filter((a) => a.unlocked).map((a) => a.code);
    const [boardBefore, achievementsBefore] = [await around(undefined, behind.userId), await unlocked(undefined, behind.userId)];

    expect((await award(testA, behind.userId, 1_000_000)).status).toBe(200);
    expect((await award(testA, newcomer.userId, 50)).status).toBe(200);
    expect(await around(undefined, behind.userId)).toEqual(boardBefore);
    expect(await around(liveA, behind.userId)).toEqual(boardBefore);
    expect((await around(undefined, newcomer.userId)).items).toEqual([]);
    expect((await t.rest('GET', `/api/skills/user/${behind.userId}`)).body.totalXp).toBe(200);
    expect(await unlocked(undefined, behind.userId)).toEqual(achievementsBefore);
    expect(await unlocked(testA, behind.userId)).toContain('voting_apprentice');
    expect(await unlocked(testB, behind.userId)).toEqual([]);

    // A's sandbox ranks its own awards; B's has none of them.
    expect((await around(testA, behind.userId)).items.find((e) => e.userId === behind.userId)).toMatchObject({ rank: 1, xp: 1_000_000 });
    expect((await around(testB, behind.userId)).items).toEqual([]);
    expect((await t.rest('GET', `/api/skills/user/${newcomer.userId}`, { token: testB })).body.totalXp).toBe(0);
  });
});

describe('test events', () => {
  it("go to the test endpoints of the application whose key caused them, and nobody else's", async () => {
    const endpoint = async (token: string, body: Record<string, unknown> = {}) => {
      const res = await t.rest('POST', '/api/webhooks/register', { token, body: { url: 'http://127.0.0.1:9/hook', events: ['action.executed'], ...body } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.endpoint.id as string;
    };
    const aTest = await endpoint(testA);
    const bTest = await endpoint(testB);
    const bTestByOwner = await endpoint(devB.token, { applicationId: appB.id, mode: 'test' });
    const bLive = await endpoint(devB.token, { applicationId: appB.id });
    const adminLive = await endpoint(devA.token, { applicationId: appA.id });

    // About B's own developer, so "the user it is about" would have reached B's endpoints before.
    const ran = await execute(testA, 'security_scan', devB.userId);
    expect(ran.status).toBe(200);
    const eventTypes = async (token: string, webhookId: string) =>
      ((await t.rest('GET', `/api/webhooks/${webhookId}/deliveries?limit=100`, { token })).body.items as Array<{ eventType: string }>).map((d) => d.eventType);
    expect(await eventTypes(testA, aTest)).toEqual(['action.executed']);
    expect(await eventTypes(testB, bTest)).toEqual([]);
    expect(await eventTypes(devB.token, bTestByOwner)).toEqual([]);
    expect(await eventTypes(devB.token, bLive)).toEqual([]);
    expect(await eventTypes(devA.token, adminLive)).toEqual([]);

    // Nor can another application's keys, or A's live key, read A's test endpoint or its deliveries.
    const delivery = (await t.rest('GET', `/api/webhooks/${aTest}/deliveries`, { token: testA })).body.items[0].id as string;
    for (const token of [testB, liveA]) {
      expect((await t.rest('GET', `/api/webhooks/${aTest}`, { token })).status).toBe(404);
      expect((await t.rest('GET', `/api/webhooks/${aTest}/deliveries`, { token })).status).toBe(404);
      expect((await t.rest('POST', `/api/webhooks/deliveries/${delivery}/replay`, { token })).status).toBe(404);
    }
  });
});

describe("an application's sandbox, for its owner", () => {
  it('sums up what its test keys made, to its owner only, and goes when the application does', async () => {
    const owner = await signUp(t);
    const app = await createApplication(t, owner.token, 'Quiz C');
    const key = (await createApiKey(t, owner.token, app.id, { mode: 'test', scopes })).secret;
    const user = await signUp(t);
    expect((await registerAction(key, 'daily_quiz', [xp('design', 3)])).status).toBe(201);
    expect((await execute(key, 'daily_quiz', user.userId)).status).toBe(200);
    expect((await execute(key, 'vote_like', user.userId)).status).toBe(200);
    expect((await t.rest('POST', '/api/webhooks/register', { token: key, body: { url: 'http://127.0.0.1:9/hook', events: ['level.up'] } })).status).toBe(201);

    const summary = await t.rest('GET', `/api/apps/${app.id}/test-data`, { token: owner.token });
    expect(summary.status, JSON.stringify(summary.body)).toBe(200);
    expect(summary.body).toMatchObject({ applicationId: app.id, actions: ['daily_quiz'], leagues: 0, executions: 2, users: 1, webhookEndpoints: 1, campaigns: 0, extensions: { leagues: { leagues: 0 }, mailer: { campaigns: 0 } } });
    expect(summary.body.events).toBeGreaterThanOrEqual(2);
    // The users, executions and events themselves, for the portal's test-mode view.
    expect(summary.body.topUsers).toEqual([
      { userId: user.userId, username: user.account.username, totalLevel: expect.any(Number), totalXp: expect.any(Number), executions: 2, lastExecutedAt: expect.any(String) },
    ]);
    expect(summary.body.topUsers[0].totalXp).toBeGreaterThan(0);
    expect(summary.body.latestExecutions.map((e: { actionCode: string }) => e.actionCode).sort()).toEqual(['daily_quiz', 'vote_like']);
    expect(summary.body.latestExecutions[0]).toMatchObject({ userId: user.userId, username: user.account.username, status: 'succeeded', failureReason: null });
    expect(summary.body.latestEvents).toHaveLength(summary.body.events);
    expect(summary.body.latestEvents.map((e: { type: string }) => e.type)).toContain('action.executed');
    // Nothing of it in another application's sandbox.
    const other = await createApplication(t, owner.token, 'Quiz D');
    expect((await t.rest('GET', `/api/apps/${other.id}/test-data`, { token: owner.token })).body).toMatchObject({ users: 0, topUsers: [], latestExecutions: [], latestEvents: [] });
    expect((await t.rest('GET', `/api/apps/${app.id}/test-data`, { token: devB.token })).status).toBe(404);
    expect((await t.rest('GET', `/api/apps/${app.id}/test-data`, { token: key })).status).toBe(403);
    expect((await t.rest('GET', `/api/apps/${app.id}/test-data`)).status).toBe(401);

    // Deleting the application deletes the sandbox state that no key could reach any more.
    const realm = `test:${app.id}`;
    const rows = async (table: string) => Number((await t.db.knex(table).where({ mode: realm }).count({ n: '*' }))[0]!.n);
    const tables = ['user_skills', 'user_progress', 'user_action_log', 'user_action_state', 'user_counters'];
    for (const table of tables) expect(await rows(table), table).toBeGreaterThan(0);
    expect((await t.rest('DELETE', `/api/apps/${app.id}`, { token: owner.token })).status).toBe(204);
    for (const table of tables) expect(await rows(table), table).toBe(0);
  });
});

describe('the migration from one shared sandbox', () => {
  it("moves the rows that name an application to that application's sandbox, and leaves the rest unread", async () => {
    const user = await signUp(t);
    const knex = t.db.knex;
    const key = (await knex('api_keys').where({ application_id: appA.id, mode: 'test' }).first('id')).id as string;
    const action = (await knex('action_definitions').where({ code: 'vote_like' }).first('id')).id as string;
    const skill = (await knex('skills').where({ code: 'creativity' }).first('id')).id as string;
    // Rows as the shared sandbox wrote them.
    const [execution] = await knex('user_action_log')
      .insert({ mode: 'test', user_id: user.userId, action_id: action, action_code: 'vote_like', action_category: 'voting', status: 'succeeded', api_key_id: key, application_id: appA.id })
      .returning('id');
    await knex('xp_gain_log').insert([
      { mode: 'test', user_id: user.userId, skill_id: skill, xp_requested: 5, xp_awarded: 5, xp_after: 5, level_before: 1, level_after: 1, reason: 'r', source_kind: 'api_key', source_id: key },
      { mode: 'test', user_id: user.userId, skill_id: skill, xp_requested: 5, xp_awarded: 5, xp_after: 10, level_before: 1, level_after: 1, reason: 'r', source_kind: 'action', source_id: execution.id },
    ]);
    await knex('schedule_exceptions').insert({ mode: 'test', user_id: user.userId, action_id: action, starts_at: new Date(), ends_at: new Date(Date.now() + 3600_000), reason: 'r', created_by: `key:${key}` });
    await knex('user_skills').insert({ mode: 'test', user_id: user.userId, skill_id: skill, xp: 10, tiebreak: -1 });

    await moveTestRowsToTheirApplications(knex);

    const realm = `test:${appA.id}`;
    expect(await knex('user_action_log').where({ user_id: user.userId }).pluck('mode')).toEqual([realm]);
    expect(await knex('xp_gain_log').where({ user_id: user.userId }).pluck('mode')).toEqual([realm, realm]);
    expect(await knex('schedule_exceptions').where({ user_id: user.userId }).pluck('mode')).toEqual([realm]);
    expect(await knex('user_skills').where({ user_id: user.userId }).pluck('mode')).toEqual(['test']);
    expect((await t.rest('GET', `/api/actions/history?userId=${user.userId}`, { token: testA })).body.items).toHaveLength(1);
    // Totals several applications may have added to cannot be split: no key reads them any more.
    for (const token of [testA, testB, undefined]) expect(await xpOf(token, user.userId, 'creativity')).toBe(0);
    // The test codes of both applications are still their own.
    expect(await actionIds(testA, 'daily_quiz')).toHaveLength(1);
  });
});
