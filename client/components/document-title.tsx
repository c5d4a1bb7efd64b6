// The browser tab's title, "Leaderboard · CalOS": the deepest route's `handle.title`, unless the page
// names itself after what it shows (a league, an application) with useDocumentTitle.
import { createContext, useContext, useEffect, useState } from 'react';
import { Outlet, useMatches } from 'react-router';

export interface RouteHandle {
  title?: string;
}

const SetTitleContext = createContext<(title: string | null) => void>(() => undefined);

export const documentTitle = (title: string | undefined | null) => (title ? `${title} · CalOS` : 'CalOS');

/** The root route's element: keeps document.title in step with the page shown. */
export function DocumentTitleRoot() {
  const matches = useMatches();
  const [pageTitle, setPageTitle] = useState<string | null>(null);
  const routeTitle = matches
    .map((m) => (m.handle as RouteHandle | undefined)?.title)
    .filter(Boolean)
    .at(-1);
  const title = documentTitle(pageTitle ?? routeTitle);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <SetTitleContext.Provider value={setPageTitle}>
      <Outlet />
    </SetTitleContext.Provider>
  );
}

/** A page's own title while it is shown (nothing while `title` is still loading). */
export function useDocumentTitle(title: string | undefined | null) {
  const setTitle = useContext(SetTitleContext);
  useEffect(() => {
    if (!title) return;
    setTitle(title);
    return () => setTitle(null);
  }, [title, setTitle]);
}
