// Who may act on a league, and the module's conflict answers: shared by the lifecycle (service.ts)
// and the match results (matches.ts).
import { conflict, notFound, realmOf, sameSandbox, scopeOf, type Actor, type ModeScope, type Realm, type Tx } from '../../../server/extensions/api';
import type { LeagueRow } from './models';

/** The module's conflict reasons (409 CONFLICT with details.reason). */
export const leagueConflicts = {
  LEAGUE_FULL: 'The league has no places left.',
  LEAGUE_STARTED: 'The league has started; registration is closed.',
  LEAGUE_ENDED: 'The league has ended.',
  ALREADY_REGISTERED: 'You are already registered in this league.',
  NOT_ENOUGH_PLAYERS: 'A league needs at least two participants to start.',
  LEAGUE_NOT_RUNNING: 'Results are recorded only while the league is running.',
  NOT_A_PARTICIPANT: 'Both players must be participants of the league.',
  NOT_A_FIXTURE: 'These players have no fixture to play in this league.',
  ALREADY_RECORDED: 'This match result has already been recorded.',
  RESULT_DISPUTED: 'The other player reported a different result; one of you must correct it, or an operator records it.',
} as const;
export const leagueConflict = (reason: keyof typeof leagueConflicts) => conflict(reason, leagueConflicts[reason]);

/** An administrator, or an API key (which has leagues:manage to get here). */
export const isOperator = (actor: Actor) => actor.kind === 'apiKey' || actor.role === 'admin';

/**
 * A league the actor may act on: its own mode only (a test key never touches live leagues, nor a
 * live caller test ones), and a test league only with a key of the application that created it.
 */
export async function leagueForActor(tx: Tx, actor: Actor, leagueId: string, lock: boolean): Promise<LeagueRow> {
  const scope = scopeOf(actor);
  const query = tx('leagues').where({ id: leagueId, mode: scope.mode }).first();
  if (scope.mode === 'test') query.where({ application_id: scope.applicationId });
  if (lock) query.forUpdate();
  const row = (await query) as LeagueRow | undefined;
  if (!row) throw notFound('league');
  return row;
}

/**
 * A league anyone may read: live leagues are public; a test league shows only to a test key of the
 * application that created it (to everyone else it does not exist).
 */
export async function visibleLeague(tx: Tx, scope: ModeScope, leagueId: string): Promise<LeagueRow> {
  const row = (await tx('leagues').where({ id: leagueId }).first()) as LeagueRow | undefined;
  if (!row || (row.mode !== 'live' && !sameSandbox(scope, row))) throw notFound('league');
  return row;
}

/** Where a league's ratings and XP live: live, or the sandbox of the application that created it. */
export const leagueRealm = (league: LeagueRow): Realm => realmOf({ mode: league.mode, applicationId: league.application_id });
