// Users as administrators find them: by the start of a username, for the web client's operator
// pages (a user picker). Usernames are public (leaderboards show them); e-mail addresses are not
// listed.
import * as s from '../../../shared/schemas/users';
import { adminProcedure, router } from '../../trpc';
import * as ex from './examples';

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
      const query = ctx.db('users').select('id', 'username', 'role', 'created_at').limit(input.limit);
      const prefix = input.query.trim();
      // Usernames are stored in lower case.
      if (prefix) query.whereRaw(`username LIKE ? ESCAPE '\\'`, [`${escapeLike(prefix.toLowerCase())}%`]).orderBy('username');
      else query.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
      const rows = (await query) as Array<{ id: string; username: string; role: 'user' | 'admin'; created_at: Date }>;
      return { items: rows.map((r) => ({ id: r.id, username: r.username, role: r.role, createdAt: r.created_at })) };
    }),
});
