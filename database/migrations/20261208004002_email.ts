// Email addresses are verified: an address is unique among verified addresses only (a sign-up with
// a taken address is accepted unverified, and does not reveal that it is taken), and sign-in by
// email matches verified addresses only. Single-use tokens for verification and password reset.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.timestamp('email_verified_at', ts);
  });
  // Accounts made before verification existed keep signing in by email: their addresses count as verified.
  await knex('users').update({ email_verified_at: knex.ref('created_at') });
  await knex.raw('ALTER TABLE users DROP CONSTRAINT users_email_unique');
  await knex.raw('CREATE UNIQUE INDEX users_verified_email_unique ON users (email) WHERE email_verified_at IS NOT NULL');
  await knex.raw('CREATE INDEX users_email_idx ON users (email)');

  await knex.schema.createTable('email_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('purpose').notNullable();
    // SHA-256 of the token sent by mail (256 random bits): a database leak reveals no usable link.
    t.text('token_hash').notNullable().unique('email_tokens_hash_unique');
    t.text('email').notNullable();
    t.timestamp('expires_at', ts).notNullable();
    t.timestamp('used_at', ts);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'purpose'], 'email_tokens_user_idx');
  });
  await knex.raw(`ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('email_tokens');
  await knex.raw('DROP INDEX IF EXISTS users_email_idx');
  await knex.raw('DROP INDEX IF EXISTS users_verified_email_unique');
  await knex.raw('ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE (email)');
  await knex.schema.alterTable('users', (t) => t.dropColumn('email_verified_at'));
}
