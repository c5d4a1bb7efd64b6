// Coupon codes an action grants are kept only as keyed hashes: the code is in execute's answer to
// the caller and nowhere else (effect log, history, events, idempotent replays, batch CSVs), which a
// scan of every text, JSON and binary column of every table proves after granting and redeeming.
// Databases from before this keep codes in clear until the migration and the start-up step convert them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUp, signUpAdmin } from '../../../server/testing/factories';
import { redactGrantedCodesInReplays } from '../migrations/20261206000002_coupon_code_owners';
import { mailerSettings } from '../settings';
import { couponKeys, parseCode } from './coupon-code';
import { convertLegacyGrantedCodes } from './legacy-codes';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
});
afterAll(() => t.close());

/** Every column (schema.table.column) of every table whose value contains `needle`. */
async function columnsHolding(needle: string): Promise<string[]> {
  const knex = t.db.knex;
  const columns = (await knex('information_schema.columns')
    .whereNotIn('table_schema', ['pg_catalog', 'information_schema'])
    .whereIn('data_type', ['text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED'])
    .whereIn(['table_schema', 'table_name'], knex('information_schema.tables').where('table_type', 'BASE TABLE').select('table_schema', 'table_name'))
    .select('table_schema', 'table_name', 'column_name', 'data_type')) as Array<{ table_schema: string; table_name: string; column_name: string; data_type: string }>;
  expect(columns.length).toBeGreaterThan(100);
  const found: string[] = [];
  for (const c of columns) {
    const column = knex.raw('??.??.??', [c.table_schema, c.table_name, c.column_name]);
    const match =
      c.data_type === 'bytea'
        ? knex.raw(`position(convert_to(?, 'UTF8') in ?) > 0`, [needle, column])
        : knex.raw(`strpos(upper(?::text), ?) > 0`, [column, needle.toUpperCase()]);
    const hit = await knex.withSchema(c.table_schema).from(c.table_name).where(match).first(knex.raw('1 AS hit'));
    if (hit) found.push(`${c.table_schema}.${c.table_name}.${c.column_name}`);
  }
  return found;
}

/** The code as printed and as stored by the old versions (normalised, no dashes). */
const formsOf = (code: string) => {
  const parsed = parseCode(code);
  if (parsed.kind !== 'ok') throw new Error(`not a code: ${code}`);
  return [code, parsed.normalized];
};

