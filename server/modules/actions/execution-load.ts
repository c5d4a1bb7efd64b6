// What an execution reads before it decides: the action (with effects and schedules), the user's
// zone and running schedule exception, and the user's state row for the action. execute reads them
// and takes the state row's lock in one statement; check reads them without locking.
import { prepared, type Tx } from '../../db/index';
import { DomainError, notFound } from '../../errors';
import { USERS } from '../auth/users';
import { evaluateSchedule } from '../schedules/service';
import type { AvailabilityInput } from './availability';
import { realmOf, type ModeScope } from '../developer/realm';
import { actionSelect, loadedOwnersKey, visible, type ActionRow } from './catalogue';

export interface Subject {
  timezone: string;
  exceptionUntil: Date | null;
  now: Date;
}

export interface StateRow {
  last_executed_at: Date | null;
  day_resets_at: Date | null;
  day_count: number;
  minute_started_at: Date | null;
  minute_count: number;
}

type LoadedRow = ActionRow & { user_id: string | null; user_timezone: string | null; now: Date; exception_until: Date | null };

/** The action a caller sees by code, its user's zone and schedule exception running at $1 (now when null); ownedByLoaded changes as extensions load. */
const loadSql = () => `SELECT ${actionSelect}, u.id AS user_id, u.timezone AS user_timezone, now() AS now,
       (SELECT max(x.ends_at) FROM schedule_exceptions x
         WHERE x.user_id = u.id AND x.action_id = a.id AND x.mode = $4 AND x.starts_at <= coalesce($1::timestamptz, now()) AND x.ends_at > coalesce($1::timestamptz, now())) AS exception_until
     FROM action_definitions a LEFT JOIN ${USERS} u ON u.id = $2::uuid
     WHERE a.code = $3 AND ${visible('$5', '$6')}
     ORDER BY a.mode NULLS LAST LIMIT 1`;

/** The refusals of a loaded row: no action, no user, a system-only action run by a caller. */
function checked(row: LoadedRow | undefined, code: string, system: boolean): { action: ActionRow; subject: Subject } {
  if (!row) throw notFound('action', `No action "${code}".`);
  if (!row.user_id) throw notFound('user', 'No such user.');
  if (row.system_only && !system) {
    throw new DomainError('FORBIDDEN', `The platform runs "${code}" itself (e.g. when a league result is recorded); it cannot be executed directly.`, {
      reason: 'SYSTEM_ACTION',
    });
  }
  return { action: row, subject: { timezone: row.user_timezone ?? 'UTC', exceptionUntil: row.exception_until, now: row.now } };
}

/**
 * The action (with effects and schedules), the user's zone, a schedule exception running at `at`
 * (default now) and the database's clock, in one round trip (check's read).
 */
export async function loadExecution(db: Tx, scope: ModeScope, code: string, userId: string, at: Date | null, system = false): Promise<{ action: ActionRow; subject: Subject }> {
  const rows = await prepared<LoadedRow>(db, `actions.load.${loadedOwnersKey()}`, loadSql(), [
    at, userId, code, realmOf(scope), scope.mode, scope.applicationId,
  ]);
  return checked(rows[0], code, system);
}

export interface LockedExecution {
  action: ActionRow;
  subject: Subject;
  state: StateRow;
  /** The database's clock once the state row's lock was taken. */
  now: Date;
  /** The user's per-minute window across actions, when the platform limits it (config). */
  window: { attempts: number; resetAt: Date } | null;
}

/**
 * execute's first statement: the action and user as loadExecution reads them, the upsert of the
 * user's state row for the action, which takes its row lock (so parallel executions, on any
 * instance, see each other's counts: the check and the update are one atomic step) and, when the
 * platform limits a user's executions per minute, the count of the user's window. Nothing is
 * written when the action or the user is missing or the action is the platform's own.
 */
export async function lockExecution(trx: Tx, scope: ModeScope, code: string, userId: string, system: boolean, perMinuteLimit: number): Promise<LockedExecution> {
  const realm = realmOf(scope);
  const limited = perMinuteLimit > 0;
  const rows = await prepared<LoadedRow & { locked: boolean } & StateRow & { locked_at: Date; attempts?: number; reset_at?: Date }>(
    trx,
    `actions.lock.${limited ? 'limited' : 'unlimited'}.${loadedOwnersKey()}`,
    `WITH act AS (${loadSql()}),
     s AS (
       INSERT INTO user_action_state AS s (mode, user_id, action_id)
       SELECT $4, act.user_id, act.id FROM act WHERE act.user_id IS NOT NULL AND (NOT act.system_only OR $7::boolean)
       ON CONFLICT (mode, user_id, action_id) DO UPDATE SET mode = EXCLUDED.mode
       -- clock_timestamp(), not now(): the time once the row's lock is ours. now() is when the
       -- transaction began, which may be before an execution it waited for.
       RETURNING s.last_executed_at, s.day_resets_at, s.day_count, s.minute_started_at, s.minute_count, clock_timestamp() AS locked_at)
     ${limited ? `, w AS (
       INSERT INTO rate_limit_windows AS t (key, attempts, window_started_at) SELECT $8, 1, now() FROM s
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN t.window_started_at <= now() - interval '60 seconds' THEN 1 ELSE t.attempts + 1 END,
         window_started_at = CASE WHEN t.window_started_at <= now() - interval '60 seconds' THEN now() ELSE t.window_started_at END
       RETURNING attempts, window_started_at + interval '60 seconds' AS reset_at)` : ''}
     SELECT act.*, s.locked_at IS NOT NULL AS locked, s.last_executed_at, s.day_resets_at, s.day_count, s.minute_started_at, s.minute_count, s.locked_at
       ${limited ? ', w.attempts, w.reset_at' : ''}
     FROM act LEFT JOIN s ON true${limited ? ' LEFT JOIN w ON true' : ''}`,
    [null, userId, code, realm, scope.mode, scope.applicationId, system, ...(limited ? [`actions:user:${realm}:${userId}`] : [])],
  );
  const row = rows[0];
  const { action, subject } = checked(row, code, system);
  if (!row!.locked) throw new Error(`The state row of action ${code} was not locked`); // checked() refuses every case that skips it
  return {
    action,
    subject,
    state: row!,
    now: row!.locked_at,
    window: limited ? { attempts: row!.attempts!, resetAt: row!.reset_at! } : null,
  };
}

export function availabilityInput(action: ActionRow, subject: Subject, state: StateRow | undefined, now: Date, userWindow: AvailabilityInput['userWindow']): AvailabilityInput {
  return {
    now,
    timezone: subject.timezone,
    cooldownSeconds: action.cooldown_seconds,
    dailyLimit: action.daily_limit,
    rateLimitPerMinute: action.rate_limit_per_minute,
    state: {
      lastExecutedAt: state?.last_executed_at ?? null,
      dayResetsAt: state?.day_resets_at ?? null,
      dayCount: state?.day_count ?? 0,
      minuteStartedAt: state?.minute_started_at ?? null,
      minuteCount: state?.minute_count ?? 0,
    },
    scheduleAt: (at) => action.schedules.map((s) => evaluateSchedule(s, at)),
    exceptionUntil: subject.exceptionUntil,
    userWindow,
  };
}
