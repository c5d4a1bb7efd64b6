// Example request and response of finding users, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/users';
import { at, exampleIds, examples } from '../../openapi-examples';

export const find = examples(
  { input: s.findUsersInput, output: s.findUsersOutput },
  {
    request: { query: 'gr', limit: 20 },
    response: { items: [{ id: exampleIds.grace, username: 'grace', role: 'user', createdAt: at('2026-11-05T17:42:09.513Z') }], nextCursor: null },
  },
);
