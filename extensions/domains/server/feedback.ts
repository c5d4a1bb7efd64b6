// Written feedback on a name: it executes the kernel's submit_feedback action (30 s cooldown, 100 a
// day, 25 Voting XP) in the same transaction, so a refusal stores nothing. Not on your own names;
// the owner (or an administrator) reads the feedback on theirs.
import type { z } from 'zod';
import { DomainError, invalidField, LIVE_SCOPE, newestFirstPage, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { FEEDBACK_ACTION } from '../actions';
import { findRow, type Viewer } from './portfolio';

interface FeedbackRow {
  id: string;
  domain_id: string;
  user_id: string;
  body: string;
  created_at: Date;
}

const toFeedback = (r: FeedbackRow, names: Map<string, string>) => ({ id: r.id, domainId: r.domain_id, userId: r.user_id, username: names.get(r.user_id) ?? null, body: r.body, createdAt: r.created_at });

export async function submitFeedback(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof s.feedbackInput>): Promise<z.output<typeof s.submitFeedbackOutput>> {
  const domain = await findRow(tx, input.domainId);
  if (domain.owner_id === viewer.userId) throw invalidField('domainId', 'feedback is for other people’s domains');
  const [row] = (await tx('domains_feedback').insert({ domain_id: domain.id, user_id: viewer.userId, body: input.body.trim() }).returning('*')) as FeedbackRow[];
  const executed = await kernel.actions.execute(tx, { scope: LIVE_SCOPE, userId: viewer.userId, actionCode: FEEDBACK_ACTION, params: { domainId: domain.id, feedbackId: row!.id } });
  const xpAwarded = executed.effects.reduce((sum, e) => sum + (typeof e.result?.xpAwarded === 'number' ? e.result.xpAwarded : 0), 0);
  return { feedback: toFeedback(row!, await kernel.users.names(tx, [viewer.userId])), xpAwarded };
}

export async function listFeedback(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof s.feedbackListInput>) {
  const domain = await findRow(tx, input.domainId);
  if (!viewer.admin && domain.owner_id !== viewer.userId) {
    throw new DomainError('FORBIDDEN', 'Only the domain’s owner (or an administrator) reads its feedback.', { reason: 'NOT_OWNER' });
  }
  const { rows, nextCursor } = await newestFirstPage<FeedbackRow>(tx('domains_feedback').where({ domain_id: domain.id }).select('*'), input);
  const names = await kernel.users.names(tx, [...new Set(rows.map((r) => r.user_id))]);
  return { items: rows.map((r) => toFeedback(r, names)), nextCursor };
}
