// A refused execution: its log line and event (committed before the 429), and the 429 itself.
import type { ExecuteActionResult } from '../../../shared/schemas/actions';
import type { Tx } from '../../db/index';
import { DomainError } from '../../errors';
import type { Availability, RefusalReason } from './availability';
import type { Realm } from '../developer/realm';
import type { ActionRow } from './catalogue';
import { actionFailed } from './events';
import type { EngineDeps, ExecuteCommand } from './engine';

export interface Refusal {
  executionId: string;
  reason: RefusalReason;
  nextAvailableAt: Date | null;
  at: Date;
}

export async function recordRefusal(
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
