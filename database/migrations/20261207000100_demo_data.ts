// Demo data: synthetic users are marked as such (the embedded database's demo population, never a
// person), and one-off seed data sets record that they ran, so a start seeds them once only.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.boolean('synthetic').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('seed_runs', (t) => {
    t.text('name').primary();
    t.timestamp('completed_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('seed_runs');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('synthetic');
  });
}
