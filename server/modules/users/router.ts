// Users as administrators find them: by the start of a username, for the web client's operator
// pages (a user picker). Usernames are public (leaderboards show them); e-mail addresses are not
// listed.
import * as s from '../../../shared/schemas/users';
import { adminProcedure, router } from '../../trpc';
import { invalidField } from '../../errors';
import { newestFirstPage } from '../../db/cursor';
import * as ex from './examples';

type UserRow = { id: string; username: string; role: 'user' | 'admin'; created_at: Date };

/** A username page's cursor: the last username it listed. */
function afterUsername(cursor: string): string {
  const username = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z0-9_]{1,64}$/.test(username)) throw invalidField('cursor', 'is not a cursor this search gave');
  return username;
}

/** LIKE's wildcards, taken literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const usersRouter = router({
  find: adminProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/users',
        tags: ['users'],
        summary: 'Find users by the start of their username (administrators)',
        description: 'Usernames starting with `query` (any case), alphabetical; with no query, the newest users. Administrators only.',
        protect: true,
      },
      examples: ex.find,
    })
    .input(s.findUsersInput)
    .output(s.findUsersOutput)
    .query(async ({ ctx, input }) => {
      const query = ctx.db('users').select('id', 'username', 'role', 'created_at');
      const prefix = input.query.trim();
      let page: { rows: UserRow[]; nextCursor: string | null };
      if (prefix) {
        // Usernames are stored in lower case and are unique: the last one seen is the page's key.
        query.whereRaw(`username LIKE ? ESCAPE '\\'`, [`${escapeLike(prefix.toLowerCase())}%`]).orderBy('username').limit(input.limit + 1);
        if (input.cursor) query.where('username', '>', afterUsername(input.cursor));
        const fetched = (await query) as UserRow[];
        const rows = fetched.slice(0, input.limit);
        page = { rows, nextCursor: fetched.length > input.limit ? Buffer.from(rows.at(-1)!.username).toString('base64url') : null };
      } else {
        page = await newestFirstPage<UserRow>(query, input);
      }
      return { items: page.rows.map((r) => ({ id: r.id, username: r.username, role: r.role, createdAt: r.created_at })), nextCursor: page.nextCursor };
    }),
});
