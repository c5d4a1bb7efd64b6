// award_xp: XP to one skill, multiplied by the user's running XP boost.
import { z } from 'zod';
import { MAX_XP } from '../../../../shared/xp';
import { awardBoostedXp, awardXp } from '../../skills/service';
import { defineEffect } from './effect';
import { skillCodeOf, skillReference } from './skill-reference';

// The seed names them skillId and xpAmount; skill and xp are accepted as shorter aliases.
const params = z
  .strictObject({
    skillId: z.string().min(1).max(64).optional().describe('Skill id or code (or the seed’s `<code-skill-id>` form).'),
    skill: z.string().min(1).max(64).optional().describe('Alias of skillId.'),
    xpAmount: z.number().int().min(1).max(MAX_XP).optional(),
    xp: z.number().int().min(1).max(MAX_XP).optional().describe('Alias of xpAmount.'),
  })
  .refine((p) => (p.skillId ?? p.skill) !== undefined, { message: 'skillId is required', path: ['skillId'] })
  .refine((p) => (p.xpAmount ?? p.xp) !== undefined, { message: 'xpAmount is required', path: ['xpAmount'] })
  .transform((p) => ({ skill: skillReference((p.skillId ?? p.skill)!), xp: (p.xpAmount ?? p.xp)! }));

export const awardXpEffect = defineEffect({
  code: 'award_xp',
  name: 'Award XP',
  description: 'Adds XP to a skill; a running XP boost multiplies it.',
  params,
  async checkReferences(trx, p) {
    return (await skillCodeOf(trx, p.skill)) ? null : { field: 'skillId', message: `no skill "${p.skill}"` };
  },
  async apply(ctx, p) {
    // Boosts belong to live accounts; the sandbox awards the base XP. The award's first statement
    // reads the running boost (awardBoostedXp), one round trip fewer than asking first.
    const command = {
      mode: ctx.mode,
      userId: ctx.userId,
      skill: p.skill,
      xp: p.xp,
      reason: `action:${ctx.action.code}`,
      source: { kind: 'action' as const, id: ctx.executionId },
      applicationId: ctx.applicationId,
    };
    if (ctx.mode !== 'live') return { status: 'applied', result: { ...(await awardXp(ctx.trx, ctx.events, command)), multiplier: 1 } };
    return { status: 'applied', result: await awardBoostedXp(ctx.trx, ctx.events, command, ctx.now) };
  },
});
