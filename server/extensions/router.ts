// What the platform runs, for administrators (the Extensions page) and for the web client (which
// pages to show).
import { z } from 'zod';
import { emptyInput } from '../../shared/schemas/primitives';
import { adminProcedure, publicProcedure, router } from '../trpc';
import { describeExtension, extensionSummary } from './loader';
import { examples } from '../openapi-examples';

const enabledOutput = z.object({ items: z.array(z.object({ id: z.string(), version: z.string() })) });
const listOutput = z.object({ items: z.array(extensionSummary) });

const tags = ['extensions'];

export const extensionsRouter = router({
  enabled: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/extensions/enabled',
        tags,
        summary: 'The extensions this platform runs (ids and versions)',
        description: 'The extensions CALOS_EXTENSIONS loaded, in load order; the web client shows the pages of these only. **Who may call:** anyone.',
      },
      examples: examples({ output: enabledOutput }, { response: { items: [{ id: 'leagues', version: '1.0.0' }, { id: 'mailer', version: '1.0.0' }] } }),
    })
    .input(emptyInput.optional())
    .output(enabledOutput)
    .query(({ ctx }) => ({ items: ctx.platform.extensions.list.map(({ definition: d }) => ({ id: d.id, version: d.version })) })),

  list: adminProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/extensions',
        tags,
        summary: 'Installed extensions, with their routes, actions, events, scopes and jobs',
        description:
          'Each installed extension with its version, where it came from, its state, and what it adds: REST routes, actions, event types, API-key scopes, effects, jobs and migrations. CALOS_EXTENSIONS decides which load; one that ran on this database before and is left out now is listed as `disabled` (its tables and data are kept). **Who may call:** administrators.',
        protect: true,
      },
      examples: examples(
        { output: listOutput },
        {
          response: {
            items: [
              {
                id: 'leagues',
                version: '1.0.0',
                description: 'Game leagues (round robin, Swiss, elimination, open) with fixtures, confirmed results, standings and Elo ratings.',
                source: 'bundled',
                state: 'enabled',
                routes: [{ method: 'GET', path: '/api/leagues', procedure: 'leagues.list' }],
                actions: ['play_chess', 'win_chess'],
                events: ['match.completed', 'match.started'],
                scopes: ['leagues:manage'],
                jobs: [{ name: 'start-due', schedule: '* * * * *' }],
                effects: [],
                migrations: ['20261125000006_leagues', '20261206000003_league_farming_limits'],
              },
              { id: 'trivia', version: '1.0.0', description: '', source: '@calos-examples/trivia', state: 'disabled', routes: [], actions: [], events: [], scopes: [], jobs: [], effects: [], migrations: [] },
            ],
          },
        },
      ),
    })
    .input(emptyInput.optional())
    .output(listOutput)
    .query(async ({ ctx }) => {
      const loaded = ctx.platform.extensions.list.map(describeExtension);
      const disabled = (await ctx.db('extensions')
        .where({ enabled: false })
        .orderBy('id')
        .select('id', 'version', 'source')) as Array<{ id: string; version: string; source: string }>;
      const none = { routes: [], actions: [], events: [], scopes: [], jobs: [], effects: [], migrations: [] };
      return { items: [...loaded, ...disabled.map((e) => ({ ...e, description: '', state: 'disabled' as const, ...none }))] };
    }),
});
