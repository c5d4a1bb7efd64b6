// The actions → effects engine: action and effect definitions, their links to effects and
// schedules, per-user exceptions, the per-user state that limits lock on, the execution and effect
// logs, refusals, and what effects keep per user (counters, streaks, credits).
import type { Knex } from 'knex';

const ts = { useTz: true, precision: 3 } as const;

export async function up(knex: Knex): Promise<void> {
  // Effect types are code (server/modules/actions/effects); this table names them for the data.
  await knex.schema.createTable('effect_definitions', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
    t.text('description').notNullable();
  });

  await knex.schema.createTable('action_definitions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable();
    t.text('name').notNullable();
    t.text('category').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.integer('cooldown_seconds').notNullable().defaultTo(0);
    // NULL: no daily limit. "Daily" is the user's own calendar day in their time zone.
    t.integer('daily_limit');
    // NULL: no per-user, per-action rate limit beyond the cooldown.
    t.integer('rate_limit_per_minute');
    // Run by the platform itself (league results award XP through these), never by a caller.
    t.boolean('system_only').notNullable().defaultTo(false);
    // NULL for the platform's own actions; 'live' or 'test' for those an application registered.
    t.text('mode');
    t.uuid('application_id').references('applications.id').onDelete('CASCADE');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['category'], 'action_definitions_category_idx');
  });
  // A code is unique among the platform's actions and within each mode's registered ones; a test
  // key's registration never takes a code from live callers (registerAction also keeps registered
  // codes off the platform's).
  await knex.raw(`CREATE UNIQUE INDEX action_definitions_code_unique ON action_definitions (code, coalesce(mode, ''))`);

  await knex.schema.createTable('action_effects', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('action_id').notNullable().references('action_definitions.id').onDelete('CASCADE');
    t.text('effect_code').notNullable().references('effect_definitions.code');
    t.jsonb('params').notNullable().defaultTo('{}');
    t.integer('position').notNullable();
    t.unique(['action_id', 'position'], { indexName: 'action_effects_position_unique' });
  });

  await knex.schema.createTable('action_schedule_links', (t) => {
    t.uuid('action_id').notNullable().references('action_definitions.id').onDelete('CASCADE');
    t.uuid('schedule_id').notNullable().references('schedules.id').onDelete('CASCADE');
    t.primary(['action_id', 'schedule_id']);
  });

  await knex.schema.createTable('schedule_exceptions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // Granted with a test key, it opens schedules only in test mode.
    t.text('mode').notNullable().defaultTo('live');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('action_id').notNullable().references('action_definitions.id').onDelete('CASCADE');
    t.timestamp('starts_at', ts).notNullable();
    t.timestamp('ends_at', ts).notNullable();
    t.text('reason').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'action_id', 'ends_at'], 'schedule_exceptions_lookup_idx');
  });
  await knex.raw(`ALTER TABLE schedule_exceptions ADD CONSTRAINT schedule_exceptions_period_check CHECK (ends_at > starts_at)`);

  // One row per user and action: executions lock it, so cooldowns, daily limits and the per-action
  // rate limit hold under parallel requests on any number of instances.
  await knex.schema.createTable('user_action_state', (t) => {
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('action_id').notNullable().references('action_definitions.id').onDelete('CASCADE');
    t.timestamp('last_executed_at', ts);
    // The user's calendar day (in their zone) that day_count counts, and the instant it ends. The
    // count holds until that instant, so changing one's time zone cannot restart a day early.
    t.date('day');
    t.timestamp('day_resets_at', ts);
    t.integer('day_count').notNullable().defaultTo(0);
    t.timestamp('minute_started_at', ts);
    t.integer('minute_count').notNullable().defaultTo(0);
    t.primary(['mode', 'user_id', 'action_id']);
  });

  await knex.schema.createTable('user_action_log', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('action_id').notNullable().references('action_definitions.id').onDelete('CASCADE');
    t.text('action_code').notNullable();
    t.text('action_category').notNullable();
    t.text('status').notNullable();
    // Why it was refused (COOLDOWN, DAILY_LIMIT, RATE_LIMITED, SCHEDULE_CLOSED); NULL when it ran.
    t.text('failure_reason');
    t.timestamp('next_available_at', ts);
    // True when a free-action benefit let it past a cooldown or the daily limit.
    t.boolean('free_use').notNullable().defaultTo(false);
    t.jsonb('params').notNullable().defaultTo('{}');
    t.uuid('api_key_id');
    t.uuid('application_id');
    t.timestamp('executed_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['mode', 'user_id', 'executed_at'], 'user_action_log_user_idx');
    t.index(['mode', 'user_id', 'action_code', 'executed_at'], 'user_action_log_user_action_idx');
  });
  await knex.raw(`ALTER TABLE user_action_log ADD CONSTRAINT user_action_log_status_check CHECK (status IN ('succeeded', 'failed'))`);

  await knex.schema.createTable('effect_execution_log', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('execution_id').notNullable().references('user_action_log.id').onDelete('CASCADE');
    t.text('effect_code').notNullable();
    t.integer('position').notNullable();
    t.text('status').notNullable();
    t.jsonb('result').notNullable().defaultTo('{}');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['execution_id'], 'effect_execution_log_execution_idx');
  });

  await knex.schema.createTable('rate_limit_violations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('action_id').references('action_definitions.id').onDelete('CASCADE');
    t.uuid('api_key_id');
    t.text('reason').notNullable();
    t.timestamp('occurred_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'occurred_at'], 'rate_limit_violations_user_idx');
  });

  await knex.schema.createTable('user_counters', (t) => {
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('counter').notNullable();
    t.bigInteger('value').notNullable();
    t.timestamp('updated_at', ts).notNullable().defaultTo(knex.fn.now());
    t.primary(['mode', 'user_id', 'counter']);
  });

  await knex.schema.createTable('user_streaks', (t) => {
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('streak').notNullable();
    t.integer('current').notNullable();
    t.integer('longest').notNullable();
    // The user's calendar day (in their zone) of the last step.
    t.date('last_day').notNullable();
    t.primary(['mode', 'user_id', 'streak']);
  });

  // Credits: what the original's money rewards become, a balance the platform can honour.
  await knex.schema.createTable('user_credit_balances', (t) => {
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.bigInteger('balance').notNullable();
    t.primary(['mode', 'user_id']);
  });
  await knex.raw(`ALTER TABLE user_credit_balances ADD CONSTRAINT user_credit_balances_check CHECK (balance >= 0)`);
  await knex.schema.createTable('credit_ledger', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('mode').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.bigInteger('amount').notNullable();
    t.bigInteger('balance_after').notNullable();
    t.text('reason').notNullable();
    t.uuid('execution_id');
    t.timestamp('created_at', ts).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'created_at'], 'credit_ledger_user_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'credit_ledger', 'user_credit_balances', 'user_streaks', 'user_counters', 'rate_limit_violations', 'effect_execution_log',
    'user_action_log', 'user_action_state', 'schedule_exceptions', 'action_schedule_links', 'action_effects', 'action_definitions',
    'effect_definitions',
  ]) {
    await knex.schema.dropTable(table);
  }
}
