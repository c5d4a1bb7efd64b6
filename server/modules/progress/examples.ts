// Examples of the progress summary in the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/progress';
import { at, exampleIds, examples } from '../../openapi-examples';

export const summary = examples(
  { input: s.progressSummaryInput, output: s.progressSummaryOutput },
  {
    request: { userId: exampleIds.grace },
    response: {
      userId: exampleIds.grace,
      username: 'grace',
      timezone: 'Europe/London',
      totalLevel: 41,
      totalXp: 9_420,
      xpToday: 120,
      xpThisWeek: 860,
      weekStartsAt: at('2026-11-30T00:00:00Z'),
      streak: { days: 6, activeToday: true, lastActiveDay: '2026-12-05' },
      rank: { rank: 12, of: 318 },
      achievements: { unlocked: 7, total: 24 },
      nextAchievement: {
        code: 'developer_10',
        name: 'Developer',
        description: 'Reach level 10 in Development.',
        icon: 'code',
        rarity: 'uncommon',
        points: 25,
        current: 1_054,
        target: 1_154,
        unit: 'xp',
        progress: 0.913,
      },
      availableActions: {
        count: 14,
        total: 19,
        items: [
          { code: 'submit_code', name: 'Submit code', category: 'development', remainingToday: 18 },
          { code: 'review_code', name: 'Review code', category: 'development', remainingToday: 30 },
        ],
      },
    },
  },
);
