// The pages and navigation entries of the extensions the server runs (GET /api/extensions/enabled):
// routes for every bundled page, each loaded on first visit as its own chunk; a page of an
// extension the server does not run, or an administrators' page for someone else, is not found.
import { lazy, Suspense, useMemo, type ComponentType } from 'react';
import { Center, Loader } from '@mantine/core';
import type { RouteObject } from 'react-router';
import extensions from 'virtual:calos-extensions';
import type { ClientNavItem } from '../extension-api';
import { trpc } from '../trpc';
import type { RouteHandle } from './document-title';
import { useSignedIn } from './session';
import { NotFoundPage } from '../pages/not-found/not-found-page';

/** The ids of the extensions the server runs, once known. */
export function useEnabledExtensions(): Set<string> | undefined {
  const { data } = trpc.extensions.enabled.useQuery(undefined, { staleTime: 5 * 60_000 });
  return useMemo(() => (data ? new Set(data.items.map((e) => e.id)) : undefined), [data]);
}

function ExtensionPage({ id, adminOnly, Page }: { id: string; adminOnly: boolean; Page: ComponentType }) {
  const enabled = useEnabledExtensions();
  const { user } = useSignedIn();
  if (!enabled) return <Center py="xl"><Loader /></Center>;
  if (!enabled.has(id) || (adminOnly && user.role !== 'admin')) return <NotFoundPage />;
  return (
    <Suspense fallback={<Center py="xl"><Loader /></Center>}>
      <Page />
    </Suspense>
  );
}

/** Routes for every page of every extension in the client build. */
export const extensionRoutes: RouteObject[] = extensions.flatMap((extension) =>
  extension.pages.map((page) => {
    const Page = lazy(page.load);
    const handle: RouteHandle = { title: page.title };
    return { path: page.path, handle, element: <ExtensionPage id={extension.id} adminOnly={page.adminOnly ?? false} Page={Page} /> };
  }),
);

/** Navigation entries of the running extensions that this user may see. */
export function useExtensionNav(): ClientNavItem[] {
  const enabled = useEnabledExtensions();
  const { user } = useSignedIn();
  if (!enabled) return [];
  return extensions
    .filter((e) => enabled.has(e.id))
    .flatMap((e) => e.nav)
    .filter((item) => !item.adminOnly || user.role === 'admin');
}
