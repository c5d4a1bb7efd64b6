// What the platform runs, for administrators (the Extensions page) and for the web client (which
// pages to show).
import { z } from 'zod';
import { emptyInput } from '../../shared/schemas/primitives';
import { adminProcedure, publicProcedure, router } from '../trpc';
import { describeExtension, extensionSummary } from './loader';

const tags = ['extensions'];

export const extensionsRouter = router({
  enabled: publicProcedure
    .meta({
      openapi: { method: 'GET', path: '/extensions/enabled', tags, summary: 'The extensions this platform runs (ids and versions)', description: 'The web client shows the pages of these extensions only.' },
    })
    .input(emptyInput.optional())
    .output(z.object({ items: z.array(z.object({ id: z.string(), version: z.string() })) }))
    .query(({ ctx }) => ({ items: ctx.platform.extensions.list.map(({ definition: d }) => ({ id: d.id, version: d.version })) })),

  list: adminProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/extensions',
        tags,
        summary: 'Installed extensions, with their routes, actions, events, scopes and jobs',
        description: 'Administrators only. CALOS_EXTENSIONS decides which extensions load; one that ran before and is left out now is listed as disabled.',
        protect: true,
      },
    })
    .input(emptyInput.optional())
    .output(z.object({ items: z.array(extensionSummary) }))
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
