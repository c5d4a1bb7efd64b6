// An application's sandbox as its owner sees it: what its test keys made (GET
// /api/apps/{id}/test-data, for the developer portal's test-data view), and its removal with the
// application, since no key could reach that data afterwards.
import type { Knex } from 'knex';
import type { Tx } from '../../db/index';
import type { TestDataContribution } from '../../extensions/definition';
import { ownedApplication } from './applications';
import { realmOf } from './realm';

/**
 * Tables whose `mode` column holds a realm (realm.ts) and leads an index, so that a realm's rows are
 * found without reading the table. The others (XP and credit ledgers, rate-limit refusals, schedule
 * exceptions, Elo ratings and history) keep a deleted application's rows, which no key reads.
 */
const INDEXED_REALM_TABLES = [
  'user_skills', 'user_progress', 'leaderboard_buckets', 'leaderboard_bucket_deltas', 'user_achievements', 'user_action_state',
  'user_action_log', 'user_counters', 'user_streaks', 'user_credit_balances',
] as const;

let contributions: ReadonlyArray<TestDataContribution & { owner: string }> = [];

/** What the loaded extensions keep in an application's sandbox (server/extensions/loader.ts). */
export function installSandboxContributions(list: ReadonlyArray<TestDataContribution & { owner: string }>): void {
  contributions = list;
}

const count = async (query: PromiseLike<Array<{ n: string | number }>>) => Number((await query)[0]?.n ?? 0);

export async function sandboxSummary(tx: Tx, ownerId: string, applicationId: string) {
  await ownedApplication(tx, ownerId, applicationId);
  const realm = realmOf({ mode: 'test', applicationId });
  const ofApp = { mode: 'test', application_id: applicationId };
  const [actions, executions, users, events, webhookEndpoints, ...counted] = await Promise.all([
    tx('action_definitions').where(ofApp).orderBy('code').pluck('code') as Promise<string[]>,
    count(tx('user_action_log').where({ mode: realm }).count({ n: '*' })),
    count(
      tx
        .from(tx('user_progress').where({ mode: realm }).select('user_id').union((q) => q.from('user_action_log').where({ mode: realm }).select('user_id')).as('u'))
        .count({ n: '*' }),
    ),
    count(tx('events').where(ofApp).count({ n: '*' })),
    count(tx('webhook_endpoints').where(ofApp).count({ n: '*' })),
    ...contributions.map((c) => c.count(tx as Knex.Transaction, applicationId)),
  ]);
  const extensions = Object.fromEntries(contributions.map((c, i) => [c.owner, counted[i] as Record<string, number>]));
  // `leagues` and `campaigns` were here before extensions; kept (0 when that extension is off).
  const leagues = extensions.leagues?.leagues ?? 0;
  const campaigns = extensions.mailer?.campaigns ?? 0;
  return { applicationId, actions, leagues, executions, users, events, webhookEndpoints, campaigns, extensions };
}

/**
 * Deletes the test data a deleted application leaves behind: its realm's per-user state and
 * executions, and what the extensions keep there (test leagues; its keys, endpoints and test actions go with the application
 * row itself).
 */
export async function clearSandbox(tx: Tx, applicationId: string): Promise<void> {
  const realm = realmOf({ mode: 'test', applicationId });
  for (const table of INDEXED_REALM_TABLES) await tx(table).where({ mode: realm }).delete();
  for (const contribution of contributions) await contribution.wipe(tx as Knex.Transaction, applicationId);
}
