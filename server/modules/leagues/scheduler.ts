// Leagues start at their start date: a pg-boss schedule runs startDueLeagues once a minute on one
// instance (the queue is a singleton), so a league opens its fixtures within a minute of its start.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { EventOutbox } from '../../events/outbox';
import type { JobQueue } from '../../jobs';
import { startDueLeagues } from './service';

const LEAGUE_START_QUEUE = 'calos-league-start';

/** Creates the queue and its schedule (part of the serialised start-up set-up). */
export async function prepareLeagueStarts(queue: JobQueue): Promise<void> {
  await queue.createQueue(LEAGUE_START_QUEUE, { name: LEAGUE_START_QUEUE, policy: 'singleton' });
  await queue.schedule(LEAGUE_START_QUEUE, '* * * * *');
}

export async function startLeagueStarts(db: Knex, queue: JobQueue, events: EventOutbox, log: Logger): Promise<string> {
  return queue.work(LEAGUE_START_QUEUE, async () => {
    const started = await startDueLeagues(db, events);
    if (started) log.info({ started }, 'started leagues that reached their start date');
  });
}
