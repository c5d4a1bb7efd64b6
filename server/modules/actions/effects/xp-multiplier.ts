// xp_multiplier: a timed XP boost (all skills or one).
import { z } from 'zod';
import { grantXpBoost } from '../../benefits/service';
import { defineEffect } from './effect';
import { skillCodeOf } from './skill-reference';

export const xpMultiplierEffect = defineEffect({
  code: 'xp_multiplier',
  name: 'XP boost',
  description: 'Multiplies the user’s XP from actions by `multiplier` for `hours` (all skills, or `skill`).',
  params: z.strictObject({
    multiplier: z.number().gt(1).max(10),
    hours: z.number().gt(0).max(24 * 365),
    skill: z.string().min(1).max(64).optional(),
  }),
  async checkReferences(trx, p) {
    return !p.skill || (await skillCodeOf(trx, p.skill)) ? null : { field: 'skill', message: `no skill "${p.skill}"` };
  },
  async apply(ctx, p) {
    if (ctx.mode === 'test') return { status: 'skipped', result: { reason: 'TEST_MODE' } };
    const skill = p.skill ? await skillCodeOf(ctx.trx, p.skill) : null;
    const boost = await grantXpBoost(ctx.trx, { userId: ctx.userId, multiplier: p.multiplier, hours: p.hours, skill, source: `action:${ctx.executionId}`, at: ctx.now });
    return { status: 'applied', result: { boost } };
  },
});
