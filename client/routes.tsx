// The page map: signed-out pages (sign-in, sign-up) and signed-in pages inside the app shell.
import { createBrowserRouter } from 'react-router';
import { ActionsPage } from './pages/actions/actions-page';
import { ActivityPage } from './pages/activity/activity-page';
import { AppLayout } from './components/app-layout';
import { extensionRoutes } from './components/extension-pages';
import { GuestOnly, RequireSession } from './components/session';
import { ApplicationPage } from './pages/developer/application-page';
import { DeveloperPage } from './pages/developer/developer-page';
import { DevicesPage } from './pages/devices/devices-page';
import { HomePage } from './pages/home/home-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { ExtensionsPage } from './pages/extensions/extensions-page';
import { SchedulesPage } from './pages/schedules/schedules-page';
import { SignInPage } from './pages/sign-in/sign-in-page';
import { SignUpPage } from './pages/sign-up/sign-up-page';
import { LeaderboardPage } from './pages/skills/leaderboard-page';
import { SkillsPage } from './pages/skills/skills-page';

export const router = createBrowserRouter([
  {
    element: <GuestOnly />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
    ],
  },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/skills', element: <SkillsPage /> },
      { path: '/skills/:userId', element: <SkillsPage /> },
      { path: '/leaderboard', element: <LeaderboardPage /> },
      { path: '/actions', element: <ActionsPage /> },
      { path: '/activity', element: <ActivityPage /> },
      { path: '/devices', element: <DevicesPage /> },
      { path: '/schedules', element: <SchedulesPage /> },
      { path: '/developer', element: <DeveloperPage /> },
      { path: '/developer/apps/:applicationId', element: <ApplicationPage /> },
      { path: '/admin/extensions', element: <ExtensionsPage /> },
      ...extensionRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
