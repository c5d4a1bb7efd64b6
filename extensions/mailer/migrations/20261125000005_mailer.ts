// The mailer: campaigns, code batches, coupon codes (stored only as keyed hashes), redemptions,
// mailing addresses and deliveries. The benefits it hands out (XP boosts, free actions) are the
// kernel's tables: this migration made them once, and deployed databases keep them;
// 20261207000001_benefits makes them where it did not run. Skills and actions are referred to by code, not by foreign key, so this capability
// does not depend on the order in which those tables land.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mailer_campaigns', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('period').notNullable();
    t.text('mode').notNullable().defaultTo('live');
    t.timestamp('starts_at', ts).notNullable();
    t.timestamp('ends_at', ts).notNullable();
    t.jsonb('benefits').notNullable();
    // NULL: no budget. redemptions_count was the budget counter, raised under the row lock (until
    // mailer_20261209005101_budget_slots moved it to slot rows).
    t.integer('max_redemptions');
    t.integer('redemptions_count').notNullable().defaultTo(0);
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.uuid('application_id').references('applications.id').onDelete('SET NULL');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['mode', 'created_at', 'id'], 'mailer_campaigns_list_idx');
  });
  await knex.raw(`ALTER TABLE mailer_campaigns ADD CONSTRAINT mailer_campaigns_period_check CHECK (period IN ('monthly', 'yearly', 'one_off'))`);
  await knex.raw(`ALTER TABLE mailer_campaigns ADD CONSTRAINT mailer_campaigns_mode_check CHECK (mode IN ('live', 'test'))`);
  await knex.raw(`ALTER TABLE mailer_campaigns ADD CONSTRAINT mailer_campaigns_dates_check CHECK (ends_at > starts_at)`);
  await knex.raw(
    `ALTER TABLE mailer_campaigns ADD CONSTRAINT mailer_campaigns_budget_check
       CHECK (max_redemptions IS NULL OR redemptions_count <= max_redemptions)`,
  );

  await knex.schema.createTable('coupon_batches', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('campaign_id').notNullable().references('mailer_campaigns.id').onDelete('CASCADE');
    t.integer('count').notNullable();
    t.integer('uses_per_code').notNullable();
    t.timestamp('expires_at', ts);
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    // The plaintext codes as CSV, AES-256-GCM encrypted with a key derived from the coupon secret
    // (never stored here): downloadable once for the print house, then wiped.
    t.binary('codes_ciphertext');
    t.timestamp('codes_downloaded_at', ts);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['campaign_id', 'created_at', 'id'], 'coupon_batches_campaign_idx');
  });

  await knex.schema.createTable('coupon_codes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('batch_id').notNullable().references('coupon_batches.id').onDelete('CASCADE');
    t.uuid('campaign_id').notNullable().references('mailer_campaigns.id').onDelete('CASCADE');
    // HMAC-SHA-256 of the normalised code under the server's coupon secret (base64url): a leaked
    // table reveals no redeemable code, and a lookup is one unique-index probe.
    t.text('code_hash').notNullable().unique('coupon_codes_hash_unique');
    t.integer('uses_per_code').notNullable();
    t.integer('uses').notNullable().defaultTo(0);
    t.timestamp('expires_at', ts);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['batch_id'], 'coupon_codes_batch_idx');
  });
  await knex.raw(`ALTER TABLE coupon_codes ADD CONSTRAINT coupon_codes_uses_check CHECK (uses >= 0 AND uses <= uses_per_code)`);

  await knex.schema.createTable('coupon_redemptions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('code_id').notNullable().references('coupon_codes.id').onDelete('CASCADE');
    t.uuid('campaign_id').notNullable().references('mailer_campaigns.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // The benefits as applied (a snapshot: the campaign may change later).
    t.jsonb('benefits').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    // Once per user per code, even when two requests race: the second insert fails.
    t.unique(['code_id', 'user_id'], { indexName: 'coupon_redemptions_code_user_unique' });
    t.index(['user_id', 'created_at', 'id'], 'coupon_redemptions_user_idx');
    t.index(['campaign_id', 'created_at'], 'coupon_redemptions_campaign_idx');
  });

  await knex.schema.createTable('user_mailing_addresses', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE').unique('user_mailing_addresses_user_unique');
    t.text('recipient').notNullable();
    t.text('line1').notNullable();
    t.text('line2').notNullable().defaultTo('');
    t.text('city').notNullable();
    t.text('region').notNullable().defaultTo('');
    t.text('postal_code').notNullable();
    t.text('country').notNullable();
    // The user agrees to receive physical mailings; false keeps the address but skips them.
    t.boolean('opted_in').notNullable().defaultTo(true);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('mailer_deliveries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('campaign_id').notNullable().references('mailer_campaigns.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // The address as it was when queued: a later move does not rewrite what was printed.
    t.jsonb('address').notNullable();
    t.text('status').notNullable().defaultTo('queued');
    t.text('note').notNullable().defaultTo('');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('printed_at', ts);
    t.timestamp('mailed_at', ts);
    t.timestamp('returned_at', ts);
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.unique(['campaign_id', 'user_id'], { indexName: 'mailer_deliveries_campaign_user_unique' });
    t.index(['campaign_id', 'created_at', 'id'], 'mailer_deliveries_campaign_idx');
  });
  await knex.raw(
    `ALTER TABLE mailer_deliveries ADD CONSTRAINT mailer_deliveries_status_check CHECK (status IN ('queued', 'printed', 'mailed', 'returned'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'mailer_deliveries',
    'user_mailing_addresses',
    'coupon_redemptions',
    'coupon_codes',
    'coupon_batches',
    'mailer_campaigns',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
