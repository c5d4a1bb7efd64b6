// Housekeeping on the job queue: every quarter of an hour one instance prunes rate-limit windows
// that ended more than a day ago, and events (with their deliveries) past their retention.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { JobQueue } from './jobs';

const MAINTENANCE_QUEUE = 'calos-maintenance';

export async function pruneOldRows(db: Knex, eventRetentionDays: number): Promise<{ windows: number; events: number }> {
  const windows = await db('rate_limit_windows').where('window_started_at', '<', db.raw(`now() - interval '1 day'`)).delete().returning('key');
  const events = await db('events')
    .where('created_at', '<', db.raw('now() - make_interval(days => ?)', [eventRetentionDays]))
    .delete()
    .returning('id');
  return { windows: windows.length, events: events.length };
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
    if (pruned.windows || pruned.events) log.info(pruned, 'pruned old rows');
  });
}
