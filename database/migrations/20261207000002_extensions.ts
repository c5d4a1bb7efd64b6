// Extensions (server/extensions): which ones a database has run, for the administrators' page and
// to tidy up after one is disabled (its job schedules stop; its tables and data stay); and which
// extension owns an action, so a disabled extension's actions are neither listed nor run.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('extensions', (t) => {
    t.text('id').primary();
    t.text('version').notNullable();
    t.text('source').notNullable();
    t.boolean('enabled').notNullable();
    // Its pg-boss queues, so that their schedules can be removed while it is disabled.
    t.specificType('queues', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('first_loaded_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_loaded_at', ts).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.alterTable('action_definitions', (t) => {
    t.text('extension_id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('action_definitions', (t) => {
    t.dropColumn('extension_id');
  });
  await knex.schema.dropTableIfExists('extensions');
}
