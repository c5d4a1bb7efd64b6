// Housekeeping on the job queue: every quarter of an hour one instance prunes rate-limit windows
// that ended more than a day ago, idempotency keys past their 24 h, and events (with their deliveries) past their retention.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { JobQueue } from './jobs';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency';
import { deleteExpiredPayloads } from './modules/oidc/adapter';

const MAINTENANCE_QUEUE = 'calos-maintenance';

export async function pruneOldRows(db: Knex, eventRetentionDays: number): Promise<{ windows: number; events: number; idempotencyKeys: number }> {
  const windows = await db('rate_limit_windows').where('window_started_at', '<', db.raw(`now() - interval '1 day'`)).delete().returning('key');
  const events = await db('events')
    .where('created_at', '<', db.raw('now() - make_interval(days => ?)', [eventRetentionDays]))
    .delete()
    .returning('id');
  const idempotencyKeys = await db('idempotency_keys')
    .where('created_at', '<', db.raw(`now() - make_interval(hours => ?)`, [IDEMPOTENCY_TTL_HOURS]))
    .delete()
    .returning('key');
  return { windows: windows.length, events: events.length, idempotencyKeys: idempotencyKeys.length };
}

/** Creates the queue and its schedule (part of the serialised start-up set-up). */
export async function prepareMaintenance(queue: JobQueue): Promise<void> {
  await queue.createQueue(MAINTENANCE_QUEUE, { name: MAINTENANCE_QUEUE, policy: 'singleton' });
  // pg-boss keeps one schedule per name, so several instances scheduling it is harmless.
  await queue.schedule(MAINTENANCE_QUEUE, '*/15 * * * *');
}

export async function startMaintenance(db: Knex, queue: JobQueue, eventRetentionDays: number, log: Logger): Promise<string> {
  return queue.work(MAINTENANCE_QUEUE, async () => {
    const pruned = await pruneOldRows(db, eventRetentionDays);
    if (pruned.windows || pruned.events || pruned.idempotencyKeys) log.info(pruned, 'pruned old rows');
    // The OpenID Connect provider's expired codes, tokens, sessions and interactions.
    const oidcPayloads = await deleteExpiredPayloads(db);
    if (oidcPayloads) log.info({ oidcPayloads }, 'pruned expired OpenID Connect state');
  });
}
