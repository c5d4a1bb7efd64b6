// Who exists: the one place other modules (and extensions, through their kernel) ask about users,
// so no module but this one reads the users table.
import type { Tx } from '../../db/index';

export async function userExists(tx: Tx, userId: string): Promise<boolean> {
  return Boolean(await tx('users').where({ id: userId }).first('id'));
}

/** Usernames by id; ids with no user are absent from the map. */
export async function userNames(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = (await tx('users').whereIn('id', [...new Set(userIds)]).select('id', 'username')) as Array<{ id: string; username: string }>;
  return new Map(rows.map((r) => [r.id, r.username]));
}
