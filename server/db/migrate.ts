// Applies the migrations (the kernel's, then the loaded extensions') and reports whether the schema
// is current. They run in the order given, not by name: an extension's migrations come after the
// kernel's even where their names (kept from before extensions) sort earlier.
import type { Knex } from 'knex';

export type MigrationList = ReadonlyArray<readonly [string, Knex.Migration]>;

function migrateConfig(migrations: MigrationList): Knex.MigratorConfig {
  const byName = new Map(migrations);
  const source: Knex.MigrationSource<string> = {
    getMigrations: async () => migrations.map(([name]) => name),
    getMigrationName: (name) => name,
    getMigration: async (name) => byName.get(name)!,
  };
  // A disabled extension's applied migrations are not in the list; its tables stay as they were.
  return { migrationSource: source, tableName: 'knex_migrations', disableMigrationsListValidation: true };
}

/**
 * Brings the schema up to date. Instances starting together on one PostgreSQL race for knex's
 * migration lock; the loser waits for the winner instead of failing its start-up.
 */
export async function migrateToLatest(knex: Knex, migrations: MigrationList, attempts = 60): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [, applied] = (await knex.migrate.latest(migrateConfig(migrations))) as [number, string[]];
      return applied;
    } catch (err) {
      if ((err as Error).name !== 'MigrationLocked' || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** True when every migration of the list has been applied (used by /readyz). */
export async function isSchemaCurrent(knex: Knex, migrations: MigrationList): Promise<boolean> {
  const [, pending] = (await knex.migrate.list(migrateConfig(migrations))) as [unknown[], unknown[]];
  return pending.length === 0;
}
