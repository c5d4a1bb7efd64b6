// The one router tree behind both doors (/trpc and /api): one line per module.
import { router } from './trpc';
import { authRouter } from './modules/auth/router';
import { systemRouter } from './modules/system/router';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
});

export type AppRouter = typeof appRouter;
