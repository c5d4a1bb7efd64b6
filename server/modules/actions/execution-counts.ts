// A user's successful executions, counted from this module's log for the action_count achievement
// condition (skills/conditions/action-count.ts), which asks through the check_achievements effect.
import type { Tx } from '../../db/index';
import type { Realm } from '../developer/realm';
import type { ExecutionCounts } from '../skills/conditions/condition';

export function executionCounts(trx: Tx, realm: Realm, userId: string): ExecutionCounts {
  const upTo: ExecutionCounts['upTo'] = async ({ action, category }, limit) => {
    const query = trx('user_action_log').where({ mode: realm, user_id: userId, status: 'succeeded' });
    if (action) query.where('action_code', action);
    if (category) query.where('action_category', category);
    // Read only up to the limit.
    const rows = await trx.from(query.select(trx.raw('1')).limit(limit).as('x')).count({ n: '*' });
    return Number(rows[0]!.n);
  };
  return { upTo, atLeast: async (filter, count) => (await upTo(filter, count)) >= count };
}
