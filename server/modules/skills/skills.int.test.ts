// Skills and progression through both doors: the catalogue, who may award XP, caps, levels and
// events, achievements once, Idempotency-Key, parallel awards, and leaderboards with exact ranks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceTest, createTestApp, type TestApp } from '../../testing/harness';
import { developerWithKey, operatorKey, signUp, signUpAdmin } from '../../testing/factories';
import { foldBucketDeltas } from './service';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
});
afterAll(async () => {
  await t.close();
});

const award = (body: Record<string, unknown>, token = admin.token, headers: Record<string, string> = {}) =>
  t.rest('POST', '/api/skills/award-xp', { token, body, headers });

const eventsOf = (userId: string, type: string) =>
  t.db.knex('events').where({ user_id: userId, type }).orderBy('sequence').pluck('data');

describe('the skill catalogue', () => {
  it('lists the 10 skills of the original system', async () => {
    const res = await t.rest('GET', '/api/skills');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { code: string }) => s.code)).toEqual([
      'voting', 'creativity', 'development', 'trading', 'security', 'social', 'analytics', 'marketing', 'design', 'writing',
    ]);
    expect(res.body.items[0]).toMatchObject({ name: 'Voting', maxLevel: 99, icon: expect.any(String), description: expect.any(String) });
  });

  it('gives one skill by code or id, with the XP of levels 1–99', async () => {
    const byCode = await t.rest('GET', '/api/skills/development');
    expect(byCode.status).toBe(200);
    expect(byCode.body.levels).toHaveLength(99);
    expect(byCode.body.levels[1]).toEqual({ level: 2, xp: 83 });
    expect(byCode.body.levels[98]).toEqual({ level: 99, xp: 13_034_431 });
    const byId = await t.rest('GET', `/api/skills/${byCode.body.id}`);
    expect(byId.body.code).toBe('development');
    const missing = await t.rest('GET', '/api/skills/juggling');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', details: { resource: 'skill' } });
  });
});

