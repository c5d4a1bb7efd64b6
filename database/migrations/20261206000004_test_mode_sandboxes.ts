// Test mode becomes private to each application (server/modules/developer/realm.ts). A test action
// code is unique within its application only, apart from live codes; and the per-user state and
// logs that test keys wrote move from the one shared sandbox ('test') to the sandbox of the
// application that wrote them ('test:<application id>'), wherever a row names that application
// (its key, its execution, its action or its league). Totals that several applications may have
// added to (XP, levels, board counts, achievements, counters, streaks, credits, ratings) cannot be
// split: they stay under 'test', which no key reads any more.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A code is unique among the platform's actions, among live ones (registerAction keeps these two
  // apart), and among each application's test ones. One index led by the code, which finds an action
  // by its code too.
  await knex.raw('DROP INDEX action_definitions_code_unique');
  await knex.raw(
    `CREATE UNIQUE INDEX action_definitions_code_unique
     ON action_definitions (code, coalesce(mode, ''), (CASE WHEN mode = 'test' THEN application_id::text ELSE '' END))`,
  );
  await moveTestRowsToTheirApplications(knex);
}

/** The shared sandbox's rows that name their application, moved to its sandbox (idempotent). */
export async function moveTestRowsToTheirApplications(knex: Knex): Promise<void> {
  // Executions: by the key's application, or a test league's game by the league's (where the leagues
  // extension's tables exist: a database made since extensions load after the kernel has none yet).
  const leagues = await hasLeagues(knex);
  await knex.raw(`UPDATE user_action_log SET mode = 'test:' || application_id WHERE mode = 'test' AND application_id IS NOT NULL`);
  if (leagues) await knex.raw(
    `UPDATE user_action_log l SET mode = 'test:' || lg.application_id, application_id = lg.application_id
     FROM league_matches m JOIN leagues lg ON lg.id = m.league_id
     WHERE l.mode = 'test' AND l.application_id IS NULL AND l.params->>'matchId' = m.id::text AND lg.application_id IS NOT NULL`,
  );
  // Limits state of an application's own test actions (the platform's may hold several sandboxes' uses).
  await knex.raw(
    `UPDATE user_action_state s SET mode = 'test:' || a.application_id FROM action_definitions a
     WHERE s.mode = 'test' AND a.id = s.action_id AND a.mode = 'test' AND a.application_id IS NOT NULL`,
  );
  await knex.raw(
    `UPDATE schedule_exceptions x SET mode = 'test:' || k.application_id FROM api_keys k
     WHERE x.mode = 'test' AND x.created_by = 'key:' || k.id::text`,
  );
  await knex.raw(
    `UPDATE rate_limit_violations v SET mode = 'test:' || k.application_id FROM api_keys k
     WHERE v.mode = 'test' AND v.api_key_id = k.id`,
  );
  await knex.raw(
    `UPDATE xp_gain_log x SET mode = 'test:' || k.application_id FROM api_keys k
     WHERE x.mode = 'test' AND x.source_kind = 'api_key' AND x.source_id = k.id::text`,
  );
  await knex.raw(
    `UPDATE xp_gain_log x SET mode = l.mode FROM user_action_log l
     WHERE x.mode = 'test' AND x.source_kind = 'action' AND x.source_id = l.id::text AND l.mode LIKE 'test:%'`,
  );
  await knex.raw(
    `UPDATE credit_ledger c SET mode = l.mode FROM user_action_log l
     WHERE c.mode = 'test' AND c.execution_id = l.id AND l.mode LIKE 'test:%'`,
  );
  if (leagues) await knex.raw(
    `UPDATE elo_history h SET mode = 'test:' || lg.application_id FROM leagues lg
     WHERE h.mode = 'test' AND h.league_id = lg.id AND lg.application_id IS NOT NULL`,
  );
}

async function hasLeagues(knex: Knex): Promise<boolean> {
  const { rows } = (await knex.raw(`SELECT to_regclass('league_matches') IS NOT NULL AS present`)) as { rows: Array<{ present: boolean }> };
  return rows[0]!.present;
}

export async function down(knex: Knex): Promise<void> {
  const leagues = await hasLeagues(knex);
  // Back to one shared sandbox. Keyed state cannot hold two sandboxes' rows under one key, and test
  // data is disposable: it goes; logs fold back.
  for (const table of [
    'user_action_state', 'user_skills', 'user_progress', 'leaderboard_buckets', 'leaderboard_bucket_deltas', 'user_achievements',
    'user_counters', 'user_streaks', 'user_credit_balances', ...(leagues ? ['player_ratings'] : []),
  ]) {
    await knex.raw(`DELETE FROM ${table} WHERE mode LIKE 'test:%'`);
  }
  for (const table of ['user_action_log', 'schedule_exceptions', 'rate_limit_violations', 'xp_gain_log', 'credit_ledger', ...(leagues ? ['elo_history'] : [])]) {
    await knex.raw(`UPDATE ${table} SET mode = 'test' WHERE mode LIKE 'test:%'`);
  }
  // One test action per code: the oldest keeps it.
  await knex.raw(
    `DELETE FROM action_definitions a USING action_definitions b
     WHERE a.mode = 'test' AND b.mode = 'test' AND a.code = b.code AND (b.created_at, b.id) < (a.created_at, a.id)`,
  );
  await knex.raw('DROP INDEX action_definitions_code_unique');
  await knex.raw(`CREATE UNIQUE INDEX action_definitions_code_unique ON action_definitions (code, coalesce(mode, ''))`);
}
