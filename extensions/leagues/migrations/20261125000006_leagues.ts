// Game leagues: leagues and their participants, matches (fixtures, results and players' pending
// reports), Elo ratings per user, game and mode, and the history of every rating change.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('leagues', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('game').notNullable();
    t.text('name').notNullable();
    t.text('tier').notNullable();
    t.text('format').notNullable();
    // registration → running → completed
    t.text('status').notNullable().defaultTo('registration');
    t.text('mode').notNullable().defaultTo('live');
    t.timestamp('start_date', ts).notNullable();
    t.timestamp('end_date', ts).notNullable();
    t.integer('max_participants').notNullable();
    t.double('k_factor').notNullable();
    // Kept in step with league_participants under the league's row lock: registration's capacity check.
    t.integer('participant_count').notNullable().defaultTo(0);
    t.integer('current_round').notNullable().defaultTo(0);
    t.integer('total_rounds');
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.uuid('application_id').references('applications.id').onDelete('SET NULL');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', ts);
    t.timestamp('completed_at', ts);
    t.index(['mode', 'created_at', 'id'], 'leagues_mode_created_idx');
  });
  await knex.raw(`ALTER TABLE leagues ADD CONSTRAINT leagues_format_check CHECK (format IN ('round_robin', 'swiss', 'single_elimination', 'open'))`);
  await knex.raw(`ALTER TABLE leagues ADD CONSTRAINT leagues_status_check CHECK (status IN ('registration', 'running', 'completed'))`);
  await knex.raw(`ALTER TABLE leagues ADD CONSTRAINT leagues_mode_check CHECK (mode IN ('live', 'test'))`);
  await knex.raw(`ALTER TABLE leagues ADD CONSTRAINT leagues_capacity_check CHECK (participant_count <= max_participants)`);

  await knex.schema.createTable('league_participants', (t) => {
    t.uuid('league_id').notNullable().references('leagues.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('registered_at', ts).notNullable().defaultTo(knex.fn.now());
    // One registration per user and league, whatever the races.
    t.primary(['league_id', 'user_id']);
    t.index(['user_id'], 'league_participants_user_idx');
  });

  await knex.schema.createTable('league_matches', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('league_id').notNullable().references('leagues.id').onDelete('CASCADE');
    // Fixtures have a round and a slot; matches of an open league have neither.
    t.integer('round');
    t.integer('slot');
    t.uuid('player_a').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('player_b').references('users.id').onDelete('CASCADE'); // null: a bye
    // scheduled | pending (one player reported) | completed | bye
    t.text('status').notNullable();
    t.text('result');
    t.jsonb('moves');
    t.double('rating_a_before');
    t.double('rating_a_after');
    t.double('rating_b_before');
    t.double('rating_b_after');
    // A player's report awaiting the other player's confirmation.
    t.uuid('reported_by').references('users.id').onDelete('SET NULL');
    t.text('reported_result');
    t.jsonb('reported_moves');
    t.text('recorded_by'); // 'operator' | 'players'
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('recorded_at', ts);
    t.unique(['league_id', 'round', 'slot'], { indexName: 'league_matches_fixture_unique' });
    t.index(['league_id', 'status'], 'league_matches_league_status_idx');
  });
  await knex.raw(`ALTER TABLE league_matches ADD CONSTRAINT league_matches_status_check CHECK (status IN ('scheduled', 'pending', 'completed', 'bye'))`);
  await knex.raw(`ALTER TABLE league_matches ADD CONSTRAINT league_matches_result_check CHECK (result IN ('a', 'b', 'draw'))`);
  // In an open league, one unconfirmed report per pair at a time: two players reporting the same
  // game at once meet here instead of creating two pending matches.
  await knex.raw(
    `CREATE UNIQUE INDEX league_matches_open_pending_unique ON league_matches
       (league_id, LEAST(player_a, player_b), GREATEST(player_a, player_b)) WHERE status = 'pending' AND round IS NULL`,
  );

  await knex.schema.createTable('player_ratings', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('game').notNullable();
    t.text('mode').notNullable().defaultTo('live');
    t.double('rating').notNullable().defaultTo(1200);
    t.double('peak').notNullable().defaultTo(1200);
    t.integer('games').notNullable().defaultTo(0);
    t.integer('wins').notNullable().defaultTo(0);
    t.integer('draws').notNullable().defaultTo(0);
    t.integer('losses').notNullable().defaultTo(0);
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'game', 'mode']);
  });
  // The leaderboard's keyset order: rating down, then user id.
  await knex.raw('CREATE INDEX player_ratings_leaderboard_idx ON player_ratings (game, mode, rating DESC, user_id)');

  await knex.schema.createTable('elo_history', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('game').notNullable();
    t.text('mode').notNullable();
    t.uuid('match_id').notNullable().references('league_matches.id').onDelete('CASCADE');
    t.uuid('league_id').notNullable().references('leagues.id').onDelete('CASCADE');
    t.double('rating_before').notNullable();
    t.double('rating_after').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.unique(['match_id', 'user_id'], { indexName: 'elo_history_match_user_unique' });
    t.index(['user_id', 'game', 'mode', 'created_at'], 'elo_history_user_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['elo_history', 'player_ratings', 'league_matches', 'league_participants', 'leagues']) {
    await knex.schema.dropTableIfExists(table);
  }
}
