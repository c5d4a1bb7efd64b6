// The page map: signed-out pages (sign-in, sign-up), signed-in pages inside the app shell,
// administrator pages (a not-found page for everyone else), and the pages of the extensions the
// server runs. Every page is its own chunk, loaded when it is first visited; `handle.title` names
// the browser tab.
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout';
import { DocumentTitleRoot, type RouteHandle } from './components/document-title';
import { extensionRoutes } from './components/extension-pages';
import { RequireAdmin } from './components/require-admin';
import { FullPageLoader, GuestOnly, RequireSession } from './components/session';
import { NotFoundPage } from './pages/not-found/not-found-page';

type PageModule = Record<string, unknown>;

/** A lazily loaded page: the module and the name of the component it exports. */
function page(title: string | undefined, load: () => Promise<PageModule>, name: string): Pick<RouteObject, 'lazy' | 'handle'> {
  const handle: RouteHandle = { title };
  return {
    handle,
    lazy: async () => ({ Component: (await load())[name] as React.ComponentType }),
  };
}

export const router = createBrowserRouter([
  {
    element: <DocumentTitleRoot />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      {
        element: <GuestOnly />,
        children: [
          { path: '/sign-in', ...page('Sign in', () => import('./pages/sign-in/sign-in-page'), 'SignInPage') },
          { path: '/sign-up', ...page('Create account', () => import('./pages/sign-up/sign-up-page'), 'SignUpPage') },
        ],
      },
      // The links CalOS mails: signed in or not.
      { path: '/verify-email', ...page('Email verification', () => import('./pages/account-links/verify-email-page'), 'VerifyEmailPage') },
      { path: '/forgot-password', ...page('Reset your password', () => import('./pages/account-links/forgot-password-page'), 'ForgotPasswordPage') },
      { path: '/confirm-device', ...page('Confirm a new device', () => import('./pages/account-links/confirm-device-page'), 'ConfirmDevicePage') },
      { path: '/reset-password', ...page('Choose a new password', () => import('./pages/account-links/reset-password-page'), 'ResetPasswordPage') },
      {
        // The OpenID Connect consent page: signed in, without the app's navigation.
        element: <RequireSession />,
        children: [{ path: '/oauth/consent/:uid', ...page('Sign in to an application', () => import('./pages/oauth/consent-page'), 'ConsentPage') }],
      },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { path: '/', ...page('Home', () => import('./pages/home/home-page'), 'HomePage') },
          { path: '/skills', ...page('Skills', () => import('./pages/skills/skills-page'), 'SkillsPage') },
          { path: '/skills/:userId', ...page('Skills', () => import('./pages/skills/skills-page'), 'SkillsPage') },
          { path: '/leaderboard', ...page('Leaderboard', () => import('./pages/skills/leaderboard-page'), 'LeaderboardPage') },
          { path: '/actions', ...page('Actions', () => import('./pages/actions/actions-page'), 'ActionsPage') },
          { path: '/activity', ...page('Activity', () => import('./pages/activity/activity-page'), 'ActivityPage') },
          { path: '/devices', ...page('Devices & sessions', () => import('./pages/devices/devices-page'), 'DevicesPage') },
          { path: '/connected-apps', ...page('Connected apps', () => import('./pages/connected-apps/connected-apps-page'), 'ConnectedAppsPage') },
          { path: '/schedules', ...page('Markets & schedules', () => import('./pages/schedules/schedules-page'), 'SchedulesPage') },
          { path: '/developer', ...page('Developers', () => import('./pages/developer/developer-page'), 'DeveloperPage') },
          { path: '/developer/apps/:applicationId', ...page('Application', () => import('./pages/developer/application-page'), 'ApplicationPage') },
          {
            element: <RequireAdmin />,
            children: [
              { path: '/admin/operations', ...page('Operations', () => import('./pages/operations/operations-page'), 'OperationsPage') },
              { path: '/admin/extensions', ...page('Extensions', () => import('./pages/extensions/extensions-page'), 'ExtensionsPage') },
            ],
          },
          ...extensionRoutes,
          // In the main chunk: administrator routes show it to everyone else too.
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
