// Who exists: the one place other modules (and extensions, through their kernel) ask about users,
// so no module but this one reads the users table.
import type { Tx } from '../../db/index';

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
