// Executions of one action, or of any action in a category (First Vote: 1 Voting action). The
// actions engine keeps the log, so it answers the count: the check_achievements effect passes
// `executions` when an action ran, the only change this condition listens to.
import { z } from 'zod';
import { defineCondition } from './condition';

export const actionCount = defineCondition({
  type: 'action_count',
  description: 'The user has executed `action` (or any action of `category`) at least `count` times.',
  changesOn: ['action'],
  params: z
    .object({ action: z.string().optional(), category: z.string().optional(), count: z.number().int().min(1) })
    .refine((p) => p.action || p.category, 'action or category is required'),
  isMet: ({ executions }, { action, category, count }) => executions?.atLeast({ action, category }, count) ?? false,
  async progress({ executions }, { action, category, count }) {
    return { current: executions ? await executions.upTo({ action, category }, count) : 0, target: count, unit: 'actions' };
  },
});
