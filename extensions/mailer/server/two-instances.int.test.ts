// Exactly-once redemption across processes: 50 parallel redemptions split over two server
// instances on one PostgreSQL hand out exactly usesPerCode uses and never pass the budget, nor stop
// short of it (a budget over the campaign's slot rows, server/budget-slots.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKind, newAccount } from '../../../server/testing/harness';
import { freePort, startServer, waitUntilReady, type ServerProcess } from '../../../server/testing/server-process';

const started: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop('SIGKILL')));
});

async function call(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// Two processes cannot share a PGlite data folder, so this runs on PostgreSQL.
describe.runIf(dbKind() === 'postgres')('two instances on one PostgreSQL', () => {
  it('redeems a code exactly usesPerCode times and keeps the budget under 50 parallel requests', async () => {
    const db = await createTestDatabase();
    await db.close();
    const adminAccount = newAccount();
    const env = {
      DATABASE_URL: db.url!,
      CALOS_ADMIN_USERNAME: adminAccount.username,
      CALOS_ADMIN_EMAIL: adminAccount.email,
      CALOS_ADMIN_PASSWORD: adminAccount.password,
      CALOS_COUPON_MAX_PER_IP: '100000',
      CALOS_COUPON_SECRET: 'two-instances-test-coupon-secret-0123456789',
    };
    const a = startServer(await freePort(), env);
    const b = startServer(await freePort(), env);
    started.push(a, b);
    await Promise.all([waitUntilReady(a), waitUntilReady(b)]);

    const login = await call(`${a.url}/api/auth/login`, 'POST', { login: adminAccount.username, password: adminAccount.password });
    expect(login.status).toBe(200);
    const admin = login.body.token as string;
    const campaign = async (maxRedemptions?: number) =>
      (
        await call(`${a.url}/api/mailer/campaigns`, 'POST', {
          name: 'Across instances',
          period: 'one_off',
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          benefits: [{ type: 'free_action', actionCode: 'post', uses: 1 }],
          ...(maxRedemptions ? { maxRedemptions } : {}),
        }, admin)
      ).body.id as string;
    const one = await campaign();
    const shared = (await call(`${b.url}/api/mailer/coupons`, 'POST', { campaignId: one, count: 1, usesPerCode: 10 }, admin)).body.codes[0];
    const budgeted = await campaign(7);
    const distinct = (await call(`${a.url}/api/mailer/coupons`, 'POST', { campaignId: budgeted, count: 50 }, admin)).body.codes as string[];

    const users = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => (await call(`${(i % 2 ? a : b).url}/api/auth/register`, 'POST', newAccount())).body.token as string),
    );
    const sharedResults = await Promise.all(users.map((token, i) => call(`${(i % 2 ? a : b).url}/api/mailer/redeem`, 'POST', { code: shared }, token)));
    expect(sharedResults.filter((r) => r.status === 200)).toHaveLength(10);
    expect(sharedResults.filter((r) => r.status === 409)).toHaveLength(40);

    const budgetResults = await Promise.all(users.map((token, i) => call(`${(i % 2 ? b : a).url}/api/mailer/redeem`, 'POST', { code: distinct[i] }, token)));
    expect(budgetResults.filter((r) => r.status === 200)).toHaveLength(7);
    expect(budgetResults.filter((r) => r.status === 409)).toHaveLength(43);
    const after = await call(`${b.url}/api/mailer/campaigns/${budgeted}`, 'GET', undefined, admin);
    expect(after.body.redemptionsCount).toBe(7);

    // A budget spread over all 32 slot rows (caps of 2 and 1): 100 distinct codes, 2 per user, at
    // once over both instances; exactly the 45 of the budget succeed.
    const spread = await campaign(45);
    const many = (await call(`${b.url}/api/mailer/coupons`, 'POST', { campaignId: spread, count: 100 }, admin)).body.codes as string[];
    const spreadResults = await Promise.all(many.map((code, i) => call(`${(i % 2 ? a : b).url}/api/mailer/redeem`, 'POST', { code }, users[i % 50])));
    expect(spreadResults.filter((r) => r.status === 200)).toHaveLength(45);
    expect(spreadResults.filter((r) => r.status === 409 && r.body.error.details.reason === 'CAMPAIGN_EXHAUSTED')).toHaveLength(55);
    expect((await call(`${a.url}/api/mailer/campaigns/${spread}`, 'GET', undefined, admin)).body.redemptionsCount).toBe(45);
  }, 120_000);
});
