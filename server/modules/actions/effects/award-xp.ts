// award_xp: XP to one skill, multiplied by the user's running XP boost.
import { z } from 'zod';
import { MAX_XP } from '../../../../shared/xp';
import { activeXpMultiplier } from '../../benefits/service';
import { awardXp } from '../../skills/service';
import { defineEffect } from './effect';
import { isUuid } from '../../../ids';
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
    // Boosts belong to live accounts; the sandbox awards the base XP. Boosts name skills by code.
    const skillCode = ctx.mode !== 'live' ? null : isUuid(p.skill) ? await skillCodeOf(ctx.trx, p.skill) : p.skill;
    const multiplier = skillCode ? await activeXpMultiplier(ctx.trx, { userId: ctx.userId, skill: skillCode, at: ctx.now }) : 1;
    const xp = Math.min(MAX_XP, Math.floor(p.xp * multiplier));
    const awarded = await awardXp(ctx.trx, ctx.events, {
      mode: ctx.mode,
      userId: ctx.userId,
      skill: p.skill,
      xp,
      reason: `action:${ctx.action.code}`,
      source: { kind: 'action', id: ctx.executionId },
      applicationId: ctx.applicationId,
    });
    return { status: 'applied', result: { ...awarded, multiplier } };
  },
});