async function grantingAction() {
  const campaign = await t.rest('POST', '/api/mailer/campaigns', {
    token: admin.token,
    body: {
      name: 'Granted by an action',
      period: 'one_off',
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      benefits: [{ type: 'xp_grant', skill: 'writing', xp: 50 }],
    },
  });
  expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
  const code = `grant_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const action = await t.rest('POST', '/api/actions/register', {
    token: admin.token,
    body: { actionCode: code, actionName: 'Grant', actionCategory: 'testing', effects: [{ effectCode: 'grant_coupon', effectParams: { campaignId: campaign.body.id } }] },
  });
  expect(action.status, JSON.stringify(action.body)).toBe(201);
  return { actionCode: code, campaignId: campaign.body.id as string };
}

describe('a granted coupon code', () => {
  it('is shown once to its owner, redeems, and is then in no column of any table', async () => {
    const { actionCode, campaignId } = await grantingAction();
    const user = await signUp(t);
    const headers = { 'idempotency-key': `grant-${user.userId}` };
    const granted = await t.rest('POST', '/api/actions/execute', { token: user.token, body: { actionCode }, headers });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const result = granted.body.effects[0].result;
    expect(result.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(result.codeHint).toBe(result.code.slice(-4));
    const code = result.code as string;

    // A retry with the same key replays the answer without the code: it was shown once.
    const replay = await t.rest('POST', '/api/actions/execute', { token: user.token, body: { actionCode }, headers });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.effects[0].result).toEqual({ couponId: result.couponId, codeHint: result.codeHint, campaignId, expiresAt: null });
    // The tRPC door answers the same: the code once.
    const viaTrpc = await t.caller({ token: user.token }).actions.execute({ actionCode });
    expect(viaTrpc.effects[0]!.result.code).toMatch(/^[A-Z2-9]{4}-/);

    const redeemed = await t.rest('POST', '/api/mailer/redeem', { token: user.token, body: { code } });
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    const history = await t.rest('GET', `/api/actions/history?actionCode=${actionCode}`, { token: user.token });
    expect(history.body.items.map((i: { effects: Array<{ result: Record<string, unknown> }> }) => Object.keys(i.effects[0]!.result).sort())).toEqual([
      ['campaignId', 'codeHint', 'couponId', 'expiresAt'],
      ['campaignId', 'codeHint', 'couponId', 'expiresAt'],
    ]);
    const inventory = await t.rest('GET', '/api/mailer/inventory', { token: user.token });
    expect(inventory.body.grantedCodes.map((g: { codeHint: string; status: string }) => [g.codeHint, g.status])).toEqual([
      [viaTrpc.effects[0]!.result.codeHint, 'unused'],
      [result.codeHint, 'used'],
    ]);
    expect(inventory.body.coupons).toMatchObject([{ campaignId, codeHint: result.codeHint }]);
    // The granted code's one-code batch has no CSV to download.
    const batches = await t.rest('GET', `/api/mailer/campaigns/${campaignId}/batches`, { token: admin.token });
    expect(batches.body.items.map((b: { csvAvailable: boolean }) => b.csvAvailable)).toEqual([false, false]);

    for (const form of formsOf(code)) expect(await columnsHolding(form)).toEqual([]);
    for (const form of formsOf(viaTrpc.effects[0]!.result.code as string)) expect(await columnsHolding(form)).toEqual([]);
    // The scan does reach the coupon tables: the hint the inventory shows is there.
    expect(await columnsHolding(result.codeHint)).toContain('public.coupon_codes.code_hint');
  });
});

describe('codes kept in clear by an older version', () => {
  it('leave the idempotent replays in the migration and the effect log at start-up, once', async () => {
    const { actionCode } = await grantingAction();
    const user = await signUp(t);
    const granted = await t.rest('POST', '/api/actions/execute', { token: user.token, body: { actionCode } });
    const { code, couponId, codeHint } = granted.body.effects[0].result as { code: string; couponId: string; codeHint: string };
    const executionId = granted.body.execution.id as string;
    // What the older version left: the code in the effect log and in a stored replay, no owner or
    // hint on the code's row, and the one-code batch's encrypted CSV waiting.
    await t.db.knex('effect_execution_log').where({ execution_id: executionId }).update({ result: JSON.stringify({ code, campaignId: 'c', expiresAt: null }) });
    const row = await t.db.knex('coupon_codes').where({ id: couponId }).update({ owner_user_id: null, code_hint: null }).returning('batch_id');
    await t.db.knex('coupon_batches').where({ id: row[0].batch_id }).update({ codes_ciphertext: Buffer.from('sealed csv') });
    const replay = { json: { execution: { id: executionId }, effects: [{ effectCode: 'grant_coupon', status: 'applied', result: { code, campaignId: 'c', expiresAt: null } }] } };
    await t.db.knex('idempotency_keys').insert({
      scope: `user:${user.userId}`, key: 'old', procedure: 'actions.execute', fingerprint: 'f', state: 'done', claim_id: couponId,
      response: JSON.stringify(replay), locked_until: new Date(),
    });
    expect((await columnsHolding(code)).sort()).toEqual(['public.effect_execution_log.result', 'public.idempotency_keys.response']);

    expect(await redactGrantedCodesInReplays(t.db.knex)).toBe(1);
    const kernel = t.platform.kernels.get('mailer')!;
    const keys = couponKeys(kernel.settings(mailerSettings).couponSecret);
    expect(await convertLegacyGrantedCodes(kernel, keys)).toBe(1);
    expect(await convertLegacyGrantedCodes(kernel, keys)).toBe(0);
    expect(await redactGrantedCodesInReplays(t.db.knex)).toBe(0);

    for (const form of formsOf(code)) expect(await columnsHolding(form)).toEqual([]);
    const logged = await t.db.knex('effect_execution_log').where({ execution_id: executionId }).first('result');
    expect(logged.result).toEqual({ couponId, codeHint, campaignId: 'c', expiresAt: null });
    const stored = await t.db.knex('idempotency_keys').where({ key: 'old' }).first('response');
    expect(stored.response.json.effects[0].result).toEqual({ codeHint, campaignId: 'c', expiresAt: null });
    expect(await t.db.knex('coupon_codes').where({ id: couponId }).first('owner_user_id', 'code_hint')).toEqual({ owner_user_id: user.userId, code_hint: codeHint });
    expect((await t.db.knex('coupon_batches').where({ id: row[0].batch_id }).first('codes_ciphertext')).codes_ciphertext).toBeNull();
    // The code still redeems: only where it was kept changed.
    expect((await t.rest('POST', '/api/mailer/redeem', { token: user.token, body: { code } })).status).toBe(200);
  });
});
