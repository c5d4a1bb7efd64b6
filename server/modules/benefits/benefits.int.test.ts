// Benefits service on a real database: boosts (how they combine and queue), free actions (spent
// exactly once under parallel transactions, given back on rollback), the inventory and the
// not-yet-wired XP grant seam.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceTest, createTestApp, type TestApp } from '../../testing/harness';
import { signUp } from '../../testing/factories';
import * as benefits from './service';
import { awardBoostedXp } from '../skills/service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;

describe('XP boosts', () => {
  it('applies the highest running boost for all skills or the skill, and none outside its window', async () => {
    const { userId } = await signUp(t);
    const at = new Date('2026-12-01T10:00:00.000Z');
    const knex = t.db.knex;
    expect(await benefits.activeXpMultiplier(knex, { userId, skill: 'fishing', at })).toBe(1);

    await knex.transaction(async (trx) => {
      await benefits.grantXpBoost(trx, { userId, multiplier: 2, hours: 24, source: 'test', at });
      await benefits.grantXpBoost(trx, { userId, multiplier: 5, hours: 1, skill: 'fishing', source: 'test', at });
    });
    expect(await benefits.activeXpMultiplier(knex, { userId, skill: 'fishing', at })).toBe(5);
    expect(await benefits.activeXpMultiplier(knex, { userId, skill: 'cooking', at })).toBe(2);
    const later = new Date(at.getTime() + 2 * HOUR);
    expect(await benefits.activeXpMultiplier(knex, { userId, skill: 'fishing', at: later })).toBe(2);
    expect(await benefits.activeXpMultiplier(knex, { userId, skill: 'fishing', at: new Date(at.getTime() + 24 * HOUR) })).toBe(1);
    expect(await benefits.activeXpMultiplier(knex, { userId, skill: 'fishing', at: new Date(at.getTime() - 1) })).toBe(1);
  });

  it('multiply an award in its own statement as JavaScript would, by the skill’s boost at the instant', async () => {
    // 50 × 1.14 is 56.99999999999999 in double precision: 56 XP (exact decimals would give 57).
    const { userId } = await signUp(t);
    const at = new Date('2026-12-01T10:00:00.000Z');
    await t.db.knex.transaction((trx) => benefits.grantXpBoost(trx, { userId, multiplier: 1.14, hours: 1, skill: 'development', source: 'test', at }));
    const award = (skill: string, when: Date) =>
      t.db.knex.transaction((trx) =>
        awardBoostedXp(trx, t.platform.events, { mode: 'live', userId, skill, xp: 50, reason: 'test', source: { kind: 'action', id: null } }, when),
      );
    expect(await award('development', at)).toMatchObject({ xpAwarded: Math.floor(50 * 1.14), multiplier: 1.14 });
    expect(await award('design', at)).toMatchObject({ xpAwarded: 50, multiplier: 1 });
    expect(await award('development', new Date(at.getTime() + HOUR))).toMatchObject({ xpAwarded: 50, multiplier: 1 });
    expect(await t.db.knex('xp_gain_log').where({ user_id: userId }).orderBy('created_at').pluck('xp_requested')).toEqual([56, 50, 50]);
  });

  raceTest('queues an identical boost after the running one instead of overlapping it', async () => {
    const { userId } = await signUp(t);
    const at = new Date('2026-12-02T10:00:00.000Z');
    const [first, second] = await Promise.all([
      t.db.knex.transaction((trx) => benefits.grantXpBoost(trx, { userId, multiplier: 2, hours: 24, source: 'a', at })),
      t.db.knex.transaction((trx) => benefits.grantXpBoost(trx, { userId, multiplier: 2, hours: 24, source: 'b', at })),
    ]);
    const [early, late] = [first!, second!].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
    expect(early!.startsAt.toISOString()).toBe(at.toISOString());
    expect(late!.startsAt.toISOString()).toBe(early!.endsAt.toISOString());
    expect(late!.active).toBe(false);
    expect(late!.secondsLeft).toBe(48 * 3600);

    const inv = await benefits.inventory(t.db.knex, userId, at);
    expect(inv.activeBoosts.map((b) => b.active)).toEqual([true, false]);
    expect(await benefits.activeXpMultiplier(t.db.knex, { userId, skill: 'x', at: new Date(at.getTime() + 30 * HOUR) })).toBe(2);
  });

  it('refuses a multiplier outside (1, 10] at the database too', async () => {
    const { userId } = await signUp(t);
    const grant = (multiplier: number) =>
      t.db.knex.transaction((trx) => benefits.grantXpBoost(trx, { userId, multiplier, hours: 1, source: 'test' }));
    await expect(grant(50)).rejects.toThrow(/user_xp_boosts_multiplier_check/);
    await expect(grant(1)).rejects.toThrow(/user_xp_boosts_multiplier_check/);
    await expect(grant(10)).resolves.toMatchObject({ multiplier: 10 });
  });
});

