// Mailing addresses and deliveries. An address is private: its user reads and changes it, and
// mailer operators see it only through a live campaign's deliveries and mailing list (a test-mode
// key, which any developer may hold, never sees one).
import type { z } from 'zod';
import { conflict, newestFirstPage, notFound, type Actor, type Kernel, type Tx } from '../../../server/extensions/api';
import type { deliveriesInput, setAddressInput, updateDeliveryInput } from '../schemas';
import { visibleCampaign } from './campaigns';
import { toCsv } from './csv';
import { toAddress, toDelivery, type AddressRow, type DeliveryRow } from './models';

export async function getMyAddress(tx: Tx, userId: string) {
  const row = (await tx('user_mailing_addresses').where({ user_id: userId }).first()) as AddressRow | undefined;
  return { address: row ? toAddress(row) : null };
}

export async function setMyAddress(tx: Tx, userId: string, input: z.output<typeof setAddressInput>) {
  const values = {
    recipient: input.recipient,
    line1: input.line1,
    line2: input.line2 ?? '',
    city: input.city,
    region: input.region ?? '',
    postal_code: input.postalCode,
    country: input.country,
    opted_in: input.optedIn,
    updated_at: tx.fn.now(),
  };
  // One address per user: an upsert, so two saves at once leave one row.
  const [row] = (await tx('user_mailing_addresses')
    .insert({ user_id: userId, ...values })
    .onConflict('user_id')
    .merge(values)
    .returning('*')) as AddressRow[];
  return toAddress(row!);
}

export async function deleteMyAddress(tx: Tx, userId: string): Promise<void> {
  await tx('user_mailing_addresses').where({ user_id: userId }).delete().returning('id');
}

async function liveCampaign(tx: Tx, actor: Actor, campaignId: string) {
  const campaign = await visibleCampaign(tx, actor, campaignId);
  if (campaign.mode !== 'live') throw conflict('TEST_MODE_CAMPAIGN', 'Test-mode campaigns have no mailing list: addresses belong to live users.');
  return campaign;
}

/**
 * Queues one delivery per opted-in address for the campaign, snapshotting the address. Users
 * already queued are skipped by the unique (campaign, user) index, so running it twice (or on two
 * instances at once) never mails anyone twice.
 */
export async function queueDeliveries(tx: Tx, actor: Actor, campaignId: string) {
  await liveCampaign(tx, actor, campaignId);
  const result = await tx.raw(
    `INSERT INTO mailer_deliveries (campaign_id, user_id, address)
     SELECT ?, a.user_id, jsonb_build_object(
              'recipient', a.recipient, 'line1', a.line1, 'line2', a.line2, 'city', a.city,
              'region', a.region, 'postalCode', a.postal_code, 'country', a.country)
       FROM user_mailing_addresses a WHERE a.opted_in
     ON CONFLICT (campaign_id, user_id) DO NOTHING
     RETURNING id`,
    [campaignId],
  );
  return { queued: (result.rows as unknown[]).length };
}

/** A delivery's row; its user's name comes from the kernel. */
type StoredDelivery = Omit<DeliveryRow, 'username'>;

/** Deliveries with their users' names (a delivery goes with its user's account). */
async function withUsernames(kernel: Kernel, tx: Tx, rows: StoredDelivery[]): Promise<DeliveryRow[]> {
  const names = await kernel.users.names(tx, [...new Set(rows.map((r) => r.user_id))]);
  return rows.flatMap((r) => {
    const username = names.get(r.user_id);
    return username === undefined ? [] : [{ ...r, username }];
  });
}

export async function listDeliveries(kernel: Kernel, tx: Tx, actor: Actor, input: z.output<typeof deliveriesInput>) {
  await liveCampaign(tx, actor, input.campaignId);
  const query = tx('mailer_deliveries as d').where('d.campaign_id', input.campaignId).select('d.*');
  if (input.status) query.where('d.status', input.status);
  const { rows, nextCursor } = await newestFirstPage<StoredDelivery>(query, input, 'd.');
  return { items: (await withUsernames(kernel, tx, rows)).map(toDelivery), nextCursor };
}

const ORDER = ['queued', 'printed', 'mailed', 'returned'] as const;
const STAMP = { printed: 'printed_at', mailed: 'mailed_at', returned: 'returned_at' } as const;

/**
 * Moves a delivery forward (queued → printed → mailed → returned; steps may be skipped, never
 * undone). The UPDATE names the states it may come from, so two operators racing cannot move it
 * backwards.
 */
export async function updateDelivery(kernel: Kernel, tx: Tx, actor: Actor, input: z.output<typeof updateDeliveryInput>) {
  const current = (await tx('mailer_deliveries').where({ id: input.deliveryId }).first('id', 'campaign_id', 'status')) as
    | { id: string; campaign_id: string; status: (typeof ORDER)[number] }
    | undefined;
  if (!current) throw notFound('delivery');
  await liveCampaign(tx, actor, current.campaign_id).catch(() => {
    throw notFound('delivery');
  });
  const target = ORDER.indexOf(input.status);
  const from = ORDER.slice(0, target);
  const change: Record<string, unknown> = { status: input.status, updated_at: tx.fn.now() };
  if (input.status !== 'queued') change[STAMP[input.status]] = tx.fn.now();
  if (input.note !== undefined) change.note = input.note;
  const moved = (await tx('mailer_deliveries')
    .where({ id: input.deliveryId })
    .whereIn('status', from.length ? from : ['-'])
    .update(change)
    .returning('id')) as unknown[];
  if (!moved.length) {
    throw conflict('INVALID_TRANSITION', `A ${current.status} delivery cannot become ${input.status}; deliveries only move forward.`);
  }
  const row = (await tx('mailer_deliveries').where({ id: input.deliveryId }).first()) as StoredDelivery;
  const [delivery] = await withUsernames(kernel, tx, [row]);
  if (!delivery) throw notFound('delivery');
  return toDelivery(delivery);
}

const MAILING_LIST_HEADER = ['delivery_id', 'username', 'recipient', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'status'];

/** The campaign's mailing list for the print house, oldest delivery first. */
export async function mailingListCsv(kernel: Kernel, tx: Tx, actor: Actor, campaignId: string) {
  await liveCampaign(tx, actor, campaignId);
  const rows = await withUsernames(
    kernel,
    tx,
    (await tx('mailer_deliveries')
      .where({ campaign_id: campaignId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .select('*')) as Array<StoredDelivery>,
  );
  const csv = toCsv(
    MAILING_LIST_HEADER,
    rows.map((r) => [r.id, r.username, r.address.recipient, r.address.line1, r.address.line2, r.address.city, r.address.region, r.address.postalCode, r.address.country, r.status]),
  );
  return { filename: `mailing-list-${campaignId}.csv`, csv };
}