describe('award-xp', () => {
  it('is for administrators and API keys with skills:award, never for a user on their own', async () => {
    const user = await signUp(t);
    const body = { userId: user.userId, skill: 'voting', xp: 10 };
    expect((await t.rest('POST', '/api/skills/award-xp', { body })).status).toBe(401);
    const self = await award(body, user.token);
    expect(self.status).toBe(403);
    expect(self.body.error.details).toMatchObject({ requiredScope: 'skills:award' });
    const wrongScope = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    expect((await award(body, wrongScope.secret)).status).toBe(403);
    const key = await operatorKey(t, ['skills:award']);
    const viaKey = await award(body, key.secret);
    expect(viaKey.status).toBe(200);
    expect(viaKey.body).toMatchObject({ userId: user.userId, skill: 'voting', xp: 10, xpAwarded: 10, level: 1 });
    expect((await award(body)).body.xp).toBe(20);
    const log = await t.db.knex('xp_gain_log').where({ user_id: user.userId }).orderBy('created_at');
    expect(log.map((l) => l.source_kind)).toEqual(['api_key', 'admin']);
    expect(await t.db.knex('users').where({ id: user.userId }).first('role')).toEqual({ role: 'user' });
  });

  it('refuses bad XP, unknown skills and unknown users, and writes nothing', async () => {
    const user = await signUp(t);
    for (const xp of [0, -5, 1.5, 200_000_001, 1e12, '100', true, null]) {
      const res = await award({ userId: user.userId, skill: 'voting', xp });
      expect(res.status, `xp ${xp}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path).toBe('body.xp');
    }
    const unknownSkill = await award({ userId: user.userId, skill: 'juggling', xp: 5 });
    expect(unknownSkill.status).toBe(404);
    expect(unknownSkill.body.error.details.resource).toBe('skill');
    const unknownUser = await award({ userId: '00000000-0000-4000-8000-000000000000', skill: 'voting', xp: 5 });
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.body.error.details.resource).toBe('user');
    expect((await award({ userId: 'not-a-uuid', skill: 'voting', xp: 5 })).body.error.details.issues[0].path).toBe('body.userId');
    expect((await award({ userId: user.userId, skill: 'voting', xp: 5, extra: 1 })).status).toBe(400);
    expect(await t.db.knex('user_skills').where({ user_id: user.userId })).toEqual([]);
    expect(await t.db.knex('xp_gain_log').where({ user_id: user.userId })).toEqual([]);
  });

  it('levels up, emits xp.awarded, one level.up per level and achievement.unlocked', async () => {
    const user = await signUp(t);
    const res = await award({ userId: user.userId, skill: 'voting', xp: 1154, reason: 'welcome' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ xp: 1154, level: 10, levelsGained: 9 });
    expect(res.body.achievementsUnlocked.map((a: { code: string }) => a.code)).toEqual(['voting_apprentice']);
    expect(await eventsOf(user.userId, 'xp.awarded')).toEqual([
      { userId: user.userId, skill: 'voting', xpAwarded: 1154, xp: 1154, level: 10, reason: 'welcome' },
    ]);
    expect((await eventsOf(user.userId, 'level.up')).map((e) => e.level)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await eventsOf(user.userId, 'achievement.unlocked')).map((e) => e.achievement)).toEqual(['voting_apprentice']);
    // Once only: more XP unlocks nothing again.
    const again = await award({ userId: user.userId, skill: 'voting', xp: 1 });
    expect(again.body.achievementsUnlocked).toEqual([]);
    expect(await eventsOf(user.userId, 'achievement.unlocked')).toHaveLength(1);
  });

  it('caps a skill at 200,000,000 XP and level 99', async () => {
    const user = await signUp(t);
    const first = await award({ userId: user.userId, skill: 'security', xp: 199_999_990 });
    expect(first.body).toMatchObject({ level: 99, levelsGained: 98 });
    expect(first.body.achievementsUnlocked.map((a: { code: string }) => a.code)).toEqual(['security_expert', 'legendary_hacker']);
    const over = await award({ userId: user.userId, skill: 'security', xp: 50 });
    expect(over.body).toMatchObject({ xp: 200_000_000, xpAwarded: 10, level: 99, levelsGained: 0 });
    const atCap = await award({ userId: user.userId, skill: 'security', xp: 50 });
    expect(atCap.body).toMatchObject({ xp: 200_000_000, xpAwarded: 0 });
    const progress = await t.rest('GET', `/api/skills/user/${user.userId}`);
    expect(progress.body.totalXp).toBe(200_000_000);
    expect(progress.body.totalLevel).toBe(99 + 9);
  });

  raceTest('adds up 50 parallel awards to one user and skill exactly, and unlocks each achievement once', async () => {
    const user = await signUp(t);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => award({ userId: user.userId, skill: 'development', xp: 100 })),
    );
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0));
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    const progress = await t.rest('GET', `/api/skills/user/${user.userId}`);
    expect(progress.body.skills.find((s: { code: string }) => s.code === 'development')).toMatchObject({ xp: 5000, level: 20 });
    expect(progress.body.totalXp).toBe(5000);
    expect(progress.body.totalLevel).toBe(20 + 9);
    expect((await eventsOf(user.userId, 'level.up')).map((e) => e.level)).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
    // Code Warrior (Development 25) is not reached at level 20; crossing Jack of All Trades' bar is.
    expect(await eventsOf(user.userId, 'achievement.unlocked')).toEqual([]);
    const more = await Promise.all(Array.from({ length: 20 }, () => award({ userId: user.userId, skill: 'development', xp: 200 })));
    expect(more.every((r) => r.status === 200)).toBe(true);
    expect((await eventsOf(user.userId, 'achievement.unlocked')).map((e) => e.achievement)).toEqual(['code_warrior']);
  });

  it('honours Idempotency-Key: a retry replays the first answer and adds nothing', async () => {
    const user = await signUp(t);
    const body = { userId: user.userId, skill: 'trading', xp: 300 };
    const headers = { 'idempotency-key': `award-${user.userId}` };
    const first = await award(body, admin.token, headers);
    const retry = await award(body, admin.token, headers);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const otherBody = await award({ ...body, xp: 301 }, admin.token, headers);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.details.reason).toBe('IDEMPOTENCY_KEY_REUSED');
    const progress = await t.rest('GET', `/api/skills/user/${user.userId}`);
    expect(progress.body.skills.find((s: { code: string }) => s.code === 'trading').xp).toBe(300);
    // The tRPC door shares the key store.
    const caller = t.caller({ token: admin.token, idempotencyKey: `award-${user.userId}` });
    expect(await caller.skills.awardXp(body)).toMatchObject({ xp: first.body.xp });
    expect((await award(body, admin.token, { 'idempotency-key': ' ' })).status).toBe(400);
  });

  raceTest('runs 10 parallel awards with one Idempotency-Key once: the rest replay it or are told it is in use', async () => {
    const user = await signUp(t);
    const body = { userId: user.userId, skill: 'trading', xp: 300 };
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => award(body, admin.token, { 'idempotency-key': `parallel-${user.userId}` })),
    );
    const ok = parallel.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(parallel.every((r) => r.status === 200 || (r.status === 409 && r.body.error.details.reason === 'IDEMPOTENCY_KEY_IN_USE'))).toBe(true);
    expect(ok.map((r) => r.body)).toEqual(ok.map(() => ok[0]!.body));
    const progress = await t.rest('GET', `/api/skills/user/${user.userId}`);
    expect(progress.body.skills.find((s: { code: string }) => s.code === 'trading').xp).toBe(300);
  });

  it('keeps test-mode awards off the live boards', async () => {
    const user = await signUp(t);
    const testKey = await developerWithKey(t, { scopes: ['skills:award'], mode: 'test' });
    const res = await award({ userId: user.userId, skill: 'creativity', xp: 500 }, testKey.secret);
    expect(res.status).toBe(200);
    expect((await t.rest('GET', `/api/skills/user/${user.userId}`)).body.totalXp).toBe(0);
    const sandbox = await t.rest('GET', `/api/skills/user/${user.userId}`, { token: testKey.secret });
    expect(sandbox.body.totalXp).toBe(500);
    const live = await t.rest('GET', '/api/skills/leaderboard?skill=creativity');
    expect(live.body.items.map((e: { userId: string }) => e.userId)).not.toContain(user.userId);
  });
});

describe('a user’s progress', () => {
  it('shows every skill with level progress, totals and locked and unlocked achievements', async () => {
    const user = await signUp(t);
    await award({ userId: user.userId, skill: 'writing', xp: 100 });
    const res = await t.rest('GET', `/api/skills/user/${user.userId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: user.userId, username: user.account.username, totalLevel: 11, totalXp: 100 });
    expect(res.body.skills).toHaveLength(10);
    const writing = res.body.skills.find((s: { code: string }) => s.code === 'writing');
    expect(writing).toMatchObject({ xp: 100, level: 2, xpToNextLevel: 74 });
    expect(writing.progress).toBeCloseTo(17 / 91);
    expect(res.body.achievements).toHaveLength(12);
    expect(res.body.achievements.every((a: { unlocked: boolean }) => !a.unlocked)).toBe(true);
    expect((await t.rest('GET', '/api/skills/user/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('leaderboards', () => {
  it('rank by XP, break ties by who got there first, page by cursor, and centre on a user', async () => {
    // No background workers: the leaderboard moves stay unfolded until the test folds them.
    const t2 = await createTestApp({ CALOS_WORKERS: 'false' });
    try {
      const op = await signUpAdmin(t2);
      const give = (userId: string, xp: number, skill = 'analytics') =>
        t2.rest('POST', '/api/skills/award-xp', { token: op.token, body: { userId, skill, xp } });
      // 30 users: XP 1000, 2000, … ; users 5 and 6 tie at 5000, 5 reached it first.
      const users: Array<{ userId: string; xp: number }> = [];
      for (let i = 1; i <= 30; i++) {
        const u = await signUp(t2);
        const xp = i === 6 ? 5000 : i * 1000;
        await give(u.userId, xp);
        users.push({ userId: u.userId, xp });
      }
      const expected = [...users].sort((a, b) => b.xp - a.xp || users.indexOf(a) - users.indexOf(b)).map((u) => u.userId);

      const seen: string[] = [];
      let cursor: string | null = null;
      let ranks: number[] = [];
      do {
        const res = await t2.rest('GET', `/api/skills/leaderboard?skill=analytics&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((e: { userId: string }) => e.userId));
        ranks = ranks.concat(res.body.items.map((e: { rank: number }) => e.rank));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
      // The tie at 5000: user 5 got there first, so ranks above user 6.
      expect(seen.indexOf(users[4]!.userId)).toBe(seen.indexOf(users[5]!.userId) - 1);
      expect(ranks).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

      const target = users[5]!.userId; // the later of the tie: rank 26
      const around = await t2.rest('GET', `/api/skills/leaderboard?skill=analytics&around=${target}`);
      expect(around.body.you).toMatchObject({ userId: target, rank: expected.indexOf(target) + 1, xp: 5000, level: 20 });
      expect(around.body.items.map((e: { userId: string }) => e.userId)).toEqual(expected.slice(15, 30));
      expect(around.body.items.map((e: { rank: number }) => e.rank)).toEqual(Array.from({ length: 15 }, (_, i) => i + 16));
      expect(around.body.nextCursor).toBeNull();
      const top = users[29]!.userId;
      const aroundTop = await t2.rest('GET', `/api/skills/leaderboard?skill=analytics&around=${top}`);
      expect(aroundTop.body.items.map((e: { rank: number }) => e.rank)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
      expect(aroundTop.body.nextCursor).not.toBeNull();

      // Ranks stay exact after users move between buckets.
      await give(users[0]!.userId, 100_000);
      const moved = await t2.rest('GET', `/api/skills/leaderboard?skill=analytics&around=${users[0]!.userId}`);
      expect(moved.body.you.rank).toBe(1);
      const second = await t2.rest('GET', `/api/skills/leaderboard?skill=analytics&around=${top}`);
      expect(second.body.you.rank).toBe(2);

      // Folding the appended moves into the counts changes no rank.
      const before = (await t2.rest('GET', '/api/skills/leaderboard?skill=analytics&limit=100')).body.items;
      expect(Number((await t2.db.knex('leaderboard_bucket_deltas').count({ n: '*' }).first())!.n)).toBeGreaterThan(0);
      expect(await foldBucketDeltas(t2.db.knex)).toBeGreaterThan(0);
      expect(Number((await t2.db.knex('leaderboard_bucket_deltas').count({ n: '*' }).first())!.n)).toBe(0);
      for (const entry of before.slice(0, 8)) {
        const res = await t2.rest('GET', `/api/skills/leaderboard?skill=analytics&around=${entry.userId}`);
        expect(res.body.you.rank).toBe(entry.rank);
      }

      // The total board ranks by total level, then total XP.
      await give(users[1]!.userId, 83, 'design'); // +1 total level
      const total = await t2.rest('GET', `/api/skills/leaderboard?skill=total&around=${users[1]!.userId}`);
      const totalTop = await t2.rest('GET', '/api/skills/leaderboard?skill=total&limit=100');
      const order = totalTop.body.items.map((e: { userId: string }) => e.userId);
      expect(total.body.you.rank).toBe(order.indexOf(users[1]!.userId) + 1);
      const levels = totalTop.body.items.map((e: { level: number; xp: number }) => [e.level, e.xp]);
      expect([...levels].sort((a, b) => b[0] - a[0] || b[1] - a[1])).toEqual(levels);
      for (const entry of totalTop.body.items) {
        const res = await t2.rest('GET', `/api/skills/leaderboard?skill=total&around=${entry.userId}`);
        expect(res.body.you.rank).toBe(entry.rank);
      }

      const nobody = await signUp(t2);
      const absent = await t2.rest('GET', `/api/skills/leaderboard?skill=analytics&around=${nobody.userId}`);
      expect(absent.body).toMatchObject({ items: [], you: null });
      expect((await t2.rest('GET', '/api/skills/leaderboard?skill=juggling')).status).toBe(404);
      const badCursor = await t2.rest('GET', '/api/skills/leaderboard?skill=analytics&cursor=abc');
      expect(badCursor.status).toBe(400);
      expect((await t2.rest('GET', '/api/skills/leaderboard?limit=101')).status).toBe(400);
      // The tRPC door serves the same board.
      const viaTrpc = await t2.caller().skills.leaderboard({ skill: 'analytics', limit: 3 });
      const viaRest = await t2.rest('GET', '/api/skills/leaderboard?skill=analytics&limit=3');
      expect(viaTrpc.items.map((e) => e.userId)).toEqual(viaRest.body.items.map((e: { userId: string }) => e.userId));
      expect(viaTrpc.items[0]!.userId).toBe(users[0]!.userId);
    } finally {
      await t2.close();
    }
  });
});
