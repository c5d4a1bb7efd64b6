// Developer platform: applications and their API keys, the event outbox, webhook endpoints and
// deliveries, and daily usage per key and route. Rows that belong to live or test mode say which.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('applications', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('owner_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_id', 'created_at'], 'applications_owner_idx');
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('mode').notNullable();
    // SHA-256 of the whole key: keys are 190 random bits, so a fast hash is enough to store them.
    t.text('key_hash').notNullable().unique('api_keys_key_hash_unique');
    // What the owner sees to recognise a key: its prefix and last four characters.
    t.text('display').notNullable();
    t.specificType('scopes', 'text[]').notNullable();
    t.integer('rate_limit_per_minute').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', ts);
    t.timestamp('revoked_at', ts);
    t.index(['application_id', 'created_at'], 'api_keys_application_idx');
  });
  await knex.raw(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_mode_check CHECK (mode IN ('live', 'test'))`);

  // The outbox: every event is written in the transaction of the change that caused it.
  await knex.schema.createTable('events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigIncrements('sequence', { primaryKey: false });
    t.text('type').notNullable();
    t.text('mode').notNullable();
    t.uuid('user_id').references('users.id').onDelete('SET NULL');
    t.uuid('application_id').references('applications.id').onDelete('SET NULL');
    t.jsonb('data').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at'], 'events_created_idx');
  });

  await knex.schema.createTable('webhook_endpoints', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.text('mode').notNullable();
    t.text('url').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.specificType('events', 'text[]').notNullable();
    // The Standard Webhooks signing secret (whsec_…); needed in clear to sign every delivery.
    t.text('secret').notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.text('disabled_reason');
    t.timestamp('disabled_at', ts);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['application_id', 'mode'], 'webhook_endpoints_application_idx');
  });

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('endpoint_id').notNullable().references('webhook_endpoints.id').onDelete('CASCADE');
    t.uuid('event_id').notNullable().references('events.id').onDelete('CASCADE');
    // pending → succeeded | retrying → … → succeeded | failed; cancelled when the endpoint is off.
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('response_status');
    t.text('response_body');
    t.text('error');
    t.integer('duration_ms');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_attempt_at', ts);
    t.timestamp('next_attempt_at', ts);
    t.timestamp('delivered_at', ts);
    t.index(['endpoint_id', 'created_at', 'id'], 'webhook_deliveries_endpoint_idx');
  });

  // Per key, route and UTC day; latency as counts per bucket (see server/modules/usage) so that
  // percentiles can be read across instances and days.
  await knex.schema.createTable('api_usage_daily', (t) => {
    t.date('day').notNullable();
    t.uuid('api_key_id').notNullable().references('api_keys.id').onDelete('CASCADE');
    t.text('route').notNullable();
    t.integer('requests').notNullable();
    t.integer('errors').notNullable();
    t.specificType('latency_buckets', 'integer[]').notNullable();
    t.primary(['day', 'api_key_id', 'route']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['api_usage_daily', 'webhook_deliveries', 'webhook_endpoints', 'events', 'api_keys', 'applications']) {
    await knex.schema.dropTableIfExists(table);
  }
}
