// The React root of the CalOS web client: Mantine, notifications, React Query + tRPC, and the router.
import { getStyleNonce } from './content-security';
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
