// Achievement condition from the actions engine: a number of successful executions of one action
// or of any action in a category (First Vote: 1 Voting action).
import { z } from 'zod';
import { defineCondition, type ConditionContext } from '../skills/conditions/condition';

export const actionCount = defineCondition({
  type: 'action_count',
  description: 'The user has executed `action` (or any action of `category`) at least `count` times.',
  changesOn: ['action'],
  params: z
    .object({ action: z.string().optional(), category: z.string().optional(), count: z.number().int().min(1) })
    .refine((p) => p.action || p.category, 'action or category is required'),
  async isMet(context, params) {
    return (await countUpTo(context, params)) >= params.count;
  },
  async progress(context, params) {
    return { current: await countUpTo(context, params), target: params.count, unit: 'actions' };
  },
});

/** The user's successful executions that count, read only up to `count`. */
async function countUpTo({ trx, userId, realm }: ConditionContext, { action, category, count }: { action?: string; category?: string; count: number }) {
  const query = trx('user_action_log').where({ mode: realm, user_id: userId, status: 'succeeded' });
  if (action) query.where('action_code', action);
  if (category) query.where('action_category', category);
  const rows = await trx.from(query.select(trx.raw('1')).limit(count).as('x')).count({ n: '*' });
  return Number(rows[0]!.n);
}
