// Who is signed in: the session query, the context that hands the signed-in user to pages, the
// route guards for signed-in and signed-out pages, and signing out.
import { createContext, useCallback, useContext, useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router';
import { trpc } from '../trpc';
import { describeProblem, isUnauthenticated, isWorthRetrying } from './errors';

export type SessionInfo = inferRouterOutputs<AppRouter>['auth']['session'];

export function useSessionQuery() {
  return trpc.auth.session.useQuery(undefined, {
    // Signed out is an answer, not a failure: never retry UNAUTHENTICATED.
    retry: (failures, error) => !isUnauthenticated(error) && isWorthRetrying(error) && failures < 2,
    staleTime: 60_000,
  });
}

const SessionContext = createContext<SessionInfo | null>(null);

/** The signed-in user and session; only inside pages behind <RequireSession>. */
export function useSignedIn(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSignedIn is used outside a signed-in page.');
  return session;
}

export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Shown when a session that was in use ends elsewhere (revoked on another device, expired). */
function SessionEndedNotice() {
  useEffect(() => {
    notifications.show({ id: 'session-ended', title: 'Signed out', message: 'Your session has ended. Sign in again to continue.' });
  }, []);
  return null;
}

/** Renders its child routes for a signed-in user; sends everyone else to /sign-in. */
export function RequireSession({ children }: { children?: React.ReactNode }) {
  const query = useSessionQuery();
  const location = useLocation();
  // Checked before `data`: a refetch that finds the session ended keeps the old data beside the error.
  if (isUnauthenticated(query.error)) {
    const from = location.pathname + location.search;
    return (
      <>
        {query.data && <SessionEndedNotice />}
        <Navigate to="/sign-in" replace state={from !== '/' ? { from } : undefined} />
      </>
    );
  }
  if (query.data) {
    return <SessionContext.Provider value={query.data}>{children ?? <Outlet />}</SessionContext.Provider>;
  }
  if (query.isPending) return <FullPageLoader />;
  return (
    <Center h="100vh">
      <Stack align="center" gap="sm">
        <Text fw={600}>CalOS is not answering.</Text>
        <Text c="dimmed" size="sm">
          {describeProblem(query.error).message}
        </Text>
        <Button variant="light" onClick={() => void query.refetch()} loading={query.isFetching}>
          Try again
        </Button>
      </Stack>
    </Center>
  );
}

/** Sign-in and sign-up: shown at once, but a visitor who turns out to be signed in goes home. */
export function GuestOnly() {
  const query = useSessionQuery();
  if (query.data && !isUnauthenticated(query.error)) return <Navigate to="/" replace />;
  return <Outlet />;
}

/**
 * Leaves the signed-in part of the app: forget every cached answer (they belong to the old
 * session), then render /sign-in synchronously so no page of the old session refetches.
 * `notice` says why, when the user did not simply sign out.
 */
export function useLeaveSession() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    (notice?: string) => {
      queryClient.clear();
      notifications.clean();
      if (notice) notifications.show({ title: 'Signed out', message: notice });
      void navigate('/sign-in', { replace: true, flushSync: true });
    },
    [queryClient, navigate],
  );
}

/** After login or register: drop the signed-out answers and go where the visitor was heading. */
export function useEnterSession() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return useCallback(() => {
    queryClient.clear();
    void navigate(typeof from === 'string' && from.startsWith('/') ? from : '/', { replace: true, flushSync: true });
  }, [queryClient, navigate, from]);
}

export function useSignOut() {
  const leave = useLeaveSession();
  const logout = trpc.auth.logout.useMutation();
  const signOut = useCallback(async () => {
    try {
      await logout.mutateAsync();
    } catch (error) {
      // Already signed out (revoked elsewhere): leaving is still right.
      if (!isUnauthenticated(error)) {
        notifications.show({ color: 'red', title: 'Could not sign out', message: describeProblem(error).message });
        return;
      }
    }
    leave();
  }, [logout, leave]);
  return { signOut, pending: logout.isPending };
}
