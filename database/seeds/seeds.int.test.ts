// Seeding is idempotent and creates the admin from CALOS_ADMIN_* on first start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthKit, createPlatform, type RunningPlatform } from '../../server/platform';
import { createLogger } from '../../server/logging';
import type { Config } from '../../server/config';
import { createTestDatabase, raceTest, testConfig } from '../../server/testing/harness';
import type { Database } from '../../server/db/index';
import { runSeeds } from './index';
import { builtInSchedules, seedSchedules } from './schedules';

let db: Database;
const platforms: RunningPlatform[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const platform of platforms) await platform.stop();
  await db.close();
});

/** A platform as a start builds it (extensions, their kernels, the auth kit), its workers not started. */
async function platformFor(config: Config): Promise<RunningPlatform> {
  const platform = await createPlatform(config, db, createLogger('silent'));
  platforms.push(platform);
  return platform;
}

describe('runSeeds', () => {
  it('creates the admin and demo accounts once, however often it runs', { timeout: 120_000 }, async () => {
    const config = testConfig({
      CALOS_ADMIN_USERNAME: 'root_admin',
      CALOS_ADMIN_EMAIL: 'root@calos.local',
      CALOS_ADMIN_PASSWORD: 'an admin password',
      CALOS_SEED_DEMO: 'true',
    });
    const seeding = await platformFor(config);
    const kit = seeding.auth;
    const first = await runSeeds(db.knex, kit, config, seeding);
    expect(first.admin).toBe('created');
    const again = await Promise.all([runSeeds(db.knex, kit, config, seeding), runSeeds(db.knex, kit, config, seeding)]);
    expect(again.map((r) => r.admin)).toEqual(['exists', 'exists']);
    // The demo data's synthetic players aside (database/seeds/demo has its own test).
    const users = await db.knex('users').where({ synthetic: false }).select('username', 'role').orderBy('username');
    expect(users).toEqual([
      { username: 'demo', role: 'user' },
      { username: 'root_admin', role: 'admin' },
    ]);
  });

  it('creates the built-in schedules when they are missing, and only once', async () => {
    // The template every test database copies is seeded already: start from none.
    await db.knex('schedules').del();
    const config = testConfig();
    const seeding = await platformFor(config);
    const kit = seeding.auth;
    await runSeeds(db.knex, kit, config, seeding);
    await runSeeds(db.knex, kit, config, seeding);
    const codes = await db.knex('schedules').orderBy('code').pluck('code');
    expect(codes).toEqual(['always', 'business_hours', 'nasdaq', 'nyse']);
  });

  raceTest('creates the built-in schedules once when three seedings run at once', async () => {
    await db.knex('schedules').del();
    await Promise.all([seedSchedules(db.knex), seedSchedules(db.knex), seedSchedules(db.knex)]);
    const codes = await db.knex('schedules').orderBy('code').pluck('code');
    expect(codes).toEqual(builtInSchedules.map((s) => s.code).sort());
  });

  raceTest('creates the admin once when two first starts seed at once', async () => {
    const config = testConfig({
      CALOS_ADMIN_USERNAME: 'race_admin',
      CALOS_ADMIN_EMAIL: 'race@calos.local',
      CALOS_ADMIN_PASSWORD: 'another admin password',
    });
    const seeding = await platformFor(config);
    const kit = seeding.auth;
    const results = await Promise.all([runSeeds(db.knex, kit, config, seeding), runSeeds(db.knex, kit, config, seeding)]);
    expect(results.map((r) => r.admin).sort()).toEqual(['created', 'exists']);
    expect(await db.knex('users').where({ username: 'race_admin' }).pluck('role')).toEqual(['admin']);
  });

  it('lets the admin sign in with the password from the environment', async () => {
    const config = testConfig();
    const kit = await createAuthKit(config, db);
    const user = await db.knex('users').where({ username: 'root_admin' }).first('password_hash');
    expect(await kit.passwords.verify(user.password_hash, 'an admin password')).toBe(true);
  });
});
