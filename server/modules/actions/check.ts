// check and the available actions: what execute would answer, read without executing or counting.
import type { ActionAvailability } from '../../../shared/schemas/actions';
import type { Tx } from '../../db/index';
import { notFound } from '../../errors';
import type { Actor } from '../../trpc';
import { evaluateAvailability, type AvailabilityInput } from './availability';
import { realmOf, scopeOf, type ModeScope } from '../developer/realm';
import { actionSelect, visible, visibleValues, type ActionRow } from './catalogue';
import { availabilityInput, loadExecution, type StateRow } from './execution-load';
import type { EngineDeps } from './engine';
import { subjectOf } from './subject';

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
