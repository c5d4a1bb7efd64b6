// Passkeys (WebAuthn) and new-device confirmation (docs/authentication.md). Challenges live in the
// database, single use and expiring, so that two instances behave as one: the one that verifies an
// answer need not be the one that issued its challenge.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('passkeys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // The authenticator's credential id (base64url): unique across every account.
    t.text('credential_id').notNullable().unique('passkeys_credential_unique');
    // The COSE public key, base64url.
    t.text('public_key').notNullable();
    t.bigInteger('counter').notNullable().defaultTo(0);
    t.jsonb('transports').notNullable().defaultTo('[]');
    t.text('name').notNullable();
    t.text('device_type').notNullable();
    t.boolean('backed_up').notNullable().defaultTo(false);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', ts);
    t.index(['user_id'], 'passkeys_user_idx');
  });

  await knex.schema.createTable('passkey_challenges', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('purpose').notNullable();
    // Registration and the second factor know their account; a usernameless sign-in does not.
    t.uuid('user_id').references('users.id').onDelete('CASCADE');
    t.text('challenge').notNullable();
    t.text('rp_id').notNullable();
    t.timestamp('expires_at', ts).notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['expires_at'], 'passkey_challenges_expiry_idx');
  });
  await knex.raw(
    `ALTER TABLE passkey_challenges ADD CONSTRAINT passkey_challenges_purpose_check CHECK (purpose IN ('register', 'login', 'second_factor'))`,
  );

  await knex.schema.alterTable('users', (t) => {
    // Opt-in per account: a password sign-in must be completed with one of the account's passkeys.
    t.boolean('passkey_required').notNullable().defaultTo(false);
  });

  // New-device confirmation (CALOS_NEW_DEVICE_CONFIRMATION): a device is confirmed when it signed in
  // before this existed, at sign-up, while the setting was off, or by the link mailed for it.
  await knex.schema.alterTable('trusted_devices', (t) => {
    t.timestamp('confirmed_at', ts).defaultTo(knex.fn.now());
  });
  await knex('trusted_devices').update({ confirmed_at: knex.ref('first_seen_at') });
  await knex.schema.alterTable('email_tokens', (t) => {
    t.uuid('device_id').references('trusted_devices.id').onDelete('CASCADE');
  });
  await knex.raw('ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check');
  await knex.raw(
    `ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password', 'confirm_device'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('email_tokens').where({ purpose: 'confirm_device' }).delete();
  await knex.raw('ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check');
  await knex.raw(`ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))`);
  await knex.schema.alterTable('email_tokens', (t) => t.dropColumn('device_id'));
  await knex.schema.alterTable('trusted_devices', (t) => t.dropColumn('confirmed_at'));
  await knex.schema.alterTable('users', (t) => t.dropColumn('passkey_required'));
  await knex.schema.dropTableIfExists('passkey_challenges');
  await knex.schema.dropTableIfExists('passkeys');
}
