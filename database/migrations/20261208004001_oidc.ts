// CalOS as an OpenID Connect provider (server/modules/oidc): the clients developers register, the
// provider's state (grants, codes, tokens, sessions, interactions) and its signing keys, all in the
// database so that every instance on it acts as one provider.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('oidc_clients', (t) => {
    // The public client_id, what relying parties configure.
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('logo_uri');
    t.text('type').notNullable();
    // oidc-provider compares client secrets itself, so a confidential client's secret is kept in clear
    // (as webhook signing secrets are); it is shown to the developer once, when made or rotated.
    t.text('client_secret');
    t.specificType('redirect_uris', 'text[]').notNullable();
    t.specificType('post_logout_redirect_uris', 'text[]').notNullable().defaultTo('{}');
    t.specificType('scopes', 'text[]').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['application_id', 'created_at'], 'oidc_clients_application_idx');
  });
  await knex.raw(`ALTER TABLE oidc_clients ADD CONSTRAINT oidc_clients_type_check CHECK (type IN ('public', 'confidential'))`);
  await knex.raw(
    `ALTER TABLE oidc_clients ADD CONSTRAINT oidc_clients_secret_check CHECK ((type = 'public') = (client_secret IS NULL))`,
  );

  // Every oidc-provider model but Client, one row per (model, id). grant_id, uid and user_code are
  // the adapter's lookups; account_id and client_id let a user list and revoke connected apps.
  await knex.schema.createTable('oidc_payloads', (t) => {
    t.text('model').notNullable();
    t.text('id').notNullable();
    t.jsonb('payload').notNullable();
    t.text('grant_id');
    t.text('uid');
    t.text('user_code');
    t.text('account_id');
    t.text('client_id');
    t.timestamp('expires_at', ts);
    t.timestamp('consumed_at', ts);
    t.primary(['model', 'id']);
    t.index(['grant_id'], 'oidc_payloads_grant_idx');
    t.index(['expires_at'], 'oidc_payloads_expires_idx');
    t.index(['account_id', 'model'], 'oidc_payloads_account_idx');
  });
  await knex.raw(`CREATE UNIQUE INDEX oidc_payloads_uid_idx ON oidc_payloads (model, uid) WHERE uid IS NOT NULL`);
  await knex.raw(`CREATE UNIQUE INDEX oidc_payloads_user_code_idx ON oidc_payloads (model, user_code) WHERE user_code IS NOT NULL`);

  // Signing keys (private JWKs). The newest key that every instance has had time to publish signs;
  // older ones stay published until retired, so tokens they signed still verify.
  await knex.schema.createTable('oidc_signing_keys', (t) => {
    t.text('kid').primary();
    t.jsonb('jwk').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('retired_at', ts);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('oidc_signing_keys');
  await knex.schema.dropTableIfExists('oidc_payloads');
  await knex.schema.dropTableIfExists('oidc_clients');
}
