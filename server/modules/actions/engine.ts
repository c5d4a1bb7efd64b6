// The actions engine: execute (availability under the user's state-row lock, effects, logs and
// events in one transaction) and check (the same rules, read without executing).
import type { ActionAvailability, ExecuteActionResult } from '../../../shared/schemas/actions';
import type { Mode } from '../../../shared/schemas/developer';
import type { Config } from '../../config';
import { prepared, type Tx } from '../../db/index';
import { DomainError, notFound } from '../../errors';
import type { EventOutbox } from '../../events/outbox';
import type { Actor } from '../../trpc';
import { USERS } from '../auth/users';
import { consumeFreeAction } from '../benefits/service';
import { evaluateSchedule } from '../schedules/service';
import { dayIn, evaluateAvailability, nextDayStart, type Availability, type AvailabilityInput, type RefusalReason } from './availability';
import { realmOf, scopeOf, type ModeScope, type Realm } from '../developer/realm';
import { actionSelect, loadedOwnersKey, visible, visibleValues, type ActionRow } from './catalogue';
import { effects } from './effects/index';
import type { EffectOutcome } from './effects/effect';
import { actionExecuted, actionFailed } from './events';
import type { Kernel } from '../../extensions/kernel';

// What other modules read of the actions' history (the progress summary).
export { activityStreak } from './history';
export { executionCounts } from './execution-counts';

export interface EngineDeps {
  events: EventOutbox;
  config: Config;
  /** Each loaded extension's kernel: an extension's effect runs with its own (EffectContext.kernel). */
  kernels: ReadonlyMap<string, Kernel>;
}

export interface ExecuteCommand {
  mode: Mode;
  userId: string;
  actionCode: string;
  params: Record<string, unknown>;
  apiKeyId: string | null;
  /** The application whose key (or league) caused it; in test mode, the sandbox it runs in. */
  applicationId: string | null;
  /** True when the platform itself runs it (league results): only then may a system-only action run. */
  system?: boolean;
}

export interface Refusal {
  executionId: string;
  reason: RefusalReason;
  nextAvailableAt: Date | null;
  at: Date;
}

/** The user an operation is for: an API key names one; a user acts for themselves (an admin for anyone). */
export function subjectOf(actor: Actor, userId: string | undefined): string {
  if (actor.kind === 'apiKey') {
    if (!userId) {
      throw new DomainError('VALIDATION_FAILED', 'userId: required when an API key acts for a user.', {
        issues: [{ path: 'userId', message: 'required when an API key acts for a user' }],
      });
    }
    return userId;
  }
  if (userId && userId !== actor.userId && actor.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'A user may only act for themselves.', { reason: 'NOT_YOURSELF' });
  }
  return userId ?? actor.userId;
}

interface Subject {
  timezone: string;
  exceptionUntil: Date | null;
  now: Date;
}

/**
 * The action (with effects and schedules), the user's zone, a schedule exception running at `at`
 * (default now) and the database's clock, in one round trip.
 */
async function loadExecution(db: Tx, scope: ModeScope, code: string, userId: string, at: Date | null, system = false): Promise<{ action: ActionRow; subject: Subject }> {
  const rows = await prepared(
    db,
    `actions.load.${loadedOwnersKey()}`,
    `SELECT ${actionSelect}, u.id AS user_id, u.timezone AS user_timezone, now() AS now,
       (SELECT max(x.ends_at) FROM schedule_exceptions x
         WHERE x.user_id = u.id AND x.action_id = a.id AND x.mode = $4 AND x.starts_at <= coalesce($1::timestamptz, now()) AND x.ends_at > coalesce($1::timestamptz, now())) AS exception_until
     FROM action_definitions a LEFT JOIN ${USERS} u ON u.id = $2::uuid
     WHERE a.code = $3 AND ${visible('$5', '$6')}
     ORDER BY a.mode NULLS LAST LIMIT 1`,
    [at, userId, code, realmOf(scope), scope.mode, scope.applicationId],
  );
  const row = rows[0] as (ActionRow & { user_id: string | null; user_timezone: string | null; now: Date; exception_until: Date | null }) | undefined;
  if (!row) throw notFound('action', `No action "${code}".`);
  if (!row.user_id) throw notFound('user', 'No such user.');
  if (row.system_only && !system) {
    throw new DomainError('FORBIDDEN', `The platform runs "${code}" itself (e.g. when a league result is recorded); it cannot be executed directly.`, {
      reason: 'SYSTEM_ACTION',
    });
  }
  return { action: row, subject: { timezone: row.user_timezone ?? 'UTC', exceptionUntil: row.exception_until, now: row.now } };
}

