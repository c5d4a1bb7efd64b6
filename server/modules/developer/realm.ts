// Whose data a caller works on. Live data is one realm that every live caller shares; test data is
// private to the application whose test key made it, so every application has a test realm of its
// own and one developer's sandbox never shows in, or changes, another's (or live data).
//
// Tables of per-user state (XP, totals, leaderboard counts, achievements, action state and logs,
// counters, streaks, credits, Elo ratings, schedule exceptions) keep the realm in their `mode`
// column: 'live', or 'test:<application id>'. Their keys and indexes all start with it, so every
// query that filtered by mode now filters by realm without another column. Rows that name their
// application in a column of their own (keys, leagues, registered actions, events, webhook
// endpoints, campaigns) keep mode 'live' | 'test' beside it, and `sameSandbox` checks both.
import type { Mode } from '../../../shared/schemas/developer';
import type { Actor } from '../../trpc';

/** The mode a caller acts in and, for a key, its application: what decides the realm. */
export interface ModeScope {
  mode: Mode;
  applicationId: string | null;
}

/**
 * 'live'; 'test:<application id>' for an application's test data; and 'test', where test data that
 * no application owns lies (from before sandboxes were per application, or whose application was
 * deleted): no key reads it.
 */
export type Realm = 'live' | 'test' | `test:${string}`;

export const LIVE_SCOPE: ModeScope = { mode: 'live', applicationId: null };

/** A signed-in user is always live; an API key acts in its own mode for its application. */
export const scopeOf = (actor: Actor): ModeScope =>
  actor.kind === 'apiKey' ? { mode: actor.mode, applicationId: actor.key.applicationId } : LIVE_SCOPE;

export function realmOf(scope: ModeScope): Realm {
  if (scope.mode === 'live') return 'live';
  return scope.applicationId ? `test:${scope.applicationId}` : 'test';
}

export const actorRealm = (actor: Actor): Realm => realmOf(scopeOf(actor));

/**
 * Whether a row of `mode` made by `applicationId` belongs to the caller's data: any live row for a
 * live caller, a test row only for a test key of the application that made it.
 */
export const sameSandbox = (scope: ModeScope, row: { mode: Mode; application_id: string | null }) =>
  row.mode === scope.mode && (row.mode === 'live' || (scope.applicationId !== null && row.application_id === scope.applicationId));
