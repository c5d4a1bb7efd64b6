// Idempotency keys: the first response of a retryable write (execute, award-xp, redeem, match),
// kept 24 h so a client that retries with the same Idempotency-Key gets it again.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    // Who sent the key: 'user:<id>' or 'key:<api key id>'; keys of different callers never meet.
    t.text('scope').notNullable();
    t.text('key').notNullable();
    t.text('procedure').notNullable();
    // SHA-256 of the procedure and its input: the same key with another body is refused (422).
    t.text('fingerprint').notNullable();
    t.text('state').notNullable();
    // Which request holds a running claim: only it may complete or release the key.
    t.uuid('claim_id').notNullable();
    // The first success, serialised with superjson so dates survive a replay on either door.
    t.jsonb('response');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    // A running claim older than this belongs to a request that died; it may be taken over.
    t.timestamp('locked_until', ts).notNullable();
    t.primary(['scope', 'key']);
    t.index(['created_at'], 'idempotency_keys_created_idx');
  });
  await knex.raw(`ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check CHECK (state IN ('running', 'done'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
}
