// The code challenges' tables: model profiles (the AI contestants and judges), challenges with
// their rubric, optional subject and AI panel, invited judges, entries (a model's generated answer
// or a person's submission), people's pairwise and rubric judgments, the AI panel's scores, and
// the entrants' Elo ratings.
//
// One judgment per judge and entry (per pair for pairwise) is a unique index, so parallel
// requests by one judge count once.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('challenges_profiles', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('slug').notNullable().unique();
    t.text('name').notNullable();
    t.text('persona').notNullable().defaultTo('');
    // 'stub' (deterministic, always available) or 'ollama' (CALOS_OLLAMA_URL).
    t.text('provider').notNullable();
    t.text('model').notNullable();
    t.text('system_prompt').notNullable().defaultTo('');
    t.jsonb('parameters').notNullable().defaultTo('{}');
    // Seeded personas on the stub provider, not real products.
    t.boolean('synthetic').notNullable().defaultTo(false);
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE challenges_profiles ADD CONSTRAINT challenges_profiles_provider_check CHECK (provider IN ('stub', 'ollama'))`);

  await knex.schema.createTable('challenges_challenges', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('creator_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.text('prompt').notNullable();
    // [{ key, label, weight }]
    t.jsonb('rubric').notNullable();
    t.timestamp('deadline', ts).notNullable();
    // AI judges: model profile ids.
    t.jsonb('panel').notNullable().defaultTo('[]');
    t.text('subject_type');
    t.text('subject_id');
    t.text('subject_label');
    t.uuid('winner_entry_id');
    t.timestamp('winner_picked_at', ts);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at'], 'challenges_challenges_created_idx');
    t.index(['subject_type', 'subject_id'], 'challenges_challenges_subject_idx');
  });

  await knex.schema.createTable('challenges_judges', (t) => {
    t.uuid('challenge_id').notNullable().references('challenges_challenges.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['challenge_id', 'user_id']);
  });

  await knex.schema.createTable('challenges_entries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('challenge_id').notNullable().references('challenges_challenges.id').onDelete('CASCADE');
    // A model profile's generated answer, or a person's submission.
    t.uuid('profile_id').references('challenges_profiles.id').onDelete('CASCADE');
    t.uuid('user_id').references('users.id').onDelete('CASCADE');
    // 'queued' | 'running' | 'done' | 'failed' | 'cancelled' (a person's entry is 'done' at once).
    t.text('status').notNullable();
    t.text('content').notNullable().defaultTo('');
    t.text('content_type').notNullable().defaultTo('text/html');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('error');
    // The stored embedding (a JSON array of numbers; cast to pgvector's vector where it exists).
    t.jsonb('embedding');
    t.uuid('duplicate_of');
    t.double('similarity');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', ts);
    t.index(['challenge_id', 'created_at'], 'challenges_entries_challenge_idx');
  });
  await knex.raw(`ALTER TABLE challenges_entries ADD CONSTRAINT challenges_entries_who_check CHECK ((profile_id IS NULL) <> (user_id IS NULL))`);
  await knex.raw(`ALTER TABLE challenges_entries ADD CONSTRAINT challenges_entries_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled'))`);
  await knex.raw(`CREATE UNIQUE INDEX challenges_entries_profile_idx ON challenges_entries (challenge_id, profile_id) WHERE profile_id IS NOT NULL`);
  await knex.raw(`CREATE UNIQUE INDEX challenges_entries_user_idx ON challenges_entries (challenge_id, user_id) WHERE user_id IS NOT NULL`);

  // A person's blind pairwise judgment: the pair is stored in id order (low, high), once per judge.
  await knex.schema.createTable('challenges_pairwise', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('challenge_id').notNullable().references('challenges_challenges.id').onDelete('CASCADE');
    t.uuid('judge_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('entry_low').notNullable().references('challenges_entries.id').onDelete('CASCADE');
    t.uuid('entry_high').notNullable().references('challenges_entries.id').onDelete('CASCADE');
    // 'low' | 'high' | 'tie'
    t.text('result').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.unique(['judge_id', 'entry_low', 'entry_high'], { indexName: 'challenges_pairwise_once_idx' });
    t.index(['challenge_id', 'created_at'], 'challenges_pairwise_challenge_idx');
  });
  await knex.raw(`ALTER TABLE challenges_pairwise ADD CONSTRAINT challenges_pairwise_order_check CHECK (entry_low < entry_high AND result IN ('low', 'high', 'tie'))`);

  // Rubric scores: a person's (judge_id) or an AI judge's (profile_id), once per judge and entry.
  await knex.schema.createTable('challenges_scores', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('challenge_id').notNullable().references('challenges_challenges.id').onDelete('CASCADE');
    t.uuid('entry_id').notNullable().references('challenges_entries.id').onDelete('CASCADE');
    t.uuid('judge_id').references('users.id').onDelete('CASCADE');
    t.uuid('profile_id').references('challenges_profiles.id').onDelete('CASCADE');
    // 'done' | 'failed' (an AI judge whose answers never validated)
    t.text('status').notNullable();
    // { criterionKey: 0–10 }
    t.jsonb('scores').notNullable().defaultTo('{}');
    t.text('comment').notNullable().defaultTo('');
    t.integer('attempts').notNullable().defaultTo(1);
    t.text('error');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE challenges_scores ADD CONSTRAINT challenges_scores_who_check CHECK ((profile_id IS NULL) <> (judge_id IS NULL))`);
  await knex.raw(`CREATE UNIQUE INDEX challenges_scores_person_idx ON challenges_scores (entry_id, judge_id) WHERE judge_id IS NOT NULL`);
  await knex.raw(`CREATE UNIQUE INDEX challenges_scores_model_idx ON challenges_scores (entry_id, profile_id) WHERE profile_id IS NOT NULL`);

  // Elo of every entrant across challenges: 'model:<profileId>' or 'user:<userId>'.
  await knex.schema.createTable('challenges_ratings', (t) => {
    t.text('entrant').primary();
    t.double('rating').notNullable();
    t.integer('games').notNullable().defaultTo(0);
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['challenges_ratings', 'challenges_scores', 'challenges_pairwise', 'challenges_entries', 'challenges_judges', 'challenges_challenges', 'challenges_profiles']) {
    await knex.schema.dropTableIfExists(table);
  }
}
