// A user's executions: the log page by page (with each one's effects) and the counts the stats
// page charts. "Today" and the days of the chart are the user's own calendar days.
import { DateTime } from 'luxon';
import type { Tx } from '../../db/index';
import { newestFirstPage } from '../../db/cursor';
import { notFound } from '../../errors';
import type { Realm } from '../developer/realm';

interface LogRow {
  id: string;
  created_at: Date;
  action_code: string;
  status: 'succeeded' | 'failed';
  failure_reason: string | null;
  next_available_at: Date | null;
  free_use: boolean;
  params: Record<string, unknown>;
  effects: Array<{ effectCode: string; status: 'applied' | 'skipped'; result: Record<string, unknown> }>;
}

export async function actionHistory(db: Tx, realm: Realm, userId: string, input: { actionCode?: string; limit: number; cursor?: string }) {
  const query = db('user_action_log as l')
    .where({ 'l.mode': realm, 'l.user_id': userId })
    .select(
      'l.id',
      'l.executed_at as created_at',
      'l.action_code',
      'l.status',
      'l.failure_reason',
      'l.next_available_at',
      'l.free_use',
      'l.params',
      db.raw(`(SELECT coalesce(json_agg(json_build_object('effectCode', e.effect_code, 'status', e.status, 'result', e.result) ORDER BY e.position), '[]')
               FROM effect_execution_log e WHERE e.execution_id = l.id) AS effects`),
    );
  if (input.actionCode) query.where('l.action_code', input.actionCode);
  // newestFirstPage pages by (created_at, id): the log's instant is executed_at, renamed above.
  const page = await newestFirstPage<LogRow>(db.from(query.as('h')).select('*'), input);
  return {
    items: page.rows.map((r) => ({
      id: r.id,
      actionCode: r.action_code,
      status: r.status,
      reason: r.failure_reason as never,
      nextAvailableAt: r.next_available_at,
      freeUse: r.free_use,
      params: r.params,
      executedAt: r.created_at,
      effects: r.effects,
    })),
    nextCursor: page.nextCursor,
  };
}

const CHART_DAYS = 30;

export async function actionStats(db: Tx, realm: Realm, userId: string) {
  const user = await db('users').where({ id: userId }).first('timezone');
  if (!user) throw notFound('user', 'No such user.');
  const zone = (user.timezone as string | null) ?? 'UTC';
  const since = DateTime.now().setZone(zone).startOf('day').minus({ days: CHART_DAYS - 1 });
  const [byAction, perDay, failed] = await Promise.all([
    db('user_action_log')
      .where({ mode: realm, user_id: userId, status: 'succeeded' })
      .groupBy('action_code')
      .orderBy('action_code')
      .select('action_code', db.raw('count(*)::int AS count'), db.raw('max(executed_at) AS last_executed_at')),
    db('user_action_log')
      .where({ mode: realm, user_id: userId, status: 'succeeded' })
      .where('executed_at', '>=', since.toJSDate())
      .groupByRaw('1')
      .select(db.raw(`(executed_at AT TIME ZONE ?)::date::text AS day`, [zone]), db.raw('count(*)::int AS count')),
    db('user_action_log').where({ mode: realm, user_id: userId, status: 'failed' }).count({ n: '*' }).first(),
  ]);
  const counts = new Map((perDay as Array<{ day: string; count: number }>).map((d) => [d.day, d.count]));
  const days = Array.from({ length: CHART_DAYS }, (_, i) => since.plus({ days: i }).toISODate()!);
  const today = days.at(-1)!;
  const items = byAction as Array<{ action_code: string; count: number; last_executed_at: Date }>;
  return {
    total: items.reduce((sum, a) => sum + a.count, 0),
    today: counts.get(today) ?? 0,
    failed: Number(failed?.n ?? 0),
    timezone: zone,
    byAction: items.map((a) => ({ actionCode: a.action_code, count: a.count, lastExecutedAt: a.last_executed_at })),
    perDay: days.map((day) => ({ day, count: counts.get(day) ?? 0 })),
  };
}

/**
 * The user's streak: consecutive calendar days (in `zone`) with at least one successful execution,
 * ending on the last such day. One index probe per day of the streak: each step looks for the
 * latest execution before the start of the day found last, and the walk stops at the first gap.
 */
export async function activityStreak(db: Tx, realm: Realm, userId: string, zone: string): Promise<{ days: number; lastActiveDay: string | null }> {
  const { rows } = await db.raw(
    `WITH RECURSIVE run(day) AS (
       SELECT (max(executed_at) AT TIME ZONE :zone)::date FROM user_action_log
        WHERE mode = :realm AND user_id = :user AND status = 'succeeded'
       UNION ALL
       SELECT prev.day FROM run, LATERAL (
         SELECT (max(l.executed_at) AT TIME ZONE :zone)::date AS day FROM user_action_log l
          WHERE l.mode = :realm AND l.user_id = :user AND l.status = 'succeeded' AND l.executed_at < (run.day::timestamp AT TIME ZONE :zone)
       ) prev
       WHERE prev.day = run.day - 1
     )
     SELECT count(day)::int AS days, max(day)::text AS last_day FROM run`,
    { zone, realm, user: userId },
  );
  const row = rows[0] as { days: number; last_day: string | null };
  return { days: row.days, lastActiveDay: row.last_day };
}
