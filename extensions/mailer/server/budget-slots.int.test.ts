// The campaign counter spread over slot rows (budget-slots.ts): how a budget is split, the count
// through both doors, exactly the budget under parallel redemptions of distinct codes, no refusal
// while a held slot may still be rolled back, no wait on a slot another redemption holds, and the
// migration carrying counts over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../../server/testing/harness';
import { signUp } from '../../../server/testing/factories';
import { claimBudgetSlot, SLOTS } from './budget-slots';
import * as migration from '../migrations/mailer_20261209005101_budget_slots';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp({ CALOS_COUPON_MAX_PER_IP: '100000', CALOS_COUPON_MAX_PER_USER: '1000' });
  admin = await signUp(t);
  await t.db.knex('users').where({ id: admin.userId }).update({ role: 'admin' });
});
afterAll(() => t.close());

async function campaign(maxRedemptions?: number) {
  const res = await t.rest('POST', '/api/mailer/campaigns', {
    token: admin.token,
    body: {
      name: 'Slots',
      period: 'one_off',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      benefits: [{ type: 'free_action', actionCode: 'cast_vote', uses: 1 }],
      ...(maxRedemptions ? { maxRedemptions } : {}),
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const codes = async (campaignId: string, count: number) =>
  (await t.rest('POST', '/api/mailer/coupons', { token: admin.token, body: { campaignId, count } })).body.codes as string[];
const slots = (campaignId: string) =>
  t.db.knex('mailer_budget_slots').where({ campaign_id: campaignId }).orderBy('slot').select('slot', 'cap', 'used') as Promise<
    Array<{ slot: number; cap: number | null; used: number }>
  >;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** `count` redemptions of distinct codes at once, by 10 users in turn. */
async function redeemAll(campaignId: string, count: number) {
  const users = await Promise.all(Array.from({ length: 10 }, () => signUp(t)));
  const list = await codes(campaignId, count);
  return Promise.all(list.map((code, i) => t.rest('POST', '/api/mailer/redeem', { token: users[i % 10]!.token, body: { code } })));
}

describe('budget slots', () => {
  it('split a budget over the slots, at most one slot per redemption of it, and count for no budget', async () => {
    const big = await slots(await campaign(45));
    expect(big).toHaveLength(SLOTS);
    expect(sum(big.map((s) => s.cap!))).toBe(45);
    expect(big.every((s) => s.cap === 1 || s.cap === 2)).toBe(true);
    const small = await slots(await campaign(5));
    expect(small.map((s) => s.cap)).toEqual([1, 1, 1, 1, 1]);
    const none = await campaign();
    expect((await slots(none)).every((s) => s.cap === null)).toBe(true);

    const user = await signUp(t);
    const [code] = await codes(none, 1);
    expect((await t.rest('POST', '/api/mailer/redeem', { token: user.token, body: { code } })).status).toBe(200);
    expect((await t.rest('GET', `/api/mailer/campaigns/${none}`, { token: admin.token })).body.redemptionsCount).toBe(1);
    const viaTrpc = await t.caller({ token: admin.token }).mailer.campaign({ campaignId: none });
    expect(viaTrpc.redemptionsCount).toBe(1);
    const listed = await t.rest('GET', '/api/mailer/campaigns?limit=100', { token: admin.token });
    expect(listed.body.items.find((c: { id: string }) => c.id === none).redemptionsCount).toBe(1);
  });

  it('carry the counts over in the migration (down, then up)', async () => {
    const budgeted = await campaign(10);
    const unbudgeted = await campaign();
    await redeemAll(budgeted, 3);
    await redeemAll(unbudgeted, 2);
    await migration.down(t.db.knex);
    const counts = await t.db.knex('mailer_campaigns').whereIn('id', [budgeted, unbudgeted]).select('id', 'redemptions_count');
    expect(Object.fromEntries(counts.map((c) => [c.id, c.redemptions_count]))).toEqual({ [budgeted]: 3, [unbudgeted]: 2 });
    await migration.up(t.db.knex);
    const after = await slots(budgeted);
    expect([sum(after.map((s) => s.cap!)), sum(after.map((s) => s.used))]).toEqual([10, 3]);
    expect(after).toHaveLength(7); // the 7 left, one per slot; slot 0 also carries the 3 used
    const none = await slots(unbudgeted);
    expect([none.length, sum(none.map((s) => s.used)), none.every((s) => s.cap === null)]).toEqual([SLOTS, 2, true]);
    // And the budget still holds: 7 more, then none.
    const results = await redeemAll(budgeted, 9);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
  }, 60_000);

  raceTest('hand out exactly the budget under 50 parallel redemptions of distinct codes', async () => {
    const c = await campaign(40);
    const results = await redeemAll(c, 50);
    expect(results.filter((r) => r.status === 200)).toHaveLength(40);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => `${r.status} ${r.body.error.details.reason}`)).toEqual(Array(10).fill('409 CAMPAIGN_EXHAUSTED'));
    expect((await t.rest('GET', `/api/mailer/campaigns/${c}`, { token: admin.token })).body.redemptionsCount).toBe(40);
    expect((await slots(c)).every((s) => s.used === s.cap)).toBe(true);
  }, 60_000);

  raceTest('count every redemption of a campaign with no budget under 40 parallel ones', async () => {
    const c = await campaign();
    const results = await redeemAll(c, 40);
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(sum((await slots(c)).map((s) => s.used))).toBe(40);
  }, 60_000);

  raceTest('do not wait on a slot another redemption holds, and do not refuse while a held slot may roll back', async () => {
    const c = await campaign(2); // two slots of 1
    const first = await t.db.knex.transaction();
    const second = await t.db.knex.transaction();
    const third = await t.db.knex.transaction();
    try {
      expect(await claimBudgetSlot(first, c)).toBe(true);
      // Not queued behind `first`: it takes the other slot while `first` is still open.
      expect(await claimBudgetSlot(second, c)).toBe(true);
      // The budget is held in full but not spent: the third waits rather than being refused...
      let settled = false;
      const waiting = claimBudgetSlot(third, c).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(settled).toBe(false);
      // ...and gets the slot `first` gives back. (It waits on the held slots in a random order, so
      // it may be queued behind `second` too: that one ends as well, spending its own slot.)
      await first.rollback();
      await second.commit();
      expect(await waiting).toBe(true);
      await third.commit();
    } finally {
      for (const trx of [first, second, third]) if (!trx.isCompleted()) await trx.rollback();
    }
    expect(await t.db.knex.transaction((trx) => claimBudgetSlot(trx, c))).toBe(false);
    expect(sum((await slots(c)).map((s) => s.used))).toBe(2);
  }, 30_000);
});
