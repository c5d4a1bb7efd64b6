// unlock_achievement: unlocks a named achievement (once per user).
import { z } from 'zod';
import { achievementExists, unlockAchievement } from '../../skills/service';
import { defineEffect } from './effect';

export const unlockAchievementEffect = defineEffect({
  code: 'unlock_achievement',
  name: 'Unlock achievement',
  description: 'Unlocks the achievement `achievement` (its code); nothing if the user has it already.',
  params: z.strictObject({ achievement: z.string().min(1).max(64) }),
  async checkReferences(trx, p) {
    return (await achievementExists(trx, p.achievement)) ? null : { field: 'achievement', message: `no achievement "${p.achievement}"` };
  },
  async apply(ctx, p) {
    const unlocked = await unlockAchievement(ctx.trx, ctx.events, { mode: ctx.mode, userId: ctx.userId, code: p.achievement, applicationId: ctx.applicationId });
    return unlocked ? { status: 'applied', result: { achievement: unlocked } } : { status: 'skipped', result: { reason: 'ALREADY_UNLOCKED' } };
  },
});
