// grant_free_action: uses of an action that skip its cooldown and daily limit.
import { z } from 'zod';
import { grantFreeActions } from '../../benefits/service';
import { defineEffect } from './effect';

export const grantFreeActionEffect = defineEffect({
  code: 'grant_free_action',
  name: 'Grant free action',
  description: 'Gives `uses` executions of `actionCode` that skip its cooldown and daily limit.',
  params: z.strictObject({ actionCode: z.string().min(1).max(64), uses: z.number().int().min(1).max(1000) }),
  async checkReferences(trx, p, scope) {
    const known = await trx('action_definitions')
      .where({ code: p.actionCode })
      .where((q) => q.whereNull('mode').orWhere({ mode: scope.mode, ...(scope.mode === 'test' ? { application_id: scope.applicationId } : {}) }))
      .first('id');
    return known ? null : { field: 'actionCode', message: `no action "${p.actionCode}"` };
  },
  async apply(ctx, p) {
    if (ctx.mode === 'test') return { status: 'skipped', result: { reason: 'TEST_MODE' } };
    const granted = await grantFreeActions(ctx.trx, { userId: ctx.userId, actionCode: p.actionCode, uses: p.uses, source: `action:${ctx.executionId}` });
    return { status: 'applied', result: granted };
  },
});
