// Votes: one per user and name (the table's primary key). A new vote executes vote_domain in the
// same transaction, so its XP, cooldown (3 s) and daily limit (1,000) apply and a refused action
// leaves no vote. The same vote again answers `replayed` and runs nothing; the other direction is
// 409 ALREADY_VOTED. Parallel votes of one user on one name: the second insert waits for the first
// transaction on the key and then inserts nothing, so the vote counts once.
import type { z } from 'zod';
import { DomainError, invalidField, LIVE_SCOPE, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { VOTE_ACTION } from '../actions';
import { findRow, presentOne, type DomainRow, type Viewer } from './portfolio';

const xpOf = (effects: Array<{ result?: Record<string, unknown> | null }>) =>
  effects.reduce((sum, e) => sum + (typeof e.result?.xpAwarded === 'number' ? e.result.xpAwarded : 0), 0);

export async function vote(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof s.voteInput>): Promise<z.output<typeof s.voteOutput>> {
  const domain = await findRow(tx, input.domainId);
  if (domain.owner_id === viewer.userId) throw invalidField('domainId', 'you cannot vote for your own domain');
  const [inserted] = (await tx('domains_votes')
    .insert({ domain_id: domain.id, user_id: viewer.userId, direction: input.direction })
    .onConflict(['domain_id', 'user_id'])
    .ignore()
    .returning('direction')) as Array<{ direction: 'up' | 'down' }>;
  if (!inserted) {
    const first = (await tx('domains_votes').where({ domain_id: domain.id, user_id: viewer.userId }).first('direction')) as { direction: 'up' | 'down' };
    if (first.direction !== input.direction) {
      throw new DomainError('CONFLICT', `You voted ${first.direction} for this domain already.`, { reason: 'ALREADY_VOTED', direction: first.direction });
    }
    return { domain: await presentOne(kernel, tx, viewer, domain), direction: first.direction, replayed: true, xpAwarded: 0 };
  }
  const executed = await kernel.actions.execute(tx, { scope: LIVE_SCOPE, userId: viewer.userId, actionCode: VOTE_ACTION, params: { domainId: domain.id, domain: domain.name, direction: input.direction }, system: true });
  const column = input.direction === 'up' ? 'votes_up' : 'votes_down';
  const [row] = (await tx('domains_domains').where({ id: domain.id }).increment(column, 1).returning('*')) as DomainRow[];
  return { domain: await presentOne(kernel, tx, viewer, row!), direction: input.direction, replayed: false, xpAwarded: xpOf(executed.effects) };
}
