// The actions engine: execute (availability under the user's state-row lock, effects, logs and
// events in one transaction). check and the available actions are in check.ts, the statements that
// read and lock an execution's inputs in execution-load.ts, refusals in refusals.ts.
import type { ExecuteActionResult } from '../../../shared/schemas/actions';
import type { Mode } from '../../../shared/schemas/developer';
import type { Config } from '../../config';
import { prepared, type Tx } from '../../db/index';
import type { EventOutbox } from '../../events/outbox';
import type { Actor } from '../../trpc';
import { consumeFreeAction } from '../benefits/service';
import { dayIn, evaluateAvailability, nextDayStart } from './availability';
import { realmOf } from '../developer/realm';
import { effects } from './effects/index';
import type { EffectOutcome } from './effects/effect';
import { actionExecuted } from './events';
import { availabilityInput, lockExecution } from './execution-load';
import { recordRefusal, type Refusal } from './refusals';
import { subjectOf } from './subject';
import type { Kernel } from '../../extensions/kernel';

// What other modules read of the actions' history (the progress summary), check and the refusals' 429.
export { activityStreak } from './history';
export { executionCounts } from './execution-counts';
export { availableActions, checkAction } from './check';
export { executedOrRefused, refusalError, type Refusal } from './refusals';
export { subjectOf } from './subject';

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

/**
 * Executes an action inside `trx`. Its first statement takes the lock of the user's state row for
 * this action (lockExecution), so parallel executions (on any instance) see each other's counts: the
 * check and the update are one atomic step. A refusal is logged as failed (with its event) and
 * returned, not thrown, so the caller can commit the log before answering 429. Round trips of an
 * execution: the lock, the log line, the effects' own, and the effect log with the event.
 */
export async function executeActionIn(
  trx: Tx,
  deps: EngineDeps,
  command: ExecuteCommand,
): Promise<{ executed: ExecuteActionResult } | { refused: Refusal }> {
  const { mode, userId } = command;
  const scope = { mode, applicationId: command.applicationId };
  const realm = realmOf(scope);
  const limit = deps.config.actionsPerUserPerMinute;
  const { action, subject, state, now, window } = await lockExecution(trx, scope, command.actionCode, userId, command.system ?? false, limit);
  const userWindow = window ? { count: window.attempts, limit, resetAt: window.resetAt } : null;
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
  await deps.events.emit(trx, {
    event: actionExecuted,
    mode,
    userId,
    applicationId: command.applicationId,
    data: { userId, actionCode: action.code, executionId, freeUse, params: command.params, effects: outcomes.map((o) => ({ effectCode: o.effectCode, status: o.status })) },
    // The effect log rides in the event's statement. Arrays as parameters keep its text the same for
    // any number of effects (none included).
    alongside: {
      name: 'actions.effects',
      sql: `INSERT INTO effect_execution_log (execution_id, effect_code, position, status, result)
            SELECT $1, t.code, t.position, t.status, t.result::jsonb FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS t(code, position, status, result)`,
      values: [
        executionId, outcomes.map((o) => o.effectCode), outcomes.map((_, i) => i), outcomes.map((o) => o.status),
        outcomes.map((o) => JSON.stringify(keptResult(o.effectCode, o.result))),
      ],
    },
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
