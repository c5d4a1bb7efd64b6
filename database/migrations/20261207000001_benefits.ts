// Benefits a user holds: XP boosts and free action uses (server/modules/benefits). They are the
// kernel's; the mailer's first migration (20261125000005_mailer) used to create them, so a database
// where it ran has them already and this leaves them as they are.
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable('user_xp_boosts')) return;
  await knex.schema.createTable('user_xp_boosts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.double('multiplier').notNullable();
    // NULL: every skill; otherwise the one skill code it applies to.
    t.text('skill_code');
    t.timestamp('starts_at', ts).notNullable();
    t.timestamp('ends_at', ts).notNullable();
    // Where it came from, e.g. `coupon:<redemption id>` or `effect:grant_coupon`.
    t.text('source').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'ends_at'], 'user_xp_boosts_user_idx');
  });
  await knex.raw(`ALTER TABLE user_xp_boosts ADD CONSTRAINT user_xp_boosts_multiplier_check CHECK (multiplier > 1 AND multiplier <= 10)`);
  await knex.raw(`ALTER TABLE user_xp_boosts ADD CONSTRAINT user_xp_boosts_period_check CHECK (ends_at > starts_at)`);

  await knex.schema.createTable('user_free_actions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('action_code').notNullable();
    t.integer('uses_left').notNullable();
    t.text('source').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
  });
  // The CHECK is the last line of defence: no statement can ever take a grant below zero.
  await knex.raw(`ALTER TABLE user_free_actions ADD CONSTRAINT user_free_actions_uses_check CHECK (uses_left >= 0)`);
  await knex.raw(
    `CREATE INDEX user_free_actions_open_idx ON user_free_actions (user_id, action_code, created_at) WHERE uses_left > 0`,
  );

}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('user_free_actions');
  await knex.schema.dropTableIfExists('user_xp_boosts');
}
