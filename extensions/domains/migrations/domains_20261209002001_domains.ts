// The domain portfolio's tables: names (owner, notes, tags, status, RDAP data, Elo, vote counts),
// votes (one per user and name), pairwise comparisons (one per user and pair) with each rating
// change, feedback, and the expiry reminders sent (once per name, threshold and expiry date).
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('domains_domains', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('owner_id').notNullable().references('users.id').onDelete('CASCADE');
    // The ASCII (punycode) form, lower case: unique.
    t.text('name').notNullable().unique('domains_domains_name_unique');
    t.text('notes').notNullable().defaultTo('');
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('active');
    t.double('elo').notNullable().defaultTo(1200);
    t.integer('comparisons').notNullable().defaultTo(0);
    t.integer('votes_up').notNullable().defaultTo(0);
    t.integer('votes_down').notNullable().defaultTo(0);
    t.text('rdap_state').notNullable().defaultTo('off');
    t.text('registrar');
    t.timestamp('registered_at', ts);
    t.timestamp('expires_at', ts);
    t.timestamp('last_changed_at', ts);
    t.specificType('rdap_statuses', 'text[]').notNullable().defaultTo('{}');
    t.specificType('nameservers', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('rdap_checked_at', ts);
    t.text('rdap_error');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_id', 'created_at'], 'domains_domains_owner_idx');
    t.index(['elo', 'id'], 'domains_domains_elo_idx');
    t.index(['expires_at'], 'domains_domains_expires_idx');
  });
  await knex.raw(`ALTER TABLE domains_domains ADD CONSTRAINT domains_domains_status_check CHECK (status IN ('active', 'parked', 'for_sale', 'archived'))`);
  await knex.raw(`ALTER TABLE domains_domains ADD CONSTRAINT domains_domains_rdap_check CHECK (rdap_state IN ('off', 'pending', 'registered', 'not_registered', 'failed'))`);
  await knex.raw(`CREATE INDEX domains_domains_score_idx ON domains_domains ((votes_up - votes_down), id)`);

  await knex.schema.createTable('domains_votes', (t) => {
    t.uuid('domain_id').notNullable().references('domains_domains.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('direction').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    // One vote per user and name.
    t.primary(['domain_id', 'user_id']);
    t.index(['user_id'], 'domains_votes_user_idx');
  });
  await knex.raw(`ALTER TABLE domains_votes ADD CONSTRAINT domains_votes_direction_check CHECK (direction IN ('up', 'down'))`);

  await knex.schema.createTable('domains_comparisons', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // The pair in id order, so (a, b) and (b, a) are one pair; winner null for a skip.
    t.uuid('domain_low').notNullable().references('domains_domains.id').onDelete('CASCADE');
    t.uuid('domain_high').notNullable().references('domains_domains.id').onDelete('CASCADE');
    t.uuid('winner_id');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'domain_low', 'domain_high'], { indexName: 'domains_comparisons_pair_unique' });
  });
  await knex.raw(`ALTER TABLE domains_comparisons ADD CONSTRAINT domains_comparisons_order_check CHECK (domain_low < domain_high)`);

  await knex.schema.createTable('domains_elo_history', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('domain_id').notNullable().references('domains_domains.id').onDelete('CASCADE');
    t.uuid('comparison_id').notNullable().references('domains_comparisons.id').onDelete('CASCADE');
    t.uuid('opponent_id').notNullable();
    t.boolean('won').notNullable();
    t.double('before').notNullable();
    t.double('after').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['domain_id', 'created_at'], 'domains_elo_history_domain_idx');
  });

  await knex.schema.createTable('domains_feedback', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('domain_id').notNullable().references('domains_domains.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('body').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['domain_id', 'created_at'], 'domains_feedback_domain_idx');
  });

  // domain.expiring sent: once per name, threshold (days) and expiry date (a renewal reminds again).
  await knex.schema.createTable('domains_reminders', (t) => {
    t.uuid('domain_id').notNullable().references('domains_domains.id').onDelete('CASCADE');
    t.integer('days').notNullable();
    t.timestamp('expires_at', ts).notNullable();
    t.timestamp('sent_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['domain_id', 'days', 'expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['domains_reminders', 'domains_feedback', 'domains_elo_history', 'domains_comparisons', 'domains_votes', 'domains_domains']) {
    await knex.schema.dropTableIfExists(table);
  }
}
