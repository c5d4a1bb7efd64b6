// The portfolio's action: vote_domain, the seed document's own example (`calos.actions.check(userId,
// 'vote_domain')`), taken over from the kernel's seed with the same code, limits and effects. It is
// system-only: a vote on a name executes it (one vote per user and name), so it cannot be executed
// without a vote through /api/actions/execute; checking it (GET /api/actions/check/vote_domain)
// still answers whether a user may vote now. Feedback executes the kernel's submit_feedback.
import type { SeedAction } from '../../server/extensions/api';

export const VOTE_ACTION = 'vote_domain';
export const FEEDBACK_ACTION = 'submit_feedback';

export const domainsActions: SeedAction[] = [
  {
    code: VOTE_ACTION,
    name: 'Vote for a domain',
    category: 'voting',
    cooldownSeconds: 3,
    dailyLimit: 1000,
    description: 'Vote for a domain name.',
    effects: [
      { effectCode: 'award_xp', effectParams: { skillId: 'voting', xpAmount: 10 } },
      { effectCode: 'increment_counter', effectParams: { counter: 'votes' } },
      { effectCode: 'check_achievements', effectParams: {} },
    ],
    systemOnly: true,
  },
];
