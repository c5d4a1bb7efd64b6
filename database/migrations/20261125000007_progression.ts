// Skills and progression: the skill catalogue, each user's XP per skill and totals, the XP log,
// achievements with their conditions, and the per-bucket counts that make exact ranks cheap.
// Progress rows carry `mode`: XP awarded with a test-mode API key never touches live boards.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('skills', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique('skills_code_unique');
    t.text('name').notNullable();
    t.text('description').notNullable();
    t.text('icon').notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('achievements', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique('achievements_code_unique');
    t.text('name').notNullable();
    t.text('description').notNullable();
    t.text('icon').notNullable();
    t.text('rarity').notNullable();
    t.integer('points').notNullable();
    // {type, ...params}: a condition of the registry in server/modules/skills/conditions/.
    t.jsonb('condition').notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE achievements ADD CONSTRAINT achievements_rarity_check CHECK (rarity IN ('common', 'uncommon', 'rare', 'epic', 'legendary'))`,
  );

  // Ties on a board go to whoever reached the score first. Every change of a score takes the next
  // value of this descending sequence, so "reached earlier" is "larger tiebreak" and a board's order
  // (score DESC, tiebreak DESC) is one direction, which keyset scans can walk with a row comparison.
  await knex.raw(`CREATE SEQUENCE progress_tiebreak_seq INCREMENT BY -1 START WITH -1 MAXVALUE -1`);

  await knex.schema.createTable('user_skills', (t) => {
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('skill_id').notNullable().references('skills.id').onDelete('CASCADE');
    // XP is capped at 200,000,000 and the total of ten skills at 2,000,000,000: both fit integer.
    t.integer('xp').notNullable();
    // The XP before the last change, written by the same upsert, so the caller learns both.
    t.integer('prev_xp').notNullable().defaultTo(0);
    t.bigInteger('tiebreak').notNullable();
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['mode', 'user_id', 'skill_id']);
  });
  await knex.raw(`CREATE INDEX user_skills_board_idx ON user_skills (mode, skill_id, xp DESC, tiebreak DESC)`);
  await knex.raw(`ALTER TABLE user_skills ADD CONSTRAINT user_skills_xp_check CHECK (xp BETWEEN 0 AND 200000000)`);

  await knex.schema.createTable('user_progress', (t) => {
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('total_level').notNullable();
    t.integer('total_xp').notNullable();
    t.bigInteger('tiebreak').notNullable();
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['mode', 'user_id']);
  });
  await knex.raw(`CREATE INDEX user_progress_board_idx ON user_progress (mode, total_level DESC, total_xp DESC, tiebreak DESC)`);

  // Users per bucket of each board ('total' or a skill code): see server/modules/skills/rank-buckets.ts.
  await knex.schema.createTable('leaderboard_buckets', (t) => {
    t.text('mode').notNullable();
    t.text('board').notNullable();
    t.integer('bucket').notNullable();
    t.integer('users').notNullable();
    t.primary(['mode', 'board', 'bucket']);
  });

  // Moves between buckets, appended by awards (inserts only: parallel awards never wait on a hot
  // count row) and folded into leaderboard_buckets every few seconds; ranks read both.
  await knex.schema.createTable('leaderboard_bucket_deltas', (t) => {
    t.bigIncrements('id');
    t.text('mode').notNullable();
    t.text('board').notNullable();
    t.integer('bucket').notNullable();
    t.integer('delta').notNullable();
    t.index(['mode', 'board', 'bucket'], 'leaderboard_bucket_deltas_board_idx');
  });

  await knex.schema.createTable('xp_gain_log', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('skill_id').notNullable().references('skills.id').onDelete('CASCADE');
    t.integer('xp_requested').notNullable();
    // What was added after the cap: 0 once a skill is at 200,000,000.
    t.integer('xp_awarded').notNullable();
    t.integer('xp_after').notNullable();
    t.integer('level_before').notNullable();
    t.integer('level_after').notNullable();
    t.text('reason').notNullable();
    // Who awarded it: an admin user, an API key, or the actions engine (with the execution id).
    t.text('source_kind').notNullable();
    t.text('source_id');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'created_at'], 'xp_gain_log_user_idx');
  });

  await knex.schema.createTable('user_achievements', (t) => {
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('achievement_id').notNullable().references('achievements.id').onDelete('CASCADE');
    t.timestamp('unlocked_at', ts).notNullable().defaultTo(knex.fn.now());
    // The primary key makes "unlocked exactly once" hold under parallel awards.
    t.primary(['mode', 'user_id', 'achievement_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['user_achievements', 'xp_gain_log', 'leaderboard_bucket_deltas', 'leaderboard_buckets', 'user_progress', 'user_skills', 'achievements', 'skills']) {
    await knex.schema.dropTable(table);
  }
  await knex.raw('DROP SEQUENCE progress_tiebreak_seq');
}
