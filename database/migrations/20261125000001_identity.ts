// Identity: users, sessions, known devices, spoofing alerts, age verifications, login throttling
// and the platform's own secrets (the JWT signing key shared by every instance).
// Timestamps keep milliseconds, the precision of a JS Date, so list cursors built from them are exact.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('platform_secrets', (t) => {
    t.text('name').primary();
    t.text('value').notNullable();
    t.timestamp('created_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('username').notNullable().unique('users_username_unique');
    t.text('email').notNullable().unique('users_email_unique');
    t.text('password_hash').notNullable();
    t.text('role').notNullable().defaultTo('user');
    t.text('timezone');
    t.timestamp('created_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('user', 'admin'))`);

  await knex.schema.createTable('trusted_devices', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // SHA-256 of the client's fingerprint: enough to recognise a device, useless to replay it elsewhere.
    t.text('fingerprint_hash').notNullable();
    t.text('label').notNullable();
    t.boolean('trusted').notNullable().defaultTo(false);
    t.jsonb('signals').notNullable().defaultTo('{}');
    t.text('last_ip');
    t.timestamp('first_seen_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'fingerprint_hash'], { indexName: 'trusted_devices_user_fingerprint_unique' });
  });

  await knex.schema.createTable('user_sessions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('device_id').references('trusted_devices.id').onDelete('SET NULL');
    t.text('ip');
    t.text('user_agent');
    t.timestamp('created_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true, precision: 3 }).notNullable();
    t.timestamp('revoked_at', { useTz: true, precision: 3 });
    t.text('revoked_reason');
    t.index(['user_id', 'created_at'], 'user_sessions_user_idx');
  });

  await knex.schema.createTable('device_spoofing_alerts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('device_id').references('trusted_devices.id').onDelete('SET NULL');
    t.text('kind').notNullable();
    t.text('severity').notNullable();
    t.jsonb('details').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('acknowledged_at', { useTz: true, precision: 3 });
    t.index(['user_id', 'created_at', 'id'], 'device_spoofing_alerts_user_idx');
  });

  // Only the answer is kept: "over N: yes/no", how it was established and when. Never a birth date.
  await knex.schema.createTable('age_verifications', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('minimum_age').notNullable();
    t.boolean('over').notNullable();
    t.text('method').notNullable();
    t.timestamp('verified_at', { useTz: true, precision: 3 }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'minimum_age'], { indexName: 'age_verifications_user_age_unique' });
  });

  // Fixed-window counters (login attempts per account and per address, later per API key). Kept in
  // the database so that every instance counts against the same limit.
  await knex.schema.createTable('rate_limit_windows', (t) => {
    t.text('key').primary();
    t.integer('attempts').notNullable();
    t.timestamp('window_started_at', { useTz: true, precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'rate_limit_windows',
    'age_verifications',
    'device_spoofing_alerts',
    'user_sessions',
    'trusted_devices',
    'users',
    'platform_secrets',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
