// The swiper's tables: decks of weighted cards, each swiper's draws per pass, swipes (one per
// swiper, card and pass), matches (one per pair and deck), blocks and reports.
//
// `realm` is 'live' or 'test:<applicationId>' (a test publishable key's sandbox); `swiper` is a
// user id, or 'v:<applicationId>:<visitorId>' for an anonymous visitor of an embedding site.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('swiper_decks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('owner_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    // 'cards': any profiles the owner adds; 'users': users who opt in, one card each.
    t.text('kind').notNullable();
    // Made by the generator (synthetic profiles, not people).
    t.boolean('synthetic').notNullable().defaultTo(false);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_id', 'created_at'], 'swiper_decks_owner_idx');
  });
  await knex.raw(`ALTER TABLE swiper_decks ADD CONSTRAINT swiper_decks_kind_check CHECK (kind IN ('cards', 'users'))`);

  await knex.schema.createTable('swiper_cards', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('deck_id').notNullable().references('swiper_decks.id').onDelete('CASCADE');
    // The person the card is (a users deck) or who answers for it (may like back); null for none.
    t.uuid('owner_id').references('users.id').onDelete('CASCADE');
    t.double('weight').notNullable();
    t.jsonb('profile').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['deck_id', 'created_at'], 'swiper_cards_deck_idx');
  });
  await knex.raw(`ALTER TABLE swiper_cards ADD CONSTRAINT swiper_cards_weight_check CHECK (weight > 0 AND weight <= 1000000)`);
  // A user is in a users deck once.
  await knex.raw(`CREATE UNIQUE INDEX swiper_cards_member_idx ON swiper_cards (deck_id, owner_id) WHERE owner_id IS NOT NULL`);

  await knex.schema.createTable('swiper_draw_states', (t) => {
    t.uuid('deck_id').notNullable().references('swiper_decks.id').onDelete('CASCADE');
    t.text('realm').notNullable();
    t.text('swiper').notNullable();
    t.integer('pass').notNullable().defaultTo(1);
    t.integer('drawn').notNullable().defaultTo(0);
    t.primary(['deck_id', 'realm', 'swiper']);
  });

  await knex.schema.createTable('swiper_draws', (t) => {
    t.uuid('deck_id').notNullable();
    t.text('realm').notNullable();
    t.text('swiper').notNullable();
    t.integer('pass').notNullable();
    t.uuid('card_id').notNullable().references('swiper_cards.id').onDelete('CASCADE');
    // Its place in the pass (0, 1, …): the order the swiper sees.
    t.integer('position').notNullable();
    t.boolean('swiped').notNullable().defaultTo(false);
    t.timestamp('drawn_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['deck_id', 'realm', 'swiper', 'pass', 'card_id']);
    t.foreign(['deck_id', 'realm', 'swiper']).references(['deck_id', 'realm', 'swiper']).inTable('swiper_draw_states').onDelete('CASCADE');
  });

  await knex.schema.createTable('swiper_swipes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('deck_id').notNullable().references('swiper_decks.id').onDelete('CASCADE');
    t.uuid('card_id').notNullable().references('swiper_cards.id').onDelete('CASCADE');
    t.text('realm').notNullable();
    t.text('swiper').notNullable();
    t.uuid('user_id').references('users.id').onDelete('CASCADE');
    t.integer('pass').notNullable();
    t.text('direction').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.unique(['card_id', 'realm', 'swiper', 'pass'], { indexName: 'swiper_swipes_once_idx' });
    t.index(['deck_id', 'realm', 'created_at'], 'swiper_swipes_deck_idx');
  });
  await knex.raw(`ALTER TABLE swiper_swipes ADD CONSTRAINT swiper_swipes_direction_check CHECK (direction IN ('left', 'right', 'super'))`);
  await knex.raw(`CREATE INDEX swiper_swipes_likes_idx ON swiper_swipes (deck_id, user_id, card_id) WHERE direction <> 'left' AND user_id IS NOT NULL`);

  await knex.schema.createTable('swiper_matches', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('deck_id').notNullable().references('swiper_decks.id').onDelete('CASCADE');
    // The two users, the lower id first, so a pair has one row.
    t.uuid('user_low').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('user_high').notNullable().references('users.id').onDelete('CASCADE');
    // 'mutual' (both liked each other's card) or 'like_back' (a card's owner liked a user back).
    t.text('kind').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.unique(['deck_id', 'user_low', 'user_high'], { indexName: 'swiper_matches_pair_idx' });
    t.index(['user_high'], 'swiper_matches_high_idx');
  });
  await knex.raw(`ALTER TABLE swiper_matches ADD CONSTRAINT swiper_matches_order_check CHECK (user_low < user_high)`);

  await knex.schema.createTable('swiper_blocks', (t) => {
    t.uuid('blocker_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('blocked_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['blocker_id', 'blocked_id']);
    t.index(['blocked_id'], 'swiper_blocks_blocked_idx');
  });

  await knex.schema.createTable('swiper_reports', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('reporter_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('card_id').notNullable().references('swiper_cards.id').onDelete('CASCADE');
    t.text('reason').notNullable();
    t.text('note').notNullable().defaultTo('');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.unique(['reporter_id', 'card_id'], { indexName: 'swiper_reports_once_idx' });
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['swiper_reports', 'swiper_blocks', 'swiper_matches', 'swiper_swipes', 'swiper_draws', 'swiper_draw_states', 'swiper_cards', 'swiper_decks']) {
    await knex.schema.dropTableIfExists(table);
  }
}
