// An application's sandbox as its owner sees it: what its test keys made (GET
// /api/apps/{id}/test-data, for the developer portal's test-data view), and its removal with the
// application, since no key could reach that data afterwards.
import type { Knex } from 'knex';
import type { Tx } from '../../db/index';
import type { TestDataContribution } from '../../extensions/definition';
import { SANDBOX_LIST_LIMITS } from '../../../shared/schemas/developer';
import { ownedApplication } from './applications';
import { realmOf, type Realm } from './realm';

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
  const [topUsers, latestExecutions, latestEvents] = await Promise.all([
    sandboxUsers(tx, realm),
    tx('user_action_log as l')
      .join('users as u', 'u.id', 'l.user_id')
      .where('l.mode', realm)
      .orderBy([{ column: 'l.executed_at', order: 'desc' }, { column: 'l.id', order: 'desc' }])
      .limit(SANDBOX_LIST_LIMITS.executions)
      .select('l.id', 'l.user_id', 'u.username', 'l.action_code', 'l.status', 'l.failure_reason', 'l.executed_at') as Promise<ExecutionRow[]>,
    tx('events')
      .where(ofApp)
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'sequence', order: 'desc' }])
      .limit(SANDBOX_LIST_LIMITS.events)
      .select('id', 'type', 'user_id', 'created_at') as Promise<Array<{ id: string; type: string; user_id: string | null; created_at: Date }>>,
  ]);
  return {
    applicationId,
    actions,
    leagues,
    executions,
    users,
    events,
    webhookEndpoints,
    campaigns,
    extensions,
    topUsers,
    latestExecutions: latestExecutions.map((e) => ({
      id: e.id,
      userId: e.user_id,
      username: e.username,
      actionCode: e.action_code,
      status: e.status,
      failureReason: e.failure_reason,
      executedAt: e.executed_at,
    })),
    latestEvents: latestEvents.map((e) => ({ id: e.id, type: e.type, userId: e.user_id, createdAt: e.created_at })),
  };
}

interface ExecutionRow {
  id: string;
  user_id: string;
  username: string;
  action_code: string;
  status: 'succeeded' | 'failed';
  failure_reason: string | null;
  executed_at: Date;
}

/** The sandbox's users (with XP or executions in it), most XP first, then the most recently active. */
async function sandboxUsers(tx: Tx, realm: Realm) {
  const ids = tx('user_progress')
    .where({ mode: realm })
    .select('user_id')
    .union((q) => q.from('user_action_log').where({ mode: realm }).select('user_id'))
    .as('ids');
  const progress = tx('user_progress').where({ mode: realm }).select('user_id', 'total_level', 'total_xp').as('p');
  const activity = tx('user_action_log')
    .where({ mode: realm })
    .groupBy('user_id')
    .select('user_id')
    .count({ n: '*' })
    .max({ last: 'executed_at' })
    .as('a');
  const rows = (await tx
    .from(ids)
    .join('users as u', 'u.id', 'ids.user_id')
    .leftJoin(progress, 'p.user_id', 'ids.user_id')
    .leftJoin(activity, 'a.user_id', 'ids.user_id')
    .orderByRaw('coalesce(p.total_xp, 0) DESC, a.last DESC NULLS LAST, u.id')
    .limit(SANDBOX_LIST_LIMITS.users)
    .select('u.id', 'u.username', 'p.total_level', 'p.total_xp', 'a.n', 'a.last')) as Array<{
    id: string;
    username: string;
    total_level: number | null;
    total_xp: number | null;
    n: string | number | null;
    last: Date | null;
  }>;
  return rows.map((r) => ({
    userId: r.id,
    username: r.username,
    totalLevel: r.total_level,
    totalXp: r.total_xp ?? 0,
    executions: Number(r.n ?? 0),
    lastExecutedAt: r.last,
  }));
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
