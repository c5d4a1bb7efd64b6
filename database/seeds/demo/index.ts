// The demo data of the embedded development database (CALOS_SEED_DEMO): synthetic players with
// XP and achievements, four weeks of the demo account's activity, leagues, coupons, and a developer
// application with a webhook endpoint, made through the platform's own services so that ranks,
// counts and events agree. It is seeded once, in one transaction (all or nothing), and recorded in
// seed_runs; every later start finds it there and does nothing. Same data on every machine: every
// choice comes from a seeded random stream, and times are relative to the first start.
import type { Knex } from 'knex';
import type { Config } from '../../../server/config';
import { seedDemoActivity, seedPlayerProgress, settleActionState } from './activity';
import { backdater, daysBefore, historyOutbox, randomStreams, type DemoContext } from './context';
import { seedDemoDeveloper } from './developer';
import type { Platform } from '../../../server/domain';
import { createKernel, type Kernel } from '../../../server/extensions/kernel';
import { createSyntheticUsers } from './users';

export const DEMO_SEED = 'demo';

export interface DemoDataReport {
  /** True when this call seeded it; false when an earlier start had. */
  seededNow: boolean;
  /** How long this call took. */
  ms: number;
  /** Lines the loaded extensions add to the start-up banner (the mailer's unused demo coupons). */
  notes: string[];
  counts: Record<string, number> | null;
}

type Seeding = Pick<Platform, 'extensions' | 'kernels'> & Partial<Pick<Platform, 'kernelServices'>>;

export async function seedDemoData(db: Knex, config: Config, demoUsername: string, platform: Seeding): Promise<DemoDataReport> {
  const started = performance.now();
  const counts = await db.transaction(async (trx) => {
    // Instances starting together seed one after another; the second finds the first's record.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['calos:demo-data']);
    if (await trx('seed_runs').where({ name: DEMO_SEED }).first('name')) return null;
    const demo = (await trx('users').where({ username: demoUsername }).first('id', 'username')) as { id: string; username: string } | undefined;
    if (!demo) return null;
    const now = ((await trx.raw('SELECT now()::timestamptz(3) AS now')).rows as Array<{ now: Date }>)[0]!.now;
    const random = randomStreams();
    const { players, organiser } = await createSyntheticUsers(trx, now, random('users'));
    const seededUsers = [demo.id, ...players.map((p) => p.id)];
    const events = historyOutbox();
    const ctx: DemoContext = {
      trx,
      config,
      events,
      engine: { events, config: { ...config, actionsPerUserPerMinute: 0 }, kernels: new Map() },
      now,
      demo,
      players,
      // The seed runs leagues and campaigns with an operator's rights, in the organiser's name.
      operator: { kind: 'user', userId: organiser.id, role: 'admin', mode: 'live' },
      random,
      backdate: backdater(trx, now, () => seededUsers, events),
    };
    await trx('users').where({ id: demo.id }).where('created_at', '>', daysBefore(now, 35)).update({ created_at: daysBefore(now, 35) });
    const awards = await seedPlayerProgress(ctx);
    const executions = await seedDemoActivity(ctx);
    // Each loaded extension's part, through a kernel of its own that writes to the seed's history
    // outbox (no delivery) with the engine's per-user minute limit off (history is replayed fast).
    const extensionCounts: Record<string, number> = {};
    const services = platform.kernelServices;
    if (services) {
      const demoServices = { ...services, db: trx, events, config: ctx.engine.config, kernels: new Map<string, Kernel>() };
      for (const { definition } of platform.extensions.list) demoServices.kernels.set(definition.id, createKernel(demoServices, definition.id));
      for (const { definition } of platform.extensions.list) {
        Object.assign(extensionCounts, await definition.demo?.(demoServices.kernels.get(definition.id)!, ctx));
      }
    }
    const developer = await seedDemoDeveloper(ctx);
    await settleActionState(ctx);
    await trx('seed_runs').insert({ name: DEMO_SEED });
    return {
      syntheticUsers: players.length + 1,
      xpAwards: awards,
      demoExecutions: executions,
      ...extensionCounts,
      apiKeys: developer.apiKeys,
      webhookDeliveries: developer.deliveries,
    };
  });
  const notes: string[] = [];
  for (const { definition } of platform.extensions.list) {
    const kernel = platform.kernels.get(definition.id);
    if (kernel && definition.demoNotes) notes.push(...(await definition.demoNotes(kernel)));
  }
  return { seededNow: counts !== null, ms: Math.round(performance.now() - started), notes, counts };
}
