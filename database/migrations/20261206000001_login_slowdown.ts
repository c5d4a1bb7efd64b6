// Login slow-down: a throttle window may hold its next counted hit back until a time (the growing
// delay on an account under attack, server/modules/auth/login-queries.ts). NULL: nothing held.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rate_limit_windows', (t) => {
    t.timestamp('held_until', { useTz: true, precision: 3 });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rate_limit_windows', (t) => {
    t.dropColumn('held_until');
  });
}
