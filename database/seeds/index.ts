// Seed data, safe to run on every start: each step creates what is missing and leaves the rest.
import type { Config } from '../../server/config';
import type { Db } from '../../server/db/index';
import { ensureAccount, type AuthKit } from '../../server/modules/auth/service';
import { seedProgression } from './progression';
import { seedSchedules } from './schedules';
import { seedActionsAndEffects } from './actions';
import type { LoadedExtensions } from '../../server/extensions/loader';
import type { Platform } from '../../server/domain';
import { seedDemoData, type DemoDataReport } from './demo/index';

/**
 * The platform's catalogues (skills, achievements, schedules, actions, the loaded extensions'
 * actions): every database needs them, tests included.
 */
export async function seedReferenceData(db: Db, extensions: LoadedExtensions): Promise<void> {
  await seedProgression(db);
  await seedSchedules(db);
  await seedActionsAndEffects(db, extensions.list.flatMap((e) => (e.definition.actions ?? []).map((a) => ({ ...a, extensionId: e.definition.id }))));
}

/** Demo accounts of the embedded development database (CALOS_SEED_DEMO). */
export const demoAccounts = [
  { username: 'demo', email: 'demo@calos.local', password: 'calos-demo-2026', role: 'user' as const },
];

export interface SeedReport {
  admin: 'created' | 'exists' | 'not configured';
  demoAccounts: typeof demoAccounts;
  /** The demo data (database/seeds/demo), when CALOS_SEED_DEMO is on. */
  demoData: DemoDataReport | null;
}

/** Everything a start seeds: the catalogues, the extensions' own seed data, the admin and the demo. */
export async function runSeeds(db: Db, kit: AuthKit, config: Config, platform: Pick<Platform, 'extensions' | 'kernels'>): Promise<SeedReport> {
  await seedReferenceData(db, platform.extensions);
  for (const { definition } of platform.extensions.list) await definition.seed?.(platform.kernels.get(definition.id)!);
  const admin = config.admin ? await ensureAccount(kit, db, { ...config.admin, role: 'admin' }) : 'not configured';
  if (!config.seedDemo) return { admin, demoAccounts: [], demoData: null };
  for (const account of demoAccounts) await ensureAccount(kit, db, account);
  return { admin, demoAccounts, demoData: await seedDemoData(db, config, demoAccounts[0]!.username, platform) };
}
