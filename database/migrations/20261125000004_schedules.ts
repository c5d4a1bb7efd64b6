// Scheduling: schedule instances as data. `kind` names a registered schedule kind
// (server/modules/schedules/kinds) and `params` holds what that kind's params schema accepts.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('schedules', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique('schedules_code_unique');
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('timezone').notNullable();
    t.jsonb('params').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('schedules');
}
