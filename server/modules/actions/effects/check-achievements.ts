// check_achievements: unlocks every achievement whose condition now holds (the original ran it
// after every action, so counts of actions such as "1 Voting action" are seen at once).
import { z } from 'zod';
import { evaluateAchievements } from '../../skills/service';
import { executionCounts } from '../execution-counts';
import { defineEffect } from './effect';

export const checkAchievementsEffect = defineEffect({
  code: 'check_achievements',
  name: 'Check achievements',
  description: 'Unlocks every achievement whose condition now holds.',
  params: z.strictObject({}),
  async apply(ctx) {
    const to = { mode: ctx.mode, userId: ctx.userId, applicationId: ctx.applicationId };
    const unlocked = await evaluateAchievements(ctx.trx, ctx.events, to, executionCounts(ctx.trx, ctx.realm, ctx.userId));
    return { status: unlocked.length ? 'applied' : 'skipped', result: { unlocked: unlocked.map((a) => a.code) } };
  },
});
