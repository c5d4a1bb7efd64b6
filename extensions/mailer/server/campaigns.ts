// Campaigns and their code batches, as operators (admins, API keys with mailer:manage) run them.
// Live operators share the platform's live campaigns; a test-mode key sees only the test campaigns
// of its own application, whose codes no user can redeem (a sandbox cannot mint real benefits).
import type { z } from 'zod';
import { DomainError, conflict, invalidField, newestFirstPage, notFound, type Actor, type Kernel, type Tx } from '../../../server/extensions/api';
import type { createCampaignInput, generateCouponsInput, listCampaignsInput, batchesInput } from '../schemas';
import { decryptBatchFile, encryptBatchFile, formatCode, generateCodes, hashCode, type CouponKeys } from './coupon-code';
import { toCsv } from './csv';
import { createBudgetSlots, redemptionsCountColumn } from './budget-slots';
import { toBatch, toCampaign, type BatchRow, type CampaignRow } from './models';

/** Campaigns the actor may operate on. */
export function visibleCampaigns(tx: Tx, actor: Actor, alias = '') {
  const query = tx(alias ? `mailer_campaigns as ${alias}` : 'mailer_campaigns');
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  if (actor.kind === 'apiKey' && actor.mode === 'test') {
    return query.where(col('mode'), 'test').where(col('application_id'), actor.key.applicationId);
  }
  return query.where(col('mode'), 'live');
}

export async function visibleCampaign(tx: Tx, actor: Actor, campaignId: string): Promise<CampaignRow> {
  const row = (await visibleCampaigns(tx, actor)
    .where({ id: campaignId })
    .first('*', tx.raw(redemptionsCountColumn('mailer_campaigns')))) as CampaignRow | undefined;
  if (!row) throw notFound('campaign');
  return row;
}

export async function createCampaign(kernel: Kernel, tx: Tx, actor: Actor, input: z.output<typeof createCampaignInput>) {
  await checkBenefitReferences(kernel, tx, input.benefits);
  const [row] = (await tx('mailer_campaigns')
    .insert({
      name: input.name,
      period: input.period,
      mode: actor.mode,
      starts_at: new Date(input.startsAt),
      ends_at: new Date(input.endsAt),
      benefits: JSON.stringify(input.benefits),
      max_redemptions: input.maxRedemptions ?? null,
      created_by: actor.userId,
      application_id: actor.kind === 'apiKey' ? actor.key.applicationId : null,
    })
    .returning('*')) as CampaignRow[];
  await createBudgetSlots(tx, row!.id, row!.max_redemptions);
  return toCampaign({ ...row!, redemptions_count: 0 });
}

/**
 * Every skill a campaign's benefits name exists: otherwise each of its codes would fail at
 * redemption, after being printed and mailed. (A free action may name an action still to be
 * registered: its uses wait for it, and redeeming it fails nothing.)
 */
async function checkBenefitReferences(kernel: Kernel, tx: Tx, benefits: z.output<typeof createCampaignInput>['benefits']) {
  for (const [index, benefit] of benefits.entries()) {
    if (benefit.type === 'free_action' || !benefit.skill) continue;
    if (!(await kernel.skills.find(tx, benefit.skill))) throw invalidField(`benefits.${index}.skill`, `no skill "${benefit.skill}"`);
  }
}

export async function listCampaigns(tx: Tx, actor: Actor, input: z.output<typeof listCampaignsInput>) {
  const { rows, nextCursor } = await newestFirstPage<CampaignRow>(visibleCampaigns(tx, actor).select('*', tx.raw(redemptionsCountColumn('mailer_campaigns'))), input);
  return { items: rows.map(toCampaign), nextCursor };
}

export async function getCampaign(tx: Tx, actor: Actor, campaignId: string) {
  return toCampaign(await visibleCampaign(tx, actor, campaignId));
}

const CODES_CSV_HEADER = ['code', 'campaign', 'uses_per_code', 'expires_at'];
// A fresh code colliding with an existing one is rare (31^11 codes); regenerate the few that do.
const MAX_COLLISION_ROUNDS = 5;

/**
 * A batch of fresh codes: hashed and written in one multi-row statement per round (the hashes
 * travel as a single array parameter, so 100,000 codes are one INSERT … SELECT unnest). The
 * plaintext is returned once and kept only as an encrypted CSV for one download.
 */
export async function generateCoupons(tx: Tx, keys: CouponKeys, actor: Actor, input: z.output<typeof generateCouponsInput>) {
  const campaign = await visibleCampaign(tx, actor, input.campaignId);
  const now = new Date();
  if (campaign.ends_at <= now) throw conflict('CAMPAIGN_ENDED', 'This campaign has ended; its codes could never be redeemed.');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) {
    throw new DomainError('VALIDATION_FAILED', 'expiresAt: must be in the future.', {
      issues: [{ path: 'expiresAt', message: 'must be in the future' }],
    });
  }
  const [batch] = (await tx('coupon_batches')
    .insert({
      campaign_id: campaign.id,
      count: input.count,
      uses_per_code: input.usesPerCode,
      expires_at: expiresAt,
      created_by: actor.userId,
    })
    .returning(['id'])) as Array<{ id: string }>;
  const batchId = batch!.id;

  const codes: string[] = [];
  let wanted = input.count;
  for (let round = 0; wanted > 0; round++) {
    if (round === MAX_COLLISION_ROUNDS) throw new Error('coupon code generation kept colliding');
    const fresh = generateCodes(wanted);
    const byHash = new Map(fresh.map((code) => [hashCode(keys, code), code]));
    // base64url hashes need no quoting inside a PostgreSQL array literal.
    const result = await tx.raw(
      `INSERT INTO coupon_codes (batch_id, campaign_id, code_hash, uses_per_code, expires_at)
       SELECT ?, ?, h, ?, ? FROM unnest(?::text[]) AS h
       ON CONFLICT (code_hash) DO NOTHING
       RETURNING code_hash`,
      [batchId, campaign.id, input.usesPerCode, expiresAt, `{${[...byHash.keys()].join(',')}}`],
    );
    for (const { code_hash } of result.rows as Array<{ code_hash: string }>) codes.push(byHash.get(code_hash)!);
    wanted = input.count - codes.length;
  }

  const printed = codes.map(formatCode);
  const csv = toCsv(
    CODES_CSV_HEADER,
    printed.map((code) => [code, campaign.name, input.usesPerCode, expiresAt ?? campaign.ends_at]),
  );
  await tx('coupon_batches').where({ id: batchId }).update({ codes_ciphertext: encryptBatchFile(keys, batchId, csv) });
  return { batchId, count: printed.length, codes: printed, csvUrl: `/api/mailer/batches/${batchId}/codes.csv` };
}

