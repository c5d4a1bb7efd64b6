// League results that cannot be farmed. Players' results in an open league are limited per pair and
// league in any 24 hours (extensions/leagues/server/matches.ts): the index makes that count one probe.
// The game actions that give a result's XP get daily limits (win_* 10, play_* 20, as the seed now
// creates them) where they still have none; a limit an operator set is kept.
// `action_definitions` is a kernel table, which an extension does not touch; this migration predates
// the extension API and stays as it is (deployed databases have applied it). Today the limits come
// with the actions the extension declares (../actions.ts).
import type { Knex } from 'knex';

const GAMES = ['chess', 'checkers', 'tic_tac_toe'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX league_matches_open_pair_idx ON league_matches
       (league_id, LEAST(player_a, player_b), GREATEST(player_a, player_b), recorded_at)
       WHERE status = 'completed' AND round IS NULL AND recorded_by = 'players'`,
  );
  for (const [prefix, limit] of [['win', 10], ['play', 20]] as const) {
    await knex('action_definitions')
      .whereNull('mode')
      .whereNull('daily_limit')
      .where('system_only', true)
      .whereIn('code', GAMES.map((game) => `${prefix}_${game}`))
      .update({ daily_limit: limit });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS league_matches_open_pair_idx');
}
