// A user's successful executions, counted from this module's log for the action_count achievement
// condition (skills/conditions/action-count.ts), which asks through the check_achievements effect.
import type { Tx } from '../../db/index';
import type { Realm } from '../developer/realm';
import type { ExecutionCounts } from '../skills/conditions/condition';

export const executionCounts = (trx: Tx, realm: Realm, userId: string): ExecutionCounts => ({
  async atLeast({ action, category }, count) {
    const query = trx('user_action_log').where({ mode: realm, user_id: userId, status: 'succeeded' });
    if (action) query.where('action_code', action);
    if (category) query.where('action_category', category);
    // Only whether there are `count`: stop reading there.
    const rows = await trx.from(query.select(trx.raw('1')).limit(count).as('x')).count({ n: '*' });
    return Number(rows[0]!.n) >= count;
  },
});