describe('free actions', () => {
  raceTest('spends exactly the granted uses under 10 parallel transactions', async () => {
    const { userId } = await signUp(t);
    await t.db.knex.transaction(async (trx) => {
      await benefits.grantFreeActions(trx, { userId, actionCode: 'cast_vote', uses: 2, source: 'a' });
      await benefits.grantFreeActions(trx, { userId, actionCode: 'cast_vote', uses: 1, source: 'b' });
    });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        t.db.knex.transaction((trx) => benefits.consumeFreeAction(trx, { userId, actionCode: 'cast_vote' })),
      ),
    );
    const spent = results.filter((r) => r.status === 'fulfilled' && r.value === true).length;
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(spent).toBe(3);
    expect((await benefits.inventory(t.db.knex, userId)).freeActions).toEqual([]);
    expect(await t.db.knex.transaction((trx) => benefits.consumeFreeAction(trx, { userId, actionCode: 'cast_vote' }))).toBe(false);
  });

  it('gives the use back when the caller’s transaction rolls back', async () => {
    const { userId } = await signUp(t);
    await t.db.knex.transaction((trx) => benefits.grantFreeActions(trx, { userId, actionCode: 'post', uses: 1, source: 'a' }));
    await expect(
      t.db.knex.transaction(async (trx) => {
        expect(await benefits.consumeFreeAction(trx, { userId, actionCode: 'post' })).toBe(true);
        throw new Error('execution failed later');
      }),
    ).rejects.toThrow('execution failed later');
    expect((await benefits.inventory(t.db.knex, userId)).freeActions).toEqual([{ actionCode: 'post', usesLeft: 1 }]);
  });

  it('keeps grants per action and per user', async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    await t.db.knex.transaction(async (trx) => {
      await benefits.grantFreeActions(trx, { userId: a.userId, actionCode: 'post', uses: 5, source: 's' });
      await benefits.grantFreeActions(trx, { userId: a.userId, actionCode: 'cast_vote', uses: 10, source: 's' });
    });
    expect(await t.db.knex.transaction((trx) => benefits.consumeFreeAction(trx, { userId: b.userId, actionCode: 'post' }))).toBe(false);
    expect(await t.db.knex.transaction((trx) => benefits.consumeFreeAction(trx, { userId: a.userId, actionCode: 'post' }))).toBe(true);
    expect((await benefits.inventory(t.db.knex, a.userId)).freeActions).toEqual([
      { actionCode: 'cast_vote', usesLeft: 10 },
      { actionCode: 'post', usesLeft: 4 },
    ]);
  });
});

describe('XP grants', () => {
  it('award XP through the skills service on the caller’s transaction', async () => {
    const { userId } = await signUp(t);
    const applied = await t.db.knex.transaction((trx) =>
      benefits.applyBenefit(trx, t.platform.events, userId, { type: 'xp_grant', skill: 'development', xp: 1154 }, 'coupon test'),
    );
    expect(applied).toEqual({ type: 'xp_grant', skill: 'development', xp: 1154 });
    const progress = await t.rest('GET', `/api/skills/user/${userId}`);
    expect(progress.body.skills.find((s: { code: string }) => s.code === 'development')).toMatchObject({ xp: 1154, level: 10 });
    expect(await t.db.knex('xp_gain_log').where({ user_id: userId }).pluck('source_kind')).toEqual(['benefit']);
  });

  it('roll the caller back with everything else when the skill is unknown', async () => {
    const { userId } = await signUp(t);
    await expect(
      t.db.knex.transaction(async (trx) => {
        await benefits.applyBenefit(trx, t.platform.events, userId, { type: 'free_action', actionCode: 'post', uses: 1 }, 'test');
        await benefits.applyBenefit(trx, t.platform.events, userId, { type: 'xp_grant', skill: 'fishing', xp: 100 }, 'test');
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', details: { resource: 'skill' } });
    expect((await benefits.inventory(t.db.knex, userId)).freeActions).toEqual([]);
  });
});
