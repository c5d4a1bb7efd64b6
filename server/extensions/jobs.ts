// Extensions' background jobs on the kernel's job queue (pg-boss): a queue per job, its cron
// schedule (pg-boss keeps one per name, so every instance scheduling it is harmless), and a worker
// on each instance that runs workers (CALOS_WORKERS).
import type { Knex } from 'knex';
import type { JobQueue } from '../jobs';
import type { Kernel } from './kernel';
import type { LoadedExtensions } from './loader';
import type { JobDefinition } from './definition';

/** The pg-boss queue of an extension's job. */
export const queueName = (extensionId: string, job: Pick<JobDefinition, 'name' | 'queue'>) => job.queue ?? `ext-${extensionId}-${job.name}`;

/** Creates the queues and schedules (part of the serialised start-up set-up). */
export async function prepareExtensionJobs(queue: JobQueue, extensions: LoadedExtensions): Promise<void> {
  for (const { definition } of extensions.list) {
    for (const job of definition.jobs ?? []) {
      const name = queueName(definition.id, job);
      const singleton = job.singleton ?? Boolean(job.schedule);
      await queue.createQueue(name, { name, ...(singleton ? { policy: 'singleton' as const } : {}) });
      if (job.schedule) await queue.schedule(name, job.schedule);
    }
  }
}

/** Starts a worker for every job of every loaded extension; returns their worker ids. */
export async function startExtensionJobs(queue: JobQueue, extensions: LoadedExtensions, kernels: ReadonlyMap<string, Kernel>): Promise<string[]> {
  const ids: string[] = [];
  for (const { definition } of extensions.list) {
    const kernel = kernels.get(definition.id)!;
    for (const job of definition.jobs ?? []) {
      ids.push(
        await queue.work(queueName(definition.id, job), async (jobs) => {
          for (const one of jobs) await job.run(kernel, one.data);
        }),
      );
    }
  }
  return ids;
}

/**
 * Records which extensions this database runs (the administrators' page lists them) and stops the
 * job schedules of any that ran before and are not loaded now: a disabled extension leaves no job
 * behind, while its tables and data stay as they were.
 */
export async function recordExtensions(db: Knex, queue: JobQueue, extensions: LoadedExtensions): Promise<void> {
  const loaded = extensions.list.map(({ definition: d, source }) => ({
    id: d.id,
    version: d.version,
    source,
    enabled: true,
    queues: (d.jobs ?? []).map((job) => queueName(d.id, job)),
    last_loaded_at: db.fn.now(),
  }));
  if (loaded.length) await db('extensions').insert(loaded).onConflict('id').merge(['version', 'source', 'enabled', 'queues', 'last_loaded_at']);
  const gone = (await db('extensions')
    .where({ enabled: true })
    .whereNotIn('id', loaded.map((e) => e.id))
    .update({ enabled: false })
    .returning(['id', 'queues'])) as Array<{ id: string; queues: string[] }>;
  for (const { queues } of gone) for (const name of queues) await queue.unschedule(name);
}
