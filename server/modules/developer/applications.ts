// Applications: what a developer registers to get API keys and webhooks. Each belongs to one user.
import type { z } from 'zod';
import type { Tx } from '../../db/index';
import { notFound } from '../../errors';
import { newestFirstPage, type PageInput } from '../../db/cursor';
import type { createApplicationInput, updateApplicationInput } from '../../../shared/schemas/developer';
import { toApplication, type ApplicationRow } from './models';

export async function createApplication(tx: Tx, ownerId: string, input: z.output<typeof createApplicationInput>) {
  const [row] = (await tx('applications')
    .insert({ owner_id: ownerId, name: input.name, description: input.description ?? '' })
    .returning('*')) as ApplicationRow[];
  return toApplication(row!);
}

export async function listApplications(tx: Tx, ownerId: string, input?: PageInput) {
  const { rows, nextCursor } = await newestFirstPage<ApplicationRow>(tx('applications').where({ owner_id: ownerId }), input);
  return { items: rows.map(toApplication), nextCursor };
}

/** The application if `ownerId` owns it; NOT_FOUND otherwise (never "forbidden": ids are not confirmed). */
export async function ownedApplication(tx: Tx, ownerId: string, applicationId: string): Promise<ApplicationRow> {
  const row = (await tx('applications').where({ id: applicationId, owner_id: ownerId }).first()) as ApplicationRow | undefined;
  if (!row) throw notFound('application');
  return row;
}

export async function getApplication(tx: Tx, ownerId: string, applicationId: string) {
  return toApplication(await ownedApplication(tx, ownerId, applicationId));
}

export async function updateApplication(tx: Tx, ownerId: string, input: z.output<typeof updateApplicationInput>) {
  const change: Partial<ApplicationRow> = {};
  if (input.name !== undefined) change.name = input.name;
  if (input.description !== undefined) change.description = input.description;
  if (!Object.keys(change).length) return getApplication(tx, ownerId, input.applicationId);
  const [row] = (await tx('applications')
    .where({ id: input.applicationId, owner_id: ownerId })
    .update(change)
    .returning('*')) as ApplicationRow[];
  if (!row) throw notFound('application');
  return toApplication(row);
}

/** Deletes an application with its keys (refused at once) and webhooks. */
export async function deleteApplication(tx: Tx, ownerId: string, applicationId: string): Promise<void> {
  const deleted = await tx('applications').where({ id: applicationId, owner_id: ownerId }).delete().returning('id');
  if (!deleted.length) throw notFound('application');
}

/** The user's default application, created on first need (webhooks registered without one). */
export async function defaultApplication(tx: Tx, ownerId: string): Promise<ApplicationRow> {
  const existing = (await tx('applications').where({ owner_id: ownerId }).orderBy('created_at').first()) as ApplicationRow | undefined;
  if (existing) return existing;
  const [row] = (await tx('applications')
    .insert({ owner_id: ownerId, name: 'My application', description: 'Created for your first webhook.' })
    .returning('*')) as ApplicationRow[];
  return row!;
}
