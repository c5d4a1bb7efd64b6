// The one router tree behind both doors (/trpc and /api): the kernel's modules, one line each, and
// the loaded extensions, each under its id.
import type { AnyRouter } from '@trpc/server';
import { router } from './trpc';
import { actionsRouter } from './modules/actions/router';
import { authRouter } from './modules/auth/router';
import { developerRouter } from './modules/developer/router';
import { skillsRouter } from './modules/skills/router';
import { scheduleProcedures } from './modules/schedules/router';
import { actionScheduleProcedures } from './modules/actions/schedule-procedures';
import { progressRouter } from './modules/progress/router';
import { systemRouter } from './modules/system/router';
import { usageRouter } from './modules/usage/router';
import { usersRouter } from './modules/users/router';
import { webhooksRouter } from './modules/webhooks/router';
import { oidcRouter } from './modules/oidc/router';
import { extensionsRouter } from './extensions/router';
import { bundledExtensions, type BundledRouters } from './extensions/bundled';
import type { HttpRoute } from './extensions/definition';

const kernelRouters = {
  system: systemRouter,
  auth: authRouter,
  users: usersRouter,
  developer: developerRouter,
  webhooks: webhooksRouter,
  usage: usageRouter,
  skills: skillsRouter,
  progress: progressRouter,
  // The schedules' own procedures and those about actions' schedules, under one namespace.
  schedules: router({ ...scheduleProcedures, ...actionScheduleProcedures }),
  actions: actionsRouter,
  extensions: extensionsRouter,
  oidc: oidcRouter,
};

/** The kernel's procedures alone (the loader checks extensions against them). */
export const kernelRouter = router(kernelRouters);

/** The router of a running platform: the kernel's and the loaded extensions' procedures. */
export function buildRouter(extensions: ReadonlyArray<{ id: string; router?: AnyRouter | undefined }>): AppRouter {
  const mounted = Object.fromEntries(extensions.filter((e) => e.router).map((e) => [e.id, e.router!]));
  return router({ ...kernelRouters, ...mounted }) as unknown as AppRouter;
}

const bundledDefinitions = bundledExtensions.map((factory) => factory());
const bundledRouters = Object.fromEntries(bundledDefinitions.map((d) => [d.id, d.router])) as BundledRouters;
/** The bundled extensions' raw routes (those with an OpenAPI operation join the document). */
export const bundledHttpRoutes = bundledDefinitions.flatMap((d) => (d as { http?: readonly HttpRoute[] }).http ?? []);

/**
 * The kernel with every bundled extension: the type clients see (a disabled extension's procedures
 * are not mounted, and answer 404 like any unknown path), and the tree tooling reads (the SDK's
 * OpenAPI document). A running platform serves `platform.router`.
 */
export const appRouter = router({ ...kernelRouters, ...bundledRouters });
export type AppRouter = typeof appRouter;
