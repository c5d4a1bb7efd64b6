// Per-user schedule exceptions: an operator opens an action's schedules for one user between two
// instants (cooldowns and daily limits still apply); and the schedule check of an action.
import type { Tx } from '../../db/index';
import type { Actor } from '../../trpc';
import { requireUser } from '../auth/users';
import { actorRealm, LIVE_SCOPE, scopeOf } from '../developer/realm';
import type { CheckScheduleInput, ScheduleCheck } from '../../../shared/schemas/schedules';
import { checkSchedule, evaluateSchedule } from '../schedules/service';
import { findAction } from './catalogue';

export async function createScheduleException(
  trx: Tx,
  actor: Actor,
  input: { userId: string; actionCode: string; startsAt: string; endsAt: string; reason: string },
) {
  const action = await findAction(trx, scopeOf(actor), input.actionCode);
  await requireUser(trx, input.userId);
  const [row] = await trx('schedule_exceptions')
    .insert({
      // Granted with a test key, it opens schedules only in that application's sandbox.
      mode: actorRealm(actor),
      user_id: input.userId,
      action_id: action.id,
      starts_at: new Date(input.startsAt),
      ends_at: new Date(input.endsAt),
      reason: input.reason,
      created_by: actor.kind === 'apiKey' ? `key:${actor.key.keyId}` : `user:${actor.userId}`,
    })
    .returning(['id', 'user_id', 'starts_at', 'ends_at', 'reason', 'created_at']);
  return {
    id: row.id,
    userId: row.user_id,
    actionCode: action.code,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

/**
 * GET /api/schedule/check by schedule, or by action: every schedule linked to the action must be
 * open, unless the user holds an exception for that instant.
 */
export async function checkScheduleOrAction(db: Tx, input: CheckScheduleInput): Promise<ScheduleCheck> {
  if (input.schedule !== undefined) return checkSchedule(db, { ...input, schedule: input.schedule });
  const at = input.at ? new Date(input.at) : new Date();
  const action = await findAction(db, LIVE_SCOPE, input.actionCode!);
  let exceptionUntil: Date | null = null;
  if (input.userId) {
    const row = await db('schedule_exceptions')
      .where({ user_id: input.userId, action_id: action.id, mode: 'live' })
      .where('starts_at', '<=', at)
      .where('ends_at', '>', at)
      .max('ends_at as until')
      .first();
    exceptionUntil = (row?.until as Date | null | undefined) ?? null;
  }
  const states = action.schedules.map((s) => evaluateSchedule(s, at));
  const closed = states.filter((s) => !s.open);
  const earliest = (dates: Array<Date | null>) => {
    const known = dates.filter((d): d is Date => d !== null);
    return known.length ? new Date(Math.min(...known.map((d) => d.getTime()))) : null;
  };
  if (exceptionUntil) return { at, open: true, reason: null, nextOpenAt: null, nextCloseAt: exceptionUntil };
  if (!closed.length) return { at, open: true, reason: null, nextOpenAt: earliest(states.map((s) => s.nextOpenAt)), nextCloseAt: earliest(states.map((s) => s.nextCloseAt)) };
  const opens = closed.map((s) => s.nextOpenAt);
  return {
    at,
    open: false,
    reason: closed[0]!.reason,
    nextOpenAt: opens.some((o) => o === null) ? null : new Date(Math.max(...opens.map((o) => o!.getTime()))),
    nextCloseAt: earliest(states.map((s) => s.nextCloseAt)),
  };
}