/** How much of a granted code its owner's inventory shows: the last group of XXXX-XXXX-XXXX. */
export const CODE_HINT_LENGTH = 4;
export const codeHint = (normalized: string) => normalized.slice(-CODE_HINT_LENGTH);

/**
 * One single-use code of a live campaign issued to a user (the grant_coupon effect). Only its hash,
 * its owner and its last 4 characters are kept, so the owner's inventory can list it; unlike a
 * printed batch it has no CSV to download: the plaintext exists only in the answer to the owner.
 */
export async function issueCoupon(tx: Tx, keys: CouponKeys, input: { campaignId: string; userId: string; expiresAt: Date | null }) {
  const campaign = (await tx('mailer_campaigns').where({ id: input.campaignId, mode: 'live' }).first('id', 'ends_at')) as
    | { id: string; ends_at: Date }
    | undefined;
  if (!campaign) throw notFound('campaign');
  if (campaign.ends_at <= new Date()) throw conflict('CAMPAIGN_ENDED', 'This campaign has ended; its codes could never be redeemed.');
  const [batch] = (await tx('coupon_batches')
    .insert({ campaign_id: campaign.id, count: 1, uses_per_code: 1, expires_at: input.expiresAt, created_by: null })
    .returning(['id'])) as Array<{ id: string }>;
  for (let round = 0; round < MAX_COLLISION_ROUNDS; round++) {
    const [code] = generateCodes(1) as [string];
    const inserted = await tx.raw(
      `INSERT INTO coupon_codes (batch_id, campaign_id, code_hash, uses_per_code, expires_at, owner_user_id, code_hint)
       VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING RETURNING id`,
      [batch!.id, campaign.id, hashCode(keys, code), input.expiresAt, input.userId, codeHint(code)],
    );
    const row = (inserted.rows as Array<{ id: string }>)[0];
    if (row) return { couponId: row.id, code: formatCode(code), codeHint: codeHint(code) };
  }
  throw new Error('coupon code generation kept colliding');
}

export async function listBatches(tx: Tx, actor: Actor, input: z.output<typeof batchesInput>) {
  await visibleCampaign(tx, actor, input.campaignId);
  const query = tx('coupon_batches as b')
    .where('b.campaign_id', input.campaignId)
    .select(
      'b.id',
      'b.campaign_id',
      'b.count',
      'b.uses_per_code',
      'b.expires_at',
      'b.codes_downloaded_at',
      'b.created_at',
      tx.raw('(b.codes_ciphertext IS NOT NULL) AS csv_available'),
      tx.raw('(SELECT COALESCE(SUM(c.uses), 0) FROM coupon_codes c WHERE c.batch_id = b.id) AS redeemed'),
    );
  const { rows, nextCursor } = await newestFirstPage<BatchRow>(query, input, 'b.');
  return { items: rows.map(toBatch), nextCursor };
}

/**
 * The batch's codes as CSV, once. Atomic: the row is locked FOR UPDATE while the ciphertext is
 * read and wiped in the same statement, so two parallel downloads cannot both get the codes.
 */
export async function takeBatchCsv(tx: Tx, keys: CouponKeys, actor: Actor, batchId: string) {
  const batch = (await tx('coupon_batches').where({ id: batchId }).first('id', 'campaign_id', 'codes_downloaded_at')) as
    | { id: string; campaign_id: string; codes_downloaded_at: Date | null }
    | undefined;
  if (!batch) throw notFound('batch');
  await visibleCampaign(tx, actor, batch.campaign_id).catch(() => {
    throw notFound('batch');
  });
  const result = await tx.raw(
    `WITH taken AS (
       SELECT id, codes_ciphertext FROM coupon_batches WHERE id = ? AND codes_ciphertext IS NOT NULL FOR UPDATE
     )
     UPDATE coupon_batches b SET codes_ciphertext = NULL, codes_downloaded_at = now()
       FROM taken WHERE b.id = taken.id
     RETURNING taken.codes_ciphertext AS sealed`,
    [batchId],
  );
  const row = (result.rows as Array<{ sealed: Buffer | Uint8Array }>)[0];
  if (!row) {
    throw new DomainError('GONE', 'The codes of this batch were already downloaded; they are not kept in clear anywhere.', {
      reason: 'ALREADY_DOWNLOADED',
      downloadedAt: batch.codes_downloaded_at,
    });
  }
  return { filename: `coupons-${batchId}.csv`, csv: decryptBatchFile(keys, batchId, Buffer.from(row.sealed)) };
}
