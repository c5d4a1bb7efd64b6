// Extensions' background jobs on the kernel's job queue (pg-boss): a queue per job, its cron
// schedule (pg-boss keeps one per name, so every instance scheduling it is harmless), and a worker
// on each instance that runs workers (CALOS_WORKERS).
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
