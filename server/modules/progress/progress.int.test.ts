// GET /api/progress through both doors: a new user's summary, XP today and this week and the streak
// in the user's own time zone, the rank on the total board, the next achievement within reach, the
// actions available now, and who may read whose summary.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness';
import { developerWithKey, operatorKey, signUp, signUpAdmin } from '../../testing/factories';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
beforeAll(async () => {
  t = await createTestApp({ CALOS_ACTIONS_PER_USER_PER_MINUTE: '0' });
  admin = await signUpAdmin(t);
});
afterAll(async () => {
  await t.close();
});

const summary = async (token: string, query = '') => {
  const res = await t.rest('GET', `/api/progress${query ? `?${query}` : ''}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const execute = async (token: string, actionCode: string) => {
  const res = await t.rest('POST', '/api/actions/execute', { token, body: { actionCode } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.execution.id as string;
};
const award = async (userId: string, skill: string, xp: number) => {
  const res = await t.rest('POST', '/api/skills/award-xp', { token: admin.token, body: { userId, skill, xp } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
/** Moves an execution (and the XP it logged) to another instant, as if it had run then. */
async function moveExecution(executionId: string, at: Date) {
  await t.db.knex('user_action_log').where({ id: executionId }).update({ executed_at: at });
  await t.db.knex('xp_gain_log').where({ source_kind: 'action', source_id: executionId }).update({ created_at: at });
}
const signUpIn = (timezone: string) => signUp(t, {}, { fingerprint: `progress-${timezone}-${Math.random()}`, signals: { timezone } });

describe('a new user', () => {
  it('has the starting totals, no streak or rank, the first achievement next and every open action available', async () => {
    const user = await signUp(t);
    const body = await summary(user.token);
    expect(body).toMatchObject({
      userId: user.userId,
      username: user.account.username,
      timezone: 'UTC',
      totalLevel: 10,
      totalXp: 0,
      xpToday: 0,
      xpThisWeek: 0,
      streak: { days: 0, activeToday: false, lastActiveDay: null },
      rank: null,
      achievements: { unlocked: 0, total: 12 },
      nextAchievement: { code: 'first_vote', current: 0, target: 1, unit: 'actions', progress: 0 },
    });
    expect(DateTime.fromISO(body.weekStartsAt, { zone: 'UTC' }).weekday).toBe(1);
    const codes = body.availableActions.items.map((a: { code: string }) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['vote_like', 'submit_code', 'security_scan']));
    expect(codes.some((code: string) => code.startsWith('play_') || code.startsWith('win_'))).toBe(false); // system-only
    expect(body.availableActions.items.find((a: { code: string }) => a.code === 'vote_like')).toEqual({
      code: 'vote_like', name: 'Like', category: 'voting', remainingToday: 1000,
    });
    expect(body.availableActions.count).toBeLessThanOrEqual(body.availableActions.total);
  });

  it('answers the same on /trpc', async () => {
    const user = await signUp(t);
    const viaTrpc = await t.caller({ token: user.token }).progress.summary();
    expect(viaTrpc).toMatchObject({ userId: user.userId, totalLevel: 10, rank: null });
    expect(viaTrpc.weekStartsAt).toBeInstanceOf(Date);
  });
});

describe('activity', () => {
  it('counts XP today and this week, and takes an action off the available list while it cools down', async () => {
    const user = await signUp(t);
    const before = await summary(user.token);
    await execute(user.token, 'security_scan'); // 100 Security XP, 5-minute cooldown
    const earlier = await execute(user.token, 'submit_code'); // 50 Development XP
    const weekStart = DateTime.now().toUTC().startOf('week');
    const startOfToday = DateTime.now().toUTC().startOf('day');
    // Earlier this week when today is not Monday; otherwise last week, which counts for neither.
    const moved = startOfToday > weekStart ? weekStart.plus({ hours: 1 }) : weekStart.minus({ hours: 1 });
    await moveExecution(earlier, moved.toJSDate());
    const body = await summary(user.token);
    expect(body.xpToday).toBe(100);
    expect(body.xpThisWeek).toBe(startOfToday > weekStart ? 150 : 100);
    expect(body.totalXp).toBe(150);
    // Both are cooling down (5 minutes and 1 minute from when they ran).
    const codes = body.availableActions.items.map((a: { code: string }) => a.code);
    expect(codes).not.toContain('security_scan');
    expect(codes).not.toContain('submit_code');
    expect(body.availableActions.count).toBe(before.availableActions.count - 2);
    expect(body.achievements.unlocked).toBe(2); // Bug Hunter, Hello World
  });

  it('counts a streak of consecutive days in the user’s time zone, alive until a day is missed', async () => {
    const zone = 'Pacific/Auckland';
    const user = await signUpIn(zone);
    const today = DateTime.now().setZone(zone).startOf('day');
    const at = (daysAgo: number, hour: number) => today.minus({ days: daysAgo }).set({ hour }).toJSDate();
    // Days 4, 2 and 1 before today in Auckland: a run of two that ended yesterday, after a gap.
    for (const [daysAgo, hour] of [[4, 12], [2, 23], [1, 0]] as const) {
      await moveExecution(await execute(user.token, 'like_post'), at(daysAgo, hour));
      await t.db.knex('user_action_state').where({ user_id: user.userId }).update({ last_executed_at: null });
    }
    let body = await summary(user.token);
    expect(body.timezone).toBe(zone);
    expect(body.streak).toEqual({ days: 2, activeToday: false, lastActiveDay: today.minus({ days: 1 }).toISODate() });

    // Today joins it; the day starts at midnight in Auckland, not in UTC.
    await moveExecution(await execute(user.token, 'comment'), at(0, 0));
    body = await summary(user.token);
    expect(body.streak).toEqual({ days: 3, activeToday: true, lastActiveDay: today.toISODate() });
    expect(body.xpToday).toBe(5);

    // With the last activity two days ago, the streak is over.
    const all = (await t.db.knex('user_action_log').where({ user_id: user.userId }).orderBy('executed_at').pluck('id')) as string[];
    for (const [i, id] of all.entries()) await moveExecution(id, at(8 - i, 12));
    body = await summary(user.token);
    expect(body.streak).toMatchObject({ days: 0, activeToday: false, lastActiveDay: today.minus({ days: 5 }).toISODate() });
  });
});

describe('rank and achievements', () => {
  it('places the user on the total board among everyone with XP', async () => {
    const [ahead, behind] = [await signUp(t), await signUp(t)];
    await award(ahead.userId, 'writing', 100_000);
    await award(behind.userId, 'writing', 90_000);
    const first = await summary(ahead.token);
    const second = await summary(behind.token);
    expect(second.rank.rank).toBe(first.rank.rank + 1);
    expect(first.rank.of).toBe(second.rank.of);
    const listed = Number((await t.db.knex('user_progress').where({ mode: 'live' }).count({ n: '*' }).first())!.n);
    expect(first.rank.of).toBe(listed);
  });

  it('offers the locked achievement closest to its target, in its condition’s unit', async () => {
    const user = await signUp(t);
    await award(user.userId, 'voting', 600); // Voting Apprentice needs level 10: 1,154 XP
    await award(user.userId, 'development', 2_000); // Code Warrior needs level 25: 8,740 XP
    const body = await summary(user.token);
    expect(body.nextAchievement).toMatchObject({ code: 'voting_apprentice', name: 'Voting Apprentice', current: 600, target: 1154, unit: 'xp' });
    expect(body.nextAchievement.progress).toBeCloseTo(600 / 1154, 5);
  });
});

describe('who may read a summary', () => {
  it('lets a key with users:read read any user’s, in its own mode, and refuses the rest', async () => {
    const user = await signUp(t);
    await award(user.userId, 'design', 83);
    const key = await operatorKey(t, ['users:read']);
    const res = await t.rest('GET', `/api/progress?userId=${user.userId}`, { token: key.secret });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ userId: user.userId, totalXp: 83, totalLevel: 11 });

    const test = await developerWithKey(t, { scopes: ['users:read'], mode: 'test' });
    const sandbox = await t.rest('GET', `/api/progress?userId=${user.userId}`, { token: test.secret });
    expect(sandbox.body).toMatchObject({ totalXp: 0, rank: null });

    const noUser = await t.rest('GET', '/api/progress', { token: key.secret });
    expect([noUser.status, noUser.body.error.code, noUser.body.error.details.issues[0].path]).toEqual([400, 'VALIDATION_FAILED', 'query.userId']);
    const unknown = await t.rest('GET', '/api/progress?userId=00000000-0000-4000-8000-000000000000', { token: key.secret });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const noScope = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    const refused = await t.rest('GET', `/api/progress?userId=${user.userId}`, { token: noScope.secret });
    expect([refused.status, refused.body.error.details.requiredScope]).toEqual([403, 'users:read']);
    const other = await signUp(t);
    const notYours = await t.rest('GET', `/api/progress?userId=${user.userId}`, { token: other.token });
    expect([notYours.status, notYours.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.rest('GET', '/api/progress')).status).toBe(401);
    const badId = await t.rest('GET', '/api/progress?userId=nope', { token: key.secret });
    expect([badId.status, badId.body.error.details.issues[0].path]).toEqual([400, 'query.userId']);
  });
});
