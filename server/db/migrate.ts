// Applies the migrations in database/migrations and reports whether the schema is current.
import type { Knex } from 'knex';
import { migrations } from '../../database/migrations/index';

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

const migrateConfig: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };

/**
 * Brings the schema up to date. Instances starting together on one PostgreSQL race for knex's
 * migration lock; the loser waits for the winner instead of failing its start-up.
 */
export async function migrateToLatest(knex: Knex, attempts = 60): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [, applied] = (await knex.migrate.latest(migrateConfig)) as [number, string[]];
      return applied;
    } catch (err) {
      if ((err as Error).name !== 'MigrationLocked' || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** True when every known migration has been applied (used by /readyz). */
export async function isSchemaCurrent(knex: Knex): Promise<boolean> {
  const [, pending] = (await knex.migrate.list(migrateConfig)) as [unknown[], unknown[]];
  return pending.length === 0;
}
