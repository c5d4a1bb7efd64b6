// Two fixes on tables already created elsewhere, so a new migration rather than an edit:
//
// 1. `swiper_cards.member`: true for a user's own card in a users deck. The one-card-per-user index
//    was on (deck_id, owner_id) for every card, so an owner adding a second card by hand to a cards
//    deck (owner_id is the deck's owner there too) hit a unique violation. It now covers members only.
// 2. `swiper_decks.salt`: a random per-deck secret keying the swiper pseudonyms in the exports, so a
//    deck owner cannot rebuild md5(deck_id:user_id) from public user ids and link swipes to people.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('swiper_cards', (t) => {
    t.boolean('member').notNullable().defaultTo(false);
  });
  await knex.raw(`UPDATE swiper_cards c SET member = true FROM swiper_decks d WHERE d.id = c.deck_id AND d.kind = 'users' AND c.owner_id IS NOT NULL`);
  await knex.raw(`DROP INDEX IF EXISTS swiper_cards_member_idx`);
  await knex.raw(`CREATE UNIQUE INDEX swiper_cards_member_idx ON swiper_cards (deck_id, owner_id) WHERE member`);

  // The default fills every existing deck with its own random value.
  await knex.schema.alterTable('swiper_decks', (t) => {
    t.uuid('salt').notNullable().defaultTo(knex.raw('gen_random_uuid()'));
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('swiper_decks', (t) => {
    t.dropColumn('salt');
  });
  await knex.raw(`DROP INDEX IF EXISTS swiper_cards_member_idx`);
  await knex.schema.alterTable('swiper_cards', (t) => {
    t.dropColumn('member');
  });
  await knex.raw(`CREATE UNIQUE INDEX swiper_cards_member_idx ON swiper_cards (deck_id, owner_id) WHERE owner_id IS NOT NULL`);
}
