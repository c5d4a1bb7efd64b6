// Assembles the long-lived services from a config and a database: identity, the job queue, the
// event outbox and the usage recorder; starts and stops the background workers. main.ts and the
// tests share this wiring.
import type { Logger } from 'pino';
import type { Config } from './config';
import { oneInstanceAtATime, type Database } from './db/index';
import { startJobQueue } from './jobs';
import { createOutbox, DELIVERY_QUEUE } from './events/outbox';
import { createPasswordHasher } from './modules/auth/passwords';
import { createTokenSigner, loadSigningSecret } from './modules/auth/tokens';
import { authenticateToken, sessionLookup, type AuthKit } from './modules/auth/service';
import { startDeliveryWorkers, type DeliveryWorkers } from './modules/webhooks/delivery';
import { createUsageRecorder } from './modules/usage/recorder';
import { prepareMaintenance, startMaintenance } from './maintenance';
import { foldBucketDeltas } from './modules/skills/service';
import type { Platform } from './domain';
import { createOidcService } from './modules/oidc/provider';
import { createMailer, MAIL_QUEUE, mailQueueOptions, startMailWorker } from './modules/auth/mail';
import { kernelRouter, buildRouter } from './router';
import { loadExtensions, type LoadedExtensions } from './extensions/loader';
import { createKernel, type Kernel, type KernelServices } from './extensions/kernel';
import { prepareExtensionJobs, queueName, recordExtensions, startExtensionJobs } from './extensions/jobs';

export async function createAuthKit(config: Config, db: Database): Promise<AuthKit> {
  const secret = await loadSigningSecret(db.knex, config.jwtSecret);
  return {
    passwords: await createPasswordHasher(config.argon2Concurrency),
    tokens: createTokenSigner(secret, config.tokenTtlSeconds),
    sessionTtlDays: config.sessionTtlDays,
    loginThrottle: config.loginThrottle,
    registerThrottle: config.registerThrottle,
    newDeviceConfirmation: config.newDeviceConfirmation,
    sessions: sessionLookup(db),
  };
}

export interface RunningPlatform extends Platform {
  /** Starts this instance's background workers (CALOS_WORKERS). */
  startWorkers(): Promise<void>;
  /** Flushes usage counts and stops the job queue, letting running jobs finish. */
  stop(): Promise<void>;
  /** This instance's webhook delivery lanes, once its workers run (their counters show batching). */
  readonly deliveries: DeliveryWorkers | null;
}

const RANK_FOLD_INTERVAL_MS = 2000;

/** The extensions CALOS_EXTENSIONS names, checked and installed (before migrating: they bring migrations). */
export const loadPlatformExtensions = (config: Config, options?: { resolveFrom?: readonly string[] }) => loadExtensions(config, kernelRouter, options);

export async function createPlatform(config: Config, db: Database, log: Logger, loaded?: LoadedExtensions): Promise<RunningPlatform> {
  const extensions = loaded ?? (await loadPlatformExtensions(config));
  const auth = await createAuthKit(config, db);
  // A delivery job only wakes its endpoint's lane; one lost with a crashed process expires and runs
  // again, and the lanes' sweep finds whatever a dead sender left (at least once).
  const deliveryQueue = { name: DELIVERY_QUEUE, retryLimit: 5, retryDelay: 5, expireInSeconds: config.jobs.expireSeconds };
  // Instances starting together set the queue up one at a time (its DDL deadlocks otherwise).
  const queue = await oneInstanceAtATime(db, 'calos:job-queue-setup', async () => {
    const started = await startJobQueue(db, config, log);
    await started.createQueue(DELIVERY_QUEUE, deliveryQueue);
    await started.updateQueue(DELIVERY_QUEUE, deliveryQueue);
    await prepareMaintenance(started);
    await started.createQueue(MAIL_QUEUE, mailQueueOptions(config.mail));
    await started.updateQueue(MAIL_QUEUE, mailQueueOptions(config.mail));
    await prepareExtensionJobs(started, extensions);
    await recordExtensions(db.knex, started, extensions);
    return started;
  });

  const workerIds: string[] = [];
  let deliveries: DeliveryWorkers | null = null;
  let folding: NodeJS.Timeout | undefined;
  const events = createOutbox(queue, () => workerIds.forEach((id) => queue.notifyWorker(id)));
  const usage = createUsageRecorder(db.knex, config.usageFlushMs, (err) => log.error({ err }, 'could not save usage counts'));
  const kernels = new Map<string, Kernel>();
  const services: KernelServices = {
    config,
    db: db.knex,
    events,
    log,
    settings: new Map(extensions.list.map((e) => [e.definition.id, e.settings])),
    settingsOwners: new Map(extensions.list.flatMap((e) => (e.definition.settings ? [[e.definition.settings, e.definition.id] as const] : []))),
    kernels,
    queue,
    jobQueues: new Map(extensions.list.map((e) => [e.definition.id, new Map((e.definition.jobs ?? []).map((j) => [j.name, queueName(e.definition.id, j)]))])),
  };
  for (const e of extensions.list) kernels.set(e.definition.id, createKernel(services, e.definition.id));
  return {
    config,
    db,
    auth,
    events,
    usage,
    extensions,
    kernels,
    kernelServices: services,
    router: buildRouter(extensions.list.map((e) => e.definition)),
    oidc: createOidcService(db.knex, config, log, async (token) => {
      try {
        return (await authenticateToken(auth, db, token)).user.id;
      } catch {
        return null;
      }
    }),
    mail: createMailer(queue, config.mail),
    get deliveries() {
      return deliveries;
    },
    async startWorkers() {
      if (!config.workers || workerIds.length) return;
      deliveries = await startDeliveryWorkers(db.knex, queue, events, config.webhooks, log);
      workerIds.push(...deliveries.workerIds);
      await startMaintenance(db.knex, queue, config.eventRetentionDays, log);
      await startMailWorker(queue, config.mail, log);
      await startExtensionJobs(queue, extensions, kernels);
      // Leaderboard moves are appended as deltas; fold them into the counts every few seconds so
      // rank reads stay short (ranks are exact either way).
      folding = setInterval(() => {
        foldBucketDeltas(db.knex).catch((err: unknown) => log.error({ err }, 'could not fold leaderboard deltas'));
      }, RANK_FOLD_INTERVAL_MS);
      folding.unref();
    },
    async stop() {
      clearInterval(folding);
      await usage.stop();
      await deliveries?.stop();
      await queue.stop({ graceful: true, wait: true, timeout: config.shutdownTimeoutMs });
    },
  };
}
