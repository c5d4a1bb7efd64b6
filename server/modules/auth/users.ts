// Who exists: the one place other modules (and extensions, through their kernel) ask about users,
// so no module but this one reads the users table.
import type { Tx } from '../../db/index';
import { notFound } from '../../errors';

export async function userExists(tx: Tx, userId: string): Promise<boolean> {
  return Boolean(await tx('users').where({ id: userId }).first('id'));
}

/** Usernames by id; ids with no user are absent from the map. */
export async function userNames(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  // One array parameter, however many ids (a mailing list may name more users than a statement has
  // parameters); uuids need no quoting inside an array literal.
  const rows = (await tx('users')
    .whereRaw('id = ANY(?::uuid[])', [`{${[...new Set(userIds)].join(',')}}`])
    .select('id', 'username')) as Array<{ id: string; username: string }>;
  return new Map(rows.map((r) => [r.id, r.username]));
}

/** Throws 404 NOT_FOUND (resource `user`) unless the user exists. */
export async function requireUser(tx: Tx, userId: string): Promise<void> {
  if (!(await userExists(tx, userId))) throw notFound('user', 'No such user.');
}

/** The user's calendar (an IANA zone; UTC when they gave none), or null when there is no such user. */
export async function userTimezone(tx: Tx, userId: string): Promise<string | null> {
  const row = (await tx('users').where({ id: userId }).first('timezone')) as { timezone: string | null } | undefined;
  return row ? (row.timezone ?? 'UTC') : null;
}

/**
 * The users as another module's SQL may read them, where a statement must read a user in its own
 * round trip (executing an action, awarding XP, authenticating an API key, emitting an event, a
 * leaderboard page): `JOIN ${USERS} u ON u.id = …`. These columns are what this module publishes;
 * PostgreSQL folds the subquery into the statement, so it costs nothing.
 */
export const USERS = '(SELECT id, username, role, timezone, synthetic FROM users)';

/** A user's public profile: username and whether it is a synthetic (demo) player; undefined when none. */
export async function userProfile(tx: Tx, userId: string): Promise<{ id: string; username: string; synthetic: boolean } | undefined> {
  return (await tx('users').where({ id: userId }).first('id', 'username', 'synthetic')) as { id: string; username: string; synthetic: boolean } | undefined;
}
