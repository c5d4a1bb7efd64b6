// The one router tree behind both doors (/trpc and /api): one line per module.
import { router } from './trpc';
import { actionsRouter } from './modules/actions/router';
import { authRouter } from './modules/auth/router';
import { developerRouter } from './modules/developer/router';
import { skillsRouter } from './modules/skills/router';
import { schedulesRouter } from './modules/schedules/router';
import { leaguesRouter } from './modules/leagues/router';
import { mailerRouter } from './modules/mailer/router';
import { systemRouter } from './modules/system/router';
import { usageRouter } from './modules/usage/router';
import { usersRouter } from './modules/users/router';
import { webhooksRouter } from './modules/webhooks/router';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  users: usersRouter,
  developer: developerRouter,
  webhooks: webhooksRouter,
  usage: usageRouter,
  skills: skillsRouter,
  schedules: schedulesRouter,
  leagues: leaguesRouter,
  mailer: mailerRouter,
  actions: actionsRouter,
});

export type AppRouter = typeof appRouter;
