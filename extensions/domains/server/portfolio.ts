// Names in the portfolio: create (yours, or anyone's for an administrator), read, list, edit and
// delete. Every signed-in user sees every name (to vote and compare); only the owner (or an
// administrator) sees its notes, edits or deletes it. A new name's RDAP look-up is queued in the
// same transaction when an RDAP server is configured.
import type { z } from 'zod';
import { DomainError, isUniqueViolation, newestFirstPage, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { toUnicodeName } from './names';

export interface Viewer {
  userId: string;
  admin: boolean;
}

export interface DomainRow {
  id: string;
  owner_id: string;
  name: string;
  notes: string;
  tags: string[];
  status: z.infer<typeof s.domainStatus>;
  elo: number;
  comparisons: number;
  votes_up: number;
  votes_down: number;
  rdap_state: z.infer<typeof s.rdapState>;
  registrar: string | null;
  registered_at: Date | null;
  expires_at: Date | null;
  last_changed_at: Date | null;
  rdap_statuses: string[];
  nameservers: string[];
  rdap_checked_at: Date | null;
  rdap_error: string | null;
  created_at: Date;
  updated_at: Date;
}

const mayManage = (viewer: Viewer, row: Pick<DomainRow, 'owner_id'>) => viewer.admin || row.owner_id === viewer.userId;

/** Rows as the API shows them, with owners' names and the viewer's votes (two reads for any number). */
export async function present(kernel: Kernel, tx: Tx, viewer: Viewer, rows: DomainRow[]): Promise<s.DomainOut[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [names, votes] = await Promise.all([
    kernel.users.names(tx, [...new Set(rows.map((r) => r.owner_id))]),
    tx('domains_votes').whereIn('domain_id', ids).where({ user_id: viewer.userId }).select('domain_id', 'direction') as Promise<Array<{ domain_id: string; direction: 'up' | 'down' }>>,
  ]);
  const myVotes = new Map(votes.map((v) => [v.domain_id, v.direction]));
  return rows.map((r) => ({
    id: r.id,
    ownerId: r.owner_id,
    ownerName: names.get(r.owner_id) ?? null,
    name: toUnicodeName(r.name),
    asciiName: r.name,
    notes: mayManage(viewer, r) ? r.notes : null,
    tags: r.tags ?? [],
    status: r.status,
    elo: Number(r.elo),
    comparisons: r.comparisons,
    votesUp: r.votes_up,
    votesDown: r.votes_down,
    myVote: myVotes.get(r.id) ?? null,
    rdap: {
      state: r.rdap_state,
      registrar: r.registrar,
      registeredAt: r.registered_at,
      expiresAt: r.expires_at,
      lastChangedAt: r.last_changed_at,
      statuses: r.rdap_statuses ?? [],
      nameservers: r.nameservers ?? [],
      checkedAt: r.rdap_checked_at,
      error: r.rdap_error,
    },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function presentOne(kernel: Kernel, tx: Tx, viewer: Viewer, row: DomainRow): Promise<s.DomainOut> {
  return (await present(kernel, tx, viewer, [row]))[0]!;
}

export async function findRow(tx: Tx, domainId: string, lock = false): Promise<DomainRow> {
  const query = tx('domains_domains').where({ id: domainId }).first();
  const row = (await (lock ? query.forUpdate() : query)) as DomainRow | undefined;
  if (!row) throw notFound('domain', 'No such domain.');
  return row;
}

async function managed(tx: Tx, viewer: Viewer, domainId: string): Promise<DomainRow> {
  const row = await findRow(tx, domainId, true);
  // Someone else's name: the same answer as a missing one would leak nothing, but it exists and is listed.
  if (!mayManage(viewer, row)) throw new DomainError('FORBIDDEN', 'Only its owner (or an administrator) may change this domain.', { reason: 'NOT_OWNER' });
  return row;
}

export async function createDomain(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof s.createDomainInput>, rdapOn: boolean): Promise<s.DomainOut> {
  const ownerId = input.ownerId ?? viewer.userId;
  if (ownerId !== viewer.userId) {
    if (!viewer.admin) throw new DomainError('FORBIDDEN', 'Only administrators add names for other users.', { reason: 'NOT_ADMIN', field: 'ownerId' });
    if (!(await kernel.users.exists(tx, ownerId))) throw notFound('user', 'No such user.');
  }
  let row: DomainRow | undefined;
  try {
    [row] = (await tx('domains_domains')
      .insert({ owner_id: ownerId, name: input.name, notes: input.notes ?? '', tags: input.tags, status: input.status, rdap_state: rdapOn ? 'pending' : 'off' })
      .returning('*')) as DomainRow[];
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('CONFLICT', `${toUnicodeName(input.name)} is in the portfolio already.`, { reason: 'DOMAIN_TAKEN', field: 'name' });
    throw err;
  }
  if (rdapOn) await kernel.jobs.send(tx, 'rdap', { domainId: row!.id }, { singletonKey: row!.id, retryLimit: 0 });
  return presentOne(kernel, tx, viewer, row!);
}

export async function getDomain(kernel: Kernel, tx: Tx, viewer: Viewer, domainId: string): Promise<s.DomainOut> {
  return presentOne(kernel, tx, viewer, await findRow(tx, domainId));
}

export async function listDomains(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof s.listDomainsInput>) {
  const query = tx('domains_domains').select('*');
  if (input.mine) query.where({ owner_id: viewer.userId });
  if (input.ownerId) query.where({ owner_id: input.ownerId });
  const { rows, nextCursor } = await newestFirstPage<DomainRow>(query, input);
  return { items: await present(kernel, tx, viewer, rows), nextCursor };
}

export async function updateDomain(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof s.updateDomainInput>): Promise<s.DomainOut> {
  await managed(tx, viewer, input.domainId);
  const patch: Record<string, unknown> = { updated_at: tx.fn.now() };
  if (input.notes !== undefined) patch.notes = input.notes;
  if (input.tags !== undefined) patch.tags = input.tags;
  if (input.status !== undefined) patch.status = input.status;
  const [row] = (await tx('domains_domains').where({ id: input.domainId }).update(patch).returning('*')) as DomainRow[];
  return presentOne(kernel, tx, viewer, row!);
}

export async function deleteDomain(tx: Tx, viewer: Viewer, domainId: string): Promise<void> {
  await managed(tx, viewer, domainId);
  await tx('domains_domains').where({ id: domainId }).delete();
}

/** Queues a new RDAP look-up of a name its owner manages (409 when no RDAP server is configured). */
export async function refreshRdap(kernel: Kernel, tx: Tx, viewer: Viewer, domainId: string, rdapOn: boolean): Promise<s.DomainOut> {
  await managed(tx, viewer, domainId);
  if (!rdapOn) throw new DomainError('CONFLICT', 'No RDAP server is configured (CALOS_RDAP_URL): nothing is looked up.', { reason: 'RDAP_OFF' });
  const [row] = (await tx('domains_domains').where({ id: domainId }).update({ rdap_state: 'pending', updated_at: tx.fn.now() }).returning('*')) as DomainRow[];
  await kernel.jobs.send(tx, 'rdap', { domainId }, { singletonKey: domainId, retryLimit: 0 });
  return presentOne(kernel, tx, viewer, row!);
}
