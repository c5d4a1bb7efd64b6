// The actions engine through both doors: the seeded catalogue, execute with its effects, logs and
// events, refusals (429 with nextAvailableAt, logged, counted), limits under parallel requests and
// on two instances, the user's own calendar day, schedules and exceptions, benefits, idempotency,
// registering custom actions, history and stats.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceTest, createTestApp, type TestApp } from '../../testing/harness';
import { developerWithKey, operatorKey, signUp, signUpAdmin } from '../../testing/factories';
import * as benefits from '../benefits/service';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
beforeAll(async () => {
  t = await createTestApp({ CALOS_ACTIONS_PER_USER_PER_MINUTE: '0' });
  admin = await signUpAdmin(t);
});
afterAll(async () => {
  await t.close();
});

const execute = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}, app = t) =>
  app.rest('POST', '/api/actions/execute', { token, body, headers });
const check = (token: string, code: string, query = '') => t.rest('GET', `/api/actions/check/${code}${query ? `?${query}` : ''}`, { token });
let seq = 0;
async function registerAction(overrides: Record<string, unknown> = {}) {
  const code = `custom_${Date.now().toString(36)}_${seq++}`;
  const res = await t.rest('POST', '/api/actions/register', {
    token: admin.token,
    body: { actionCode: code, actionName: 'Custom', actionCategory: 'testing', cooldownSeconds: 0, dailyLimit: null, effects: [{ effectCode: 'award_xp', effectParams: { skillId: 'writing', xpAmount: 7 } }], ...overrides },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { code: string; id: string };
}
const eventTypes = async (userId: string) => (await t.db.knex('events').where({ user_id: userId }).orderBy('sequence').pluck('type')) as string[];

describe('the catalogue', () => {
  it('holds the original 18 actions (plus more), 10 effect types and at least 36 mappings', async () => {
    const res = await t.rest('GET', '/api/actions');
    expect(res.status).toBe(200);
    const codes = res.body.items.map((a: { code: string }) => a.code);
    for (const code of ['vote_like', 'vote_dislike', 'submit_feedback', 'share_domain', 'submit_code', 'review_code', 'complete_challenge', 'contribute_docs', 'report_bug', 'verify_fix', 'security_scan', 'create_post', 'comment', 'like_post', 'follow_user', 'list_item', 'make_offer', 'complete_trade']) {
      expect(codes).toContain(code);
    }
    expect(res.body.items.find((a: { code: string }) => a.code === 'submit_code')).toMatchObject({ cooldownSeconds: 60, dailyLimit: 20, category: 'development', schedules: [], custom: false });
    expect(res.body.items.find((a: { code: string }) => a.code === 'place_market_order').schedules).toEqual(['nyse']);
    expect(Number((await t.db.knex('effect_definitions').count({ n: '*' }).first())!.n)).toBeGreaterThanOrEqual(10);
    expect(Number((await t.db.knex('action_effects').count({ n: '*' }).first())!.n)).toBeGreaterThanOrEqual(36);
    const voting = await t.rest('GET', '/api/actions?category=voting');
    expect(voting.body.items.map((a: { code: string }) => a.code).sort()).toEqual(['share_domain', 'submit_feedback', 'vote_dislike', 'vote_domain', 'vote_like']);
  });

  it('has the seed document’s vote_domain (the domain portfolio’s), so its `actions.check(userId, \'vote_domain\')` works', async () => {
    const user = await signUp(t);
    const key = await operatorKey(t, ['actions:execute']);
    const listed = (await t.rest('GET', '/api/actions?category=voting')).body.items.find((a: { code: string }) => a.code === 'vote_domain');
    expect(listed).toMatchObject({ cooldownSeconds: 3, dailyLimit: 1000, custom: false, schedules: [], systemOnly: true });
    const before = await check(key.secret, 'vote_domain', `userId=${user.userId}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({ actionCode: 'vote_domain', available: true, reason: null, remainingToday: 1000 });
    // A vote on a name runs it (extensions/domains); it is not executed without one.
    const direct = await execute(user.token, { actionCode: 'vote_domain', params: { domain: 'example.com' } });
    expect(direct.status).toBe(403);
    expect(direct.body.error.details.reason).toBe('SYSTEM_ACTION');
  });
});

describe('execute', () => {
  it('runs the effects in one transaction, logs them and emits action.executed with the effects’ events', async () => {
    const user = await signUp(t);
    const res = await execute(user.token, { actionCode: 'vote_like', params: { postId: 42 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.execution).toMatchObject({ actionCode: 'vote_like', userId: user.userId, freeUse: false });
    expect(res.body.effects.map((e: { effectCode: string; status: string }) => [e.effectCode, e.status])).toEqual([
      ['award_xp', 'applied'],
      ['increment_counter', 'applied'],
      ['check_achievements', 'applied'],
    ]);
    expect(res.body.effects[0].result).toMatchObject({ skill: 'voting', xpAwarded: 10, multiplier: 1, achievementsUnlocked: [] });
    expect(res.body.effects[1].result).toEqual({ counter: 'votes', value: 1 });
    // check_achievements runs last and sees this execution: 1 Voting action.
    expect(res.body.effects[2].result).toEqual({ unlocked: ['first_vote'] });
    expect(await eventTypes(user.userId)).toEqual(['user.registered', 'xp.awarded', 'achievement.unlocked', 'action.executed']);
    const log = await t.db.knex('user_action_log').where({ user_id: user.userId });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'succeeded', action_code: 'vote_like', params: { postId: 42 } });
    expect(await t.db.knex('effect_execution_log').where({ execution_id: log[0].id }).orderBy('position').pluck('effect_code')).toEqual(['award_xp', 'increment_counter', 'check_achievements']);
  });

  it('refuses during the cooldown with 429, nextAvailableAt and Retry-After, logs it as failed and counts a violation', async () => {
    const user = await signUp(t);
    expect((await execute(user.token, { actionCode: 'submit_feedback' })).status).toBe(200);
    const refused = await execute(user.token, { actionCode: 'submit_feedback' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('COOLDOWN');
    const { retryAfterSeconds, nextAvailableAt } = refused.body.error.details;
    // Retry-After counts from the refusal, which is logged as a failed execution.
    const failed = await t.db.knex('user_action_log').where({ user_id: user.userId, status: 'failed' }).first('executed_at');
    expect(retryAfterSeconds).toBe(Math.ceil((Date.parse(nextAvailableAt) - failed.executed_at.getTime()) / 1000));
    expect(Number(refused.headers['retry-after'])).toBe(retryAfterSeconds);
    const first = await t.db.knex('user_action_log').where({ user_id: user.userId, status: 'succeeded' }).first('executed_at');
    expect(new Date(nextAvailableAt).getTime()).toBe(first.executed_at.getTime() + 30_000);
    expect(await t.db.knex('user_action_log').where({ user_id: user.userId, status: 'failed' }).pluck('failure_reason')).toEqual(['COOLDOWN']);
    expect(await t.db.knex('rate_limit_violations').where({ user_id: user.userId }).pluck('reason')).toEqual(['COOLDOWN']);
    expect((await eventTypes(user.userId)).filter((e) => e.startsWith('action.'))).toEqual(['action.executed', 'action.failed']);
    // check tells the same truth, at the boundary to the millisecond.
    const end = new Date(nextAvailableAt);
    const before = await check(user.token, 'submit_feedback', `at=${new Date(end.getTime() - 1).toISOString()}`);
    expect(before.body).toMatchObject({ available: false, reason: 'COOLDOWN', nextAvailableAt, cooldownEndsAt: nextAvailableAt, remainingToday: 99 });
    const at = await check(user.token, 'submit_feedback', `at=${end.toISOString()}`);
    expect(at.body).toMatchObject({ available: true, reason: null, nextAvailableAt: null });
  });

  raceTest('lets exactly 5 of 50 parallel executions through a daily limit of 5, across two instances', async () => {
    const action = await registerAction({ dailyLimit: 5 });
    const user = await signUp(t);
    const second = await createTestApp({ CALOS_ACTIONS_PER_USER_PER_MINUTE: '0' }, { db: t.db });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => execute(user.token, { actionCode: action.code }, {}, i % 2 ? second : t)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(45);
      expect(results.filter((r) => r.status === 429).every((r) => r.body.error.code === 'DAILY_LIMIT')).toBe(true);
    } finally {
      await second.close();
    }
    const progress = await t.rest('GET', `/api/skills/user/${user.userId}`);
    expect(progress.body.skills.find((s: { code: string }) => s.code === 'writing').xp).toBe(35);
    expect(Number((await t.db.knex('rate_limit_violations').where({ user_id: user.userId }).count({ n: '*' }).first())!.n)).toBe(45);
  });

  it('resets the daily limit at midnight in the user’s own time zone', async () => {
    const action = await registerAction({ dailyLimit: 2 });
    const user = await signUp(t);
    await t.db.knex('users').where({ id: user.userId }).update({ timezone: 'Asia/Tokyo' });
    for (let i = 0; i < 2; i++) expect((await execute(user.token, { actionCode: action.code })).status).toBe(200);
    const refused = await execute(user.token, { actionCode: action.code });
    expect(refused.body.error.code).toBe('DAILY_LIMIT');
    const midnight = new Date(refused.body.error.details.nextAvailableAt);
    // Tokyo midnight is 15:00 UTC.
    expect(midnight.toISOString()).toMatch(/T15:00:00.000Z$/);
    const refusedAt = (await t.db.knex('user_action_log').where({ user_id: user.userId, status: 'failed' }).first('executed_at')).executed_at;
    expect(midnight.toISOString()).toBe(DateTime.fromJSDate(refusedAt).setZone('Asia/Tokyo').startOf('day').plus({ days: 1 }).toUTC().toISO());
    expect((await check(user.token, action.code, `at=${new Date(midnight.getTime() - 1).toISOString()}`)).body).toMatchObject({ available: false, reason: 'DAILY_LIMIT', remainingToday: 0 });
    expect((await check(user.token, action.code, `at=${midnight.toISOString()}`)).body).toMatchObject({ available: true, remainingToday: 2 });
  });

  it('takes the user’s zone from the sign-up device, and lets the user change it', async () => {
    const user = await signUp(t, {}, { fingerprint: 'fp-zone-test', signals: { timezone: 'America/Los_Angeles' } });
    expect((await t.rest('GET', '/api/auth/session', { token: user.token })).body.user.timezone).toBe('America/Los_Angeles');
    expect((await t.rest('GET', '/api/actions/stats', { token: user.token })).body.timezone).toBe('America/Los_Angeles');
    const changed = await t.rest('PATCH', '/api/auth/me', { token: user.token, body: { timezone: 'Europe/Berlin' } });
    expect(changed.status).toBe(200);
    expect(changed.body.timezone).toBe('Europe/Berlin');
    const bad = await t.rest('PATCH', '/api/auth/me', { token: user.token, body: { timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.timezone');
    expect((await t.rest('PATCH', '/api/auth/me', { token: user.token, body: { timezone: null } })).body.timezone).toBeNull();
    // Without a zone, the first sign-in from a device that reports one sets it; later ones do not.
    const login = (timezone: string) =>
      t.rest('POST', '/api/auth/login', { body: { login: user.account.username, password: user.account.password, device: { fingerprint: `fp-${timezone}`, signals: { timezone } } } });
    expect((await login('Asia/Kolkata')).body.user.timezone).toBe('Asia/Kolkata');
    expect((await login('Europe/Paris')).body.user.timezone).toBe('Asia/Kolkata');
  });

  it('keeps the day’s count when the user changes time zone', async () => {
    const action = await registerAction({ dailyLimit: 2 });
    const user = await signUp(t);
    for (let i = 0; i < 2; i++) expect((await execute(user.token, { actionCode: action.code })).status).toBe(200);
    // Whatever "today" is in these zones, the day that began at sign-up has not ended.
    for (const timezone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Tokyo']) {
      await t.rest('PATCH', '/api/auth/me', { token: user.token, body: { timezone } });
      expect((await execute(user.token, { actionCode: action.code })).body.error.code).toBe('DAILY_LIMIT');
    }
  });

  it('is retried safely with an Idempotency-Key', async () => {
    const user = await signUp(t);
    const headers = { 'idempotency-key': `exec-${user.userId}` };
    const first = await execute(user.token, { actionCode: 'comment', params: { text: 'hi' } }, headers);
    const again = await execute(user.token, { actionCode: 'comment', params: { text: 'hi' } }, headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await t.db.knex('user_action_log').where({ user_id: user.userId }).count({ n: '*' }).first()).toEqual({ n: 1 });
  });

  it('lets an API key with actions:execute act for a named user, and nobody else', async () => {
    const user = await signUp(t);
    const key = await operatorKey(t, ['actions:execute']);
    expect((await execute(key.secret, { actionCode: 'like_post' })).body.error.details.issues[0].path).toBe('body.userId');
    const ok = await execute(key.secret, { actionCode: 'like_post', userId: user.userId });
    expect(ok.status).toBe(200);
    expect((await t.db.knex('user_action_log').where({ user_id: user.userId }).first()).api_key_id).toBe(key.key.id);
    const other = await signUp(t);
    expect((await execute(other.token, { actionCode: 'like_post', userId: user.userId })).status).toBe(403);
    const noScope = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    expect((await execute(noScope.secret, { actionCode: 'like_post', userId: user.userId })).body.error.details.requiredScope).toBe('actions:execute');
    expect((await execute(key.secret, { actionCode: 'like_post', userId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await execute(user.token, { actionCode: 'no_such_action' })).body.error).toMatchObject({ code: 'NOT_FOUND', details: { resource: 'action' } });
    expect((await execute(user.token, { actionCode: 'like_post', params: 'x' })).status).toBe(400);
    // The tRPC door runs the same engine.
    const viaTrpc = await t.caller({ token: other.token }).actions.execute({ actionCode: 'follow_user', params: {} });
    expect(viaTrpc.execution.actionCode).toBe('follow_user');
  });

  it('applies benefits: an XP boost multiplies XP, a free action skips the cooldown once', async () => {
    const user = await signUp(t);
    await t.db.knex.transaction((trx) => benefits.grantXpBoost(trx, { userId: user.userId, multiplier: 2, hours: 1, source: 'test' }));
    const boosted = await execute(user.token, { actionCode: 'submit_code' });
    expect(boosted.body.effects[0].result).toMatchObject({ xpAwarded: 100, multiplier: 2 });
    expect((await execute(user.token, { actionCode: 'submit_code' })).body.error.code).toBe('COOLDOWN');
    await t.db.knex.transaction((trx) => benefits.grantFreeActions(trx, { userId: user.userId, actionCode: 'submit_code', uses: 1, source: 'test' }));
    const free = await execute(user.token, { actionCode: 'submit_code' });
    expect(free.status).toBe(200);
    expect(free.body.execution.freeUse).toBe(true);
    expect((await execute(user.token, { actionCode: 'submit_code' })).body.error.code).toBe('COOLDOWN');
  });

  it('limits executions per user per minute', async () => {
    const limited = await createTestApp({ CALOS_ACTIONS_PER_USER_PER_MINUTE: '3' }, { db: t.db });
    try {
      const user = await signUp(limited);
      const codes = ['comment', 'like_post', 'follow_user', 'create_post'];
      const results = [];
      for (const actionCode of codes) results.push(await execute(user.token, { actionCode }, {}, limited));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(results[3]!.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('league games', () => {
  it('award XP through the game actions when a result is recorded, and nobody can run those directly', async () => {
    const [a, b] = [await signUp(t), await signUp(t)];
    const direct = await execute(a.token, { actionCode: 'win_chess' });
    expect(direct.status).toBe(403);
    expect(direct.body.error.details.reason).toBe('SYSTEM_ACTION');
    const league = await t.rest('POST', '/api/leagues/create', {
      token: admin.token,
      body: { game: 'chess', name: 'Open ladder', tier: 'bronze', startDate: new Date(Date.now() + 86_400_000).toISOString(), endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(), format: 'open', maxParticipants: 8 },
    });
    expect(league.status, JSON.stringify(league.body)).toBe(201);
    for (const p of [a, b]) expect((await t.rest('POST', '/api/leagues/register', { token: p.token, body: { leagueId: league.body.id } })).status).toBe(201);
    expect((await t.rest('POST', `/api/leagues/${league.body.id}/start`, { token: admin.token })).status).toBe(200);
    const match = await t.rest('POST', '/api/leagues/match', { token: admin.token, body: { leagueId: league.body.id, playerA: a.userId, playerB: b.userId, result: 'a' } });
    expect(match.status, JSON.stringify(match.body)).toBe(201);
    const xpOf = async (userId: string) =>
      (await t.rest('GET', `/api/skills/user/${userId}`)).body.skills.find((s: { code: string }) => s.code === 'analytics').xp;
    expect(await xpOf(a.userId)).toBe(40);
    expect(await xpOf(b.userId)).toBe(20);
    expect(await t.db.knex('user_action_log').where({ user_id: a.userId, status: 'succeeded' }).pluck('action_code')).toEqual(['win_chess']);
  });
});

describe('schedules on actions', () => {
  it('closes a market action on a holiday, says when it opens, and an exception opens it for one user', async () => {
    const user = await signUp(t);
    const thanksgiving = '2026-11-26T15:00:00.000Z';
    const closed = await check(user.token, 'place_market_order', `at=${thanksgiving}`);
    expect(closed.body).toMatchObject({ available: false, reason: 'SCHEDULE_CLOSED', nextAvailableAt: '2026-11-27T14:30:00.000Z' });
    const open = await check(user.token, 'place_market_order', 'at=2026-11-24T15:00:00.000Z');
    expect(open.body.available).toBe(true);
    const bySchedule = await t.rest('GET', `/api/schedule/check?actionCode=place_market_order&at=${thanksgiving}`);
    expect(bySchedule.body).toMatchObject({ open: false, nextOpenAt: '2026-11-27T14:30:00.000Z' });

    const exception = await t.rest('POST', '/api/schedule/exception', {
      token: admin.token,
      body: { userId: user.userId, actionCode: 'place_market_order', startsAt: '2026-11-26T14:00:00Z', endsAt: '2026-11-26T16:00:00Z', reason: 'holiday desk' },
    });
    expect(exception.status).toBe(201);
    expect((await check(user.token, 'place_market_order', `at=${thanksgiving}`)).body.available).toBe(true);
    expect((await t.rest('GET', `/api/schedule/check?actionCode=place_market_order&userId=${user.userId}&at=${thanksgiving}`)).body.open).toBe(true);
    expect((await check(user.token, 'place_market_order', 'at=2026-11-26T16:00:00.000Z')).body.available).toBe(false);
    const noScope = await t.rest('POST', '/api/schedule/exception', { token: user.token, body: { userId: user.userId, actionCode: 'place_market_order', startsAt: '2026-11-26T14:00:00Z', endsAt: '2026-11-26T16:00:00Z', reason: 'x' } });
    expect(noScope.status).toBe(403);
    const backwards = await t.rest('POST', '/api/schedule/exception', { token: admin.token, body: { userId: user.userId, actionCode: 'place_market_order', startsAt: '2026-11-26T16:00:00Z', endsAt: '2026-11-26T14:00:00Z', reason: 'x' } });
    expect(backwards.body.error.details.issues[0].path).toBe('body.endsAt');

    // An exception granted with a test key opens the schedule only in the sandbox.
    const sandbox = await developerWithKey(t, { scopes: ['schedule:manage', 'actions:execute'], mode: 'test' });
    const other = await signUp(t);
    const testException = await t.rest('POST', '/api/schedule/exception', {
      token: sandbox.secret,
      body: { userId: other.userId, actionCode: 'place_market_order', startsAt: '2026-11-26T14:00:00Z', endsAt: '2026-11-26T16:00:00Z', reason: 'sandbox' },
    });
    expect(testException.status).toBe(201);
    expect((await check(other.token, 'place_market_order', `at=${thanksgiving}`)).body.available).toBe(false);
    expect((await t.rest('GET', `/api/actions/check/place_market_order?userId=${other.userId}&at=${thanksgiving}`, { token: sandbox.secret })).body.available).toBe(true);

    // Execute now tells the same truth as check now.
    const now = await check(user.token, 'place_market_order');
    const executed = await execute(user.token, { actionCode: 'place_market_order' });
    expect(executed.status).toBe(now.body.available ? 200 : 429);
  });
});

describe('register', () => {
  it('takes the seed’s exact body', async () => {
    const res = await t.rest('POST', '/api/actions/register', {
      token: admin.token,
      body: {
        actionCode: 'solve_puzzle',
        actionName: 'Solve Chess Puzzle',
        actionCategory: 'gaming',
        cooldownSeconds: 0,
        dailyLimit: null,
        effects: [{ effectCode: 'award_xp', effectParams: { skillId: '<development-skill-id>', xpAmount: 50 } }],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ code: 'solve_puzzle', name: 'Solve Chess Puzzle', category: 'gaming', cooldownSeconds: 0, dailyLimit: null, custom: true });
    const user = await signUp(t);
    const solved = await execute(user.token, { actionCode: 'solve_puzzle', params: { puzzleId: 'p1', timeSeconds: 42 } });
    expect(solved.body.effects[0].result).toMatchObject({ skill: 'development', xpAwarded: 50 });
    const dup = await t.rest('POST', '/api/actions/register', { token: admin.token, body: { actionCode: 'solve_puzzle', actionName: 'x', actionCategory: 'gaming', effects: [{ effectCode: 'check_achievements', effectParams: {} }] } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.reason).toBe('ACTION_EXISTS');
  });

  it('names the field of an unknown effect or bad params, and writes nothing', async () => {
    const dev = await signUp(t);
    const skill = (await t.rest('GET', '/api/skills/development')).body.id;
    const body = (effects: unknown[]) => ({ actionCode: 'bad_one', actionName: 'Bad', actionCategory: 'testing', effects });
    const cases: Array<[unknown[], string]> = [
      [[{ effectCode: 'teleport', effectParams: {} }], 'body.effects.0.effectCode'],
      [[{ effectCode: 'award_xp', effectParams: { skillId: skill, xpAmount: -5 } }], 'body.effects.0.effectParams.xpAmount'],
      [[{ effectCode: 'award_xp', effectParams: { skillId: skill } }], 'body.effects.0.effectParams.xpAmount'],
      [[{ effectCode: 'check_achievements', effectParams: {} }, { effectCode: 'award_xp', effectParams: { skillId: 'juggling', xpAmount: 5 } }], 'body.effects.1.effectParams.skillId'],
      [[], 'body.effects'],
    ];
    for (const [effects, path] of cases) {
      const res = await t.rest('POST', '/api/actions/register', { token: admin.token, body: body(effects) });
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe(path);
    }
    expect((await t.rest('POST', '/api/actions/register', { token: dev.token, body: body([{ effectCode: 'check_achievements' }]) })).status).toBe(403);
    expect(await t.db.knex('action_definitions').where({ code: 'bad_one' }).first()).toBeUndefined();
  });

  it('keeps actions a test key registers in the sandbox', async () => {
    const key = await developerWithKey(t, { scopes: ['actions:register', 'actions:execute'], mode: 'test' });
    const res = await t.rest('POST', '/api/actions/register', { token: key.secret, body: { actionCode: `sandbox_${Date.now()}`, actionName: 'Sandbox', actionCategory: 'testing', effects: [{ effectCode: 'award_xp', effectParams: { skill: 'design', xp: 3 } }] } });
    expect(res.status).toBe(201);
    expect((await t.rest('GET', '/api/actions')).body.items.map((a: { code: string }) => a.code)).not.toContain(res.body.code);
    expect((await t.rest('GET', '/api/actions', { token: key.secret })).body.items.map((a: { code: string }) => a.code)).toContain(res.body.code);
    const user = await signUp(t);
    expect((await execute(user.token, { actionCode: res.body.code })).status).toBe(404);
    expect((await execute(key.secret, { actionCode: res.body.code, userId: user.userId })).status).toBe(200);
    expect((await t.rest('GET', `/api/skills/user/${user.userId}`)).body.totalXp).toBe(0);
    // The sandbox's code does not take the code from live callers, nor may anyone take a platform code.
    const live = await t.rest('POST', '/api/actions/register', { token: admin.token, body: { actionCode: res.body.code, actionName: 'Live twin', actionCategory: 'testing', effects: [{ effectCode: 'check_achievements' }] } });
    expect(live.status).toBe(201);
    expect((await execute(user.token, { actionCode: res.body.code })).body.effects.map((e: { effectCode: string }) => e.effectCode)).toEqual(['check_achievements']);
    const platform = await t.rest('POST', '/api/actions/register', { token: key.secret, body: { actionCode: 'vote_like', actionName: 'Mine', actionCategory: 'testing', effects: [{ effectCode: 'check_achievements' }] } });
    expect(platform.status).toBe(409);
  });
});

describe('effects', () => {
  it('count streaks in the user’s days, award credits, emit custom events and grant coupons', async () => {
    const campaign = await t.rest('POST', '/api/mailer/campaigns', {
      token: admin.token,
      body: { name: 'Streak reward', period: 'one_off', startsAt: new Date(Date.now() - 3600_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), benefits: [{ type: 'xp_grant', skill: 'writing', xp: 83 }] },
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const action = await registerAction({
      effects: [
        { effectCode: 'streak', effectParams: { streak: 'writing_days' } },
        { effectCode: 'award_credits', effectParams: { amount: 15 } },
        { effectCode: 'emit_event', effectParams: { name: 'page.written', payload: { words: 500 } } },
        { effectCode: 'grant_coupon', effectParams: { campaignId: campaign.body.id } },
        { effectCode: 'unlock_achievement', effectParams: { achievement: 'jack_of_all_trades' } },
      ],
    });
    const user = await signUp(t);
    const first = await execute(user.token, { actionCode: action.code });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const [streak, credits, event, coupon, unlock] = first.body.effects;
    expect(streak.result).toMatchObject({ streak: 'writing_days', current: 1, longest: 1 });
    expect(credits.result).toEqual({ amount: 15, balance: 15 });
    expect(event.result.name).toBe('page.written');
    expect(unlock.result.achievement.code).toBe('jack_of_all_trades');
    // Yesterday's step makes today the second day in a row; a gap starts again.
    await t.db.knex('user_streaks').where({ user_id: user.userId }).update({ last_day: t.db.knex.raw(`last_day - 1`) });
    const second = await execute(user.token, { actionCode: action.code });
    expect(second.body.effects[0].result).toMatchObject({ current: 2, longest: 2 });
    expect(second.body.effects[1].result.balance).toBe(30);
    expect(second.body.effects[4].status).toBe('skipped');
    await t.db.knex('user_streaks').where({ user_id: user.userId }).update({ last_day: t.db.knex.raw(`last_day - 3`) });
    expect((await execute(user.token, { actionCode: action.code })).body.effects[0].result).toMatchObject({ current: 1, longest: 2 });
    // The granted code redeems like a printed one.
    const redeemed = await t.rest('POST', '/api/mailer/redeem', { token: user.token, body: { code: coupon.result.code } });
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    const custom = await t.db.knex('events').where({ user_id: user.userId, type: 'action.custom' }).first('data');
    expect(custom.data).toMatchObject({ name: 'page.written', payload: { words: 500 }, actionCode: action.code });
  });
});

describe('history and stats', () => {
  it('list a user’s executions newest first with their effects, and count them per action and per day', async () => {
    const user = await signUp(t);
    for (const actionCode of ['comment', 'like_post', 'follow_user']) await execute(user.token, { actionCode });
    await execute(user.token, { actionCode: 'comment' }); // refused: cooldown
    const page1 = await t.rest('GET', '/api/actions/history?limit=2', { token: user.token });
    expect(page1.body.items.map((i: { actionCode: string; status: string }) => [i.actionCode, i.status])).toEqual([
      ['comment', 'failed'],
      ['follow_user', 'succeeded'],
    ]);
    expect(page1.body.items[0].reason).toBe('COOLDOWN');
    expect(page1.body.items[1].effects[0]).toMatchObject({ effectCode: 'award_xp', status: 'applied' });
    const page2 = await t.rest('GET', `/api/actions/history?limit=2&cursor=${page1.body.nextCursor}`, { token: user.token });
    expect(page2.body.items.map((i: { actionCode: string }) => i.actionCode)).toEqual(['like_post', 'comment']);
    expect(page2.body.nextCursor).toBeNull();
    const onlyComments = await t.rest('GET', '/api/actions/history?actionCode=comment', { token: user.token });
    expect(onlyComments.body.items).toHaveLength(2);
    const stats = await t.rest('GET', '/api/actions/stats', { token: user.token });
    expect(stats.body).toMatchObject({ total: 3, today: 3, failed: 1, timezone: 'UTC' });
    expect(stats.body.byAction.map((a: { actionCode: string; count: number }) => [a.actionCode, a.count])).toEqual([
      ['comment', 1],
      ['follow_user', 1],
      ['like_post', 1],
    ]);
    expect(stats.body.perDay).toHaveLength(30);
    expect(stats.body.perDay.at(-1).count).toBe(3);
    expect((await t.rest('GET', '/api/actions/history')).status).toBe(401);
  });
});
