// The React root of the CalOS web client: Mantine, notifications, React Query + tRPC, and the router.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { isUnauthenticated, isWorthRetrying } from './components/errors';
import { router } from './routes';
import { theme } from './theme';
import { createTrpcClient, trpc } from './trpc';

// The page's Content-Security-Policy allows no inline style without this response's nonce, which the
// server writes into index.html (vite.config.ts, html.cspNonce). Mantine's <style> elements take it
// from getStyleNonce; react-remove-scroll (Mantine's modals) reads it from get-nonce's documented global.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce;
const getStyleNonce = styleNonce ? () => styleNonce : undefined;

function createQueryClient(): QueryClient {
  const sessionKey = getQueryKey(trpc.auth.session);
  const isSessionKey = (key: readonly unknown[] | undefined) =>
    Array.isArray(key?.[0]) && (key[0] as unknown[]).join('.') === 'auth.session';
  // A session that ends elsewhere (revoked, expired) shows up as UNAUTHENTICATED on any call:
  // re-ask who is signed in, and the route guard sends the visitor to /sign-in.
  const onError = (error: unknown, queryKey?: readonly unknown[]) => {
    if (!isUnauthenticated(error) || isSessionKey(queryKey)) return;
    void client.invalidateQueries({ queryKey: sessionKey });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: { retry: (failures, error) => isWorthRetrying(error) && failures < 2, staleTime: 15_000 },
    },
  });
  return client;
}

function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme} defaultColorScheme="light" getStyleNonce={getStyleNonce}>
          <Notifications position="bottom-right" />
          <RouterProvider router={router} />
        </MantineProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
