// Webhook lanes: one sender at a time per endpoint across instances. The endpoint row carries the
// lease of whoever is sending its deliveries (a token and until when), and the outstanding
// deliveries of an endpoint are found through a small partial index instead of its whole history.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('webhook_endpoints', (t) => {
    t.uuid('lane_token');
    t.timestamp('lane_until', { useTz: true, precision: 3 });
  });
  await knex.raw(
    `CREATE INDEX webhook_deliveries_outstanding_idx ON webhook_deliveries (endpoint_id) WHERE status IN ('pending', 'retrying')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS webhook_deliveries_outstanding_idx');
  await knex.schema.alterTable('webhook_endpoints', (t) => {
    t.dropColumn('lane_token');
    t.dropColumn('lane_until');
  });
}
