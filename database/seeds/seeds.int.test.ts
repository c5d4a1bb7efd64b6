// Seeding is idempotent and creates the admin from CALOS_ADMIN_* on first start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthKit } from '../../server/platform';
import { createTestDatabase, testConfig } from '../../server/testing/harness';
import type { Database } from '../../server/db/index';
import { runSeeds } from './index';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

describe('runSeeds', () => {
  it('creates the admin and demo accounts once, however often it runs', async () => {
    const config = testConfig({
      CALOS_ADMIN_USERNAME: 'root_admin',
      CALOS_ADMIN_EMAIL: 'root@calos.local',
      CALOS_ADMIN_PASSWORD: 'an admin password',
      CALOS_SEED_DEMO: 'true',
    });
    const kit = await createAuthKit(config, db);
    const first = await runSeeds(db.knex, kit, config);
    expect(first.admin).toBe('created');
    const again = await Promise.all([runSeeds(db.knex, kit, config), runSeeds(db.knex, kit, config)]);
    expect(again.map((r) => r.admin)).toEqual(['exists', 'exists']);
    const users = await db.knex('users').select('username', 'role').orderBy('username');
    expect(users).toEqual([
      { username: 'demo', role: 'user' },
      { username: 'root_admin', role: 'admin' },
    ]);
  });

  it('creates the built-in schedules once', async () => {
    const codes = await db.knex('schedules').orderBy('code').pluck('code');
    expect(codes).toEqual(['always', 'business_hours', 'nasdaq', 'nyse']);
  });

  it('lets the admin sign in with the password from the environment', async () => {
    const config = testConfig();
    const kit = await createAuthKit(config, db);
    const user = await db.knex('users').where({ username: 'root_admin' }).first('password_hash');
    expect(await kit.passwords.verify(user.password_hash, 'an admin password')).toBe(true);
  });
});