interface StateRow {
  last_executed_at: Date | null;
  day_resets_at: Date | null;
  day_count: number;
  minute_started_at: Date | null;
  minute_count: number;
}

function availabilityInput(action: ActionRow, subject: Subject, state: StateRow | undefined, now: Date, userWindow: AvailabilityInput['userWindow']): AvailabilityInput {
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

/**
 * Executes an action inside `trx`. The upsert of the user's state row for this action takes its row
 * lock, so parallel executions (on any instance) see each other's counts: the check and the update
 * are one atomic step. A refusal is logged as failed (with its event) and returned, not thrown, so
 * the caller can commit the log before answering 429.
 */
export async function executeActionIn(
  trx: Tx,
  deps: EngineDeps,
  command: ExecuteCommand,
): Promise<{ executed: ExecuteActionResult } | { refused: Refusal }> {
  const { mode, userId } = command;
  const scope = { mode, applicationId: command.applicationId };
  const realm = realmOf(scope);
  const { action, subject } = await loadExecution(trx, scope, command.actionCode, userId, null, command.system);
  const limit = deps.config.actionsPerUserPerMinute;
  const rows = await prepared(
    trx,
    `actions.state.${limit > 0 ? 'limited' : 'unlimited'}`,
    `WITH s AS (
       INSERT INTO user_action_state AS s (mode, user_id, action_id) VALUES ($1, $2, $3)
       ON CONFLICT (mode, user_id, action_id) DO UPDATE SET mode = EXCLUDED.mode
       -- clock_timestamp(), not now(): the time once the row's lock is ours. now() is when the
       -- transaction began, which may be before an execution it waited for.
       RETURNING s.last_executed_at, s.day_resets_at, s.day_count, s.minute_started_at, s.minute_count, clock_timestamp() AS now)
     ${limit > 0 ? `, w AS (
       INSERT INTO rate_limit_windows AS t (key, attempts, window_started_at) VALUES ($4, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN t.window_started_at <= now() - interval '60 seconds' THEN 1 ELSE t.attempts + 1 END,
         window_started_at = CASE WHEN t.window_started_at <= now() - interval '60 seconds' THEN now() ELSE t.window_started_at END
       RETURNING attempts, window_started_at + interval '60 seconds' AS reset_at)` : ''}
     SELECT s.*${limit > 0 ? ', w.attempts, w.reset_at' : ''} FROM s${limit > 0 ? ', w' : ''}`,
    [realm, userId, action.id, ...(limit > 0 ? [`actions:user:${realm}:${userId}`] : [])],
  );
  const state = rows[0] as StateRow & { now: Date; attempts?: number; reset_at?: Date };
  const now = state.now;
  const userWindow = limit > 0 ? { count: state.attempts!, limit, resetAt: state.reset_at! } : null;
  let verdict = evaluateAvailability(availabilityInput(action, subject, state, now, userWindow));

  let freeUse = false;
  if (!verdict.available && (verdict.reason === 'COOLDOWN' || verdict.reason === 'DAILY_LIMIT') && mode === 'live') {
    // A free-action benefit skips the cooldown and the daily limit, and nothing else.
    const rest = evaluateAvailability({ ...availabilityInput(action, subject, state, now, userWindow), cooldownSeconds: 0, dailyLimit: null });
    if (rest.available && (await consumeFreeAction(trx, { userId, actionCode: action.code }))) {
      freeUse = true;
      verdict = { ...rest, remainingToday: verdict.remainingToday };
    }
  }
  if (!verdict.available) return { refused: await recordRefusal(trx, deps, command, realm, action, verdict, now) };

  // A day's count runs until the end of the user's day it began in; then a new day starts now.
  const dayContinues = state.day_resets_at !== null && now < state.day_resets_at;
  const countToday = dayContinues ? state.day_count : 0;
  const minuteFresh = !state.minute_started_at || state.minute_started_at.getTime() + 60_000 <= now.getTime();
  const logged = await prepared<{ id: string }>(
    trx,
    'actions.succeeded',
    `WITH st AS (
       UPDATE user_action_state SET last_executed_at = $1, day = coalesce($2::date, day), day_resets_at = $15, day_count = $3,
              minute_started_at = $4, minute_count = $5
       WHERE mode = $6 AND user_id = $7 AND action_id = $8)
     INSERT INTO user_action_log (mode, user_id, action_id, action_code, action_category, status, free_use, params, api_key_id, application_id, executed_at)
     VALUES ($6, $7, $8, $9, $10, 'succeeded', $11, $12, $13, $14, $1) RETURNING id`,
    [
      now, dayContinues ? null : dayIn(now, subject.timezone), freeUse ? countToday : countToday + 1,
      minuteFresh ? now : state.minute_started_at, minuteFresh ? 1 : state.minute_count + 1,
      realm, userId, action.id, action.code, action.category, freeUse, JSON.stringify(command.params), command.apiKeyId, command.applicationId,
      dayContinues ? state.day_resets_at : nextDayStart(now, subject.timezone),
    ],
  );
  const executionId = logged[0]!.id;

  const context = {
    trx,
    events: deps.events,
    config: deps.config,
    mode,
    realm,
    userId,
    timezone: subject.timezone,
    now,
    action: { id: action.id, code: action.code, category: action.category },
    executionId,
    params: command.params,
    applicationId: command.applicationId,
  };
  const outcomes: Array<EffectOutcome & { effectCode: string }> = [];
  for (const step of action.effects) {
    const effect = effects.get(step.code);
    // Registration checks effect codes, so an unknown one is a data error (an INTERNAL answer).
    if (!effect) throw new Error(`Effect ${step.code} of action ${action.code} is not registered`);
    const outcome = await effect.apply({ ...context, kernel: effectKernel(deps, step.code) }, effect.params.parse(step.params));
    outcomes.push({ effectCode: step.code, ...outcome });
  }
  if (outcomes.length) {
    // Arrays as parameters keep the statement's text the same for any number of effects.
    await prepared(
      trx,
      'actions.effects',
      `INSERT INTO effect_execution_log (execution_id, effect_code, position, status, result)
       SELECT $1, t.code, t.position, t.status, t.result::jsonb FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS t(code, position, status, result)`,
      [
        executionId, outcomes.map((o) => o.effectCode), outcomes.map((_, i) => i), outcomes.map((o) => o.status),
        outcomes.map((o) => JSON.stringify(keptResult(o.effectCode, o.result))),
      ],
    );
  }
  await deps.events.emit(trx, {
    event: actionExecuted,
    mode,
    userId,
    applicationId: command.applicationId,
    data: { userId, actionCode: action.code, executionId, freeUse, params: command.params, effects: outcomes.map((o) => ({ effectCode: o.effectCode, status: o.status })) },
  });
  return {
    executed: {
      execution: { id: executionId, actionCode: action.code, userId, executedAt: now, freeUse },
      effects: outcomes.map((o) => ({ effectCode: o.effectCode, status: o.status, result: o.result })),
    },
  };
}

/** The kernel of the extension that defines an effect; null for the kernel's own effects. */
function effectKernel(deps: EngineDeps, effectCode: string): Kernel | null {
  const owner = effects.ownerOf(effectCode);
  if (!owner || owner === 'kernel') return null;
  const kernel = deps.kernels.get(owner);
  if (!kernel) throw new Error(`Effect ${effectCode} belongs to extension ${owner}, which has no kernel here`);
  return kernel;
}

/** An effect's result without the fields it shows only once (EffectDefinition.shownOnce). */
function keptResult(effectCode: string, result: Record<string, unknown>): Record<string, unknown> {
  const once = effects.get(effectCode)?.shownOnce;
  if (!once?.length || !once.some((field) => field in result)) return result;
  return Object.fromEntries(Object.entries(result).filter(([field]) => !once.includes(field)));
}

/**
 * What an idempotent replay of execute answers: the first answer without the fields shown once, so
 * a granted coupon code is kept nowhere, the replay store included.
 */
export const replayableExecution = (executed: ExecuteActionResult): ExecuteActionResult => ({
  ...executed,
  effects: executed.effects.map((e) => ({ ...e, result: keptResult(e.effectCode, e.result) })),
});

async function recordRefusal(
  trx: Tx,
  deps: EngineDeps,
  command: ExecuteCommand,
  realm: Realm,
  action: ActionRow,
  verdict: Availability,
  now: Date,
): Promise<Refusal> {
  const reason = verdict.reason!;
  const { rows } = await trx.raw(
    `WITH v AS (INSERT INTO rate_limit_violations (mode, user_id, action_id, api_key_id, reason, occurred_at) VALUES (?, ?, ?, ?, ?, ?))
     INSERT INTO user_action_log (mode, user_id, action_id, action_code, action_category, status, failure_reason, next_available_at, params, api_key_id, application_id, executed_at)
     VALUES (?, ?, ?, ?, ?, 'failed', ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      realm, command.userId, action.id, command.apiKeyId, reason, now,
      realm, command.userId, action.id, action.code, action.category, reason, verdict.nextAvailableAt, JSON.stringify(command.params), command.apiKeyId, command.applicationId, now,
    ],
  );
  const executionId = rows[0].id as string;
  await deps.events.emit(trx, {
    event: actionFailed,
    mode: command.mode,
    userId: command.userId,
    applicationId: command.applicationId,
    data: { userId: command.userId, actionCode: action.code, executionId, reason, nextAvailableAt: verdict.nextAvailableAt?.toISOString() ?? null },
  });
  return { executionId, reason, nextAvailableAt: verdict.nextAvailableAt, at: now };
}

const refusalMessages: Record<RefusalReason, string> = {
  COOLDOWN: 'This action is cooling down.',
  DAILY_LIMIT: 'The daily limit of this action is reached.',
  RATE_LIMITED: 'Too many executions; slow down.',
  SCHEDULE_CLOSED: 'This action’s schedule is closed now.',
};

/** What execute answers once its transaction committed: the execution, or the refusal's 429. */
export function executedOrRefused(outcome: { executed: ExecuteActionResult } | { refused: Refusal }): ExecuteActionResult {
  if ('refused' in outcome) throw refusalError(outcome.refused);
  return outcome.executed;
}

/** The 429 of a refusal: its code, when to retry, and the Retry-After header. */
export function refusalError(refusal: Refusal): DomainError {
  // Every 429 carries Retry-After: when no instant is known (a schedule that never opens again),
  // the client is told to look again in an hour.
  const retryAfterSeconds = refusal.nextAvailableAt
    ? Math.max(1, Math.ceil((refusal.nextAvailableAt.getTime() - refusal.at.getTime()) / 1000))
    : UNKNOWN_RETRY_SECONDS;
  return new DomainError(
    refusal.reason,
    refusalMessages[refusal.reason],
    { reason: refusal.reason, retryAfterSeconds, nextAvailableAt: refusal.nextAvailableAt?.toISOString() ?? null, executionId: refusal.executionId },
    { policy: refusal.reason.toLowerCase(), limit: 1, windowSeconds: retryAfterSeconds, remaining: 0, resetSeconds: retryAfterSeconds },
  );
}

const UNKNOWN_RETRY_SECONDS = 3600;

/**
 * execute from the API, inside the procedure's transaction: the caller's user (or, for a key or an
 * administrator, the one named), its mode and key. A refusal is returned, so that the procedure
 * commits its log before answering 429 (executedOrRefused).
 */
export function executeActionFor(trx: Tx, deps: EngineDeps, actor: Actor, input: { actionCode: string; params: Record<string, unknown>; userId?: string }) {
  return executeActionIn(trx, deps, {
    mode: actor.mode,
    userId: subjectOf(actor, input.userId),
    actionCode: input.actionCode,
    params: input.params,
    apiKeyId: actor.kind === 'apiKey' ? actor.key.keyId : null,
    applicationId: actor.kind === 'apiKey' ? actor.key.applicationId : null,
  });
}

/** check: what execute would answer at `at` (default now), without executing or counting. */
export async function checkAction(db: Tx, deps: EngineDeps, actor: Actor, input: { code: string; at?: string; userId?: string }): Promise<ActionAvailability> {
  const userId = subjectOf(actor, input.userId);
  const at = input.at ? new Date(input.at) : null;
  const scope = scopeOf(actor);
  const realm = realmOf(scope);
  // A check runs nothing: a system-only action (vote_domain, run by a vote) is checked like any other.
  const { action, subject } = await loadExecution(db, scope, input.code, userId, at, true);
  const now = at ?? subject.now;
  const state = (await db('user_action_state')
    .where({ mode: realm, user_id: userId, action_id: action.id })
    .first('last_executed_at', 'day_resets_at', 'day_count', 'minute_started_at', 'minute_count')) as StateRow | undefined;
  const limit = deps.config.actionsPerUserPerMinute;
  let userWindow: AvailabilityInput['userWindow'] = null;
  if (limit > 0) {
    const window = await db('rate_limit_windows').where({ key: `actions:user:${realm}:${userId}` }).first('attempts', 'window_started_at');
    const live = window && window.window_started_at.getTime() + 60_000 > now.getTime();
    // Counting this request too, as execute would.
    userWindow = { count: (live ? window.attempts : 0) + 1, limit, resetAt: live ? new Date(window.window_started_at.getTime() + 60_000) : now };
  }
  const verdict = evaluateAvailability(availabilityInput(action, subject, state, now, userWindow));
  return { actionCode: action.code, at: now, ...verdict };
}

/**
 * The actions a user could execute now (what check would answer for each, without its per-user
 * minute count), in catalogue order; system-only actions are left out. Four reads in all.
 */
export async function availableActions(
  db: Tx,
  scope: ModeScope,
  userId: string,
): Promise<{ available: Array<{ action: ActionRow; remainingToday: number | null }>; total: number }> {
  const realm = realmOf(scope);
  const [{ rows }, user, states, exceptions] = await Promise.all([
    db.raw(`SELECT ${actionSelect}, now() AS now FROM action_definitions a WHERE ${visible()} AND NOT a.system_only ORDER BY a.category, a.code`, visibleValues(scope)),
    db('users').where({ id: userId }).first('timezone'),
    db('user_action_state').where({ mode: realm, user_id: userId }).select('action_id', 'last_executed_at', 'day_resets_at', 'day_count', 'minute_started_at', 'minute_count'),
    db('schedule_exceptions')
      .where({ mode: realm, user_id: userId })
      .where('starts_at', '<=', db.fn.now())
      .where('ends_at', '>', db.fn.now())
      .groupBy('action_id')
      .select('action_id', db.raw('max(ends_at) AS ends_at')),
  ]);
  if (!user) throw notFound('user', 'No such user.');
  const actions = rows as Array<ActionRow & { now: Date }>;
  const stateOf = new Map((states as Array<StateRow & { action_id: string }>).map((s) => [s.action_id, s]));
  const exceptionOf = new Map((exceptions as Array<{ action_id: string; ends_at: Date }>).map((x) => [x.action_id, x.ends_at]));
  const available = actions.flatMap((action) => {
    const subject = { timezone: (user.timezone as string | null) ?? 'UTC', exceptionUntil: exceptionOf.get(action.id) ?? null, now: action.now };
    const verdict = evaluateAvailability(availabilityInput(action, subject, stateOf.get(action.id), action.now, null));
    return verdict.available ? [{ action, remainingToday: verdict.remainingToday }] : [];
  });
  return { available, total: actions.length };
}
