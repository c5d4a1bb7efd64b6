// The code challenges' actions, executed only by the extension (systemOnly): entering, judging and
// winning earn development XP. The seed's `submit_code`, `review_code` and `complete_challenge`
// are not reused: their cooldowns (60 s, 30 s, 300 s) would refuse a judge's second comparison
// within half a minute, and their names mean other things to applications that execute them.
import type { SeedAction } from '../../server/extensions/api';
import { ENTER_ACTION } from './server/entries';
import { JUDGE_ACTION } from './server/judging';
import { WIN_ACTION } from './server/results';

export const challengesActions: SeedAction[] = [
  {
    code: ENTER_ACTION,
    name: 'Enter a code challenge',
    category: 'development',
    cooldownSeconds: 0,
    dailyLimit: 20,
    description: 'A submission to a code challenge (once per challenge).',
    effects: [{ effectCode: 'award_xp', effectParams: { skillId: 'development', xpAmount: 25 } }],
    systemOnly: true,
  },
  {
    code: JUDGE_ACTION,
    name: 'Judge a challenge entry',
    category: 'development',
    cooldownSeconds: 0,
    dailyLimit: 200,
    description: 'A pairwise comparison or a rubric score in a code challenge.',
    effects: [{ effectCode: 'award_xp', effectParams: { skillId: 'development', xpAmount: 5 } }],
    systemOnly: true,
  },
  {
    code: WIN_ACTION,
    name: 'Win a code challenge',
    category: 'development',
    cooldownSeconds: 0,
    dailyLimit: 10,
    description: 'The teacher picked your entry as the winner.',
    effects: [
      { effectCode: 'award_xp', effectParams: { skillId: 'development', xpAmount: 200 } },
      { effectCode: 'check_achievements', effectParams: {} },
    ],
    systemOnly: true,
  },
];
