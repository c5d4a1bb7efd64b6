// An application's test events, newest first, for the developer portal's test-data view
// (server/modules/developer/sandbox.ts), without reading every live event: a partial index over
// test events only, which are few beside live ones.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX events_test_application_idx ON events (application_id, created_at) WHERE mode = 'test'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS events_test_application_idx');
}
