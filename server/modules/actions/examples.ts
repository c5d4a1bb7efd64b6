// Example requests and responses of the actions routes, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/actions';
import { levelProgress } from '../../../shared/xp';
import { at, exampleIds, examples } from '../../openapi-examples';

const { grace } = exampleIds;
const executionId = '35a8902a-e550-4854-9af9-df94d6f4d4af';
const refusedId = '6d091001-a340-4658-b420-44c2c54ec9e0';
const earlierId = 'c262827d-77c3-4be1-b846-f6227f1bd69c';

const completeChallenge = {
  id: '06fa9fb6-06bb-42fc-b466-9988dc90a45b',
  code: 'complete_challenge',
  name: 'Complete a challenge',
  category: 'development',
  description: 'Solve a coding challenge.',
  cooldownSeconds: 300,
  dailyLimit: 10,
  rateLimitPerMinute: null,
  schedules: [],
  effects: [
    { effectCode: 'award_xp', effectParams: { skillId: 'development', xpAmount: 200 } },
    { effectCode: 'streak', effectParams: { streak: 'challenges' } },
    { effectCode: 'check_achievements', effectParams: {} },
  ],
  custom: false,
  systemOnly: false,
};
const submitCode = {
  id: 'd2aac599-e60f-487e-81b7-76345579983b',
  code: 'submit_code',
  name: 'Submit code',
  category: 'development',
  description: 'Submit a change.',
  cooldownSeconds: 60,
  dailyLimit: 20,
  rateLimitPerMinute: null,
  schedules: [],
  effects: [
    { effectCode: 'award_xp', effectParams: { skillId: 'development', xpAmount: 50 } },
    { effectCode: 'check_achievements', effectParams: {} },
  ],
  custom: false,
  systemOnly: false,
};

/** What complete_challenge's effects did for grace, at 1,530 Development XP before. */
const effects = [
  {
    effectCode: 'award_xp',
    status: 'applied' as const,
    result: { userId: grace, skill: 'development', xpAwarded: 200, xp: 1730, level: levelProgress(1730).level, levelsGained: 1, achievementsUnlocked: [], multiplier: 1 },
  },
  { effectCode: 'streak', status: 'applied' as const, result: { streak: 'challenges', current: 4, longest: 9, day: '2026-12-07' } },
  { effectCode: 'check_achievements', status: 'applied' as const, result: { unlocked: [] } },
];

export const list = examples(
  { input: s.listActionsInput, output: s.listActionsOutput },
  { request: { category: 'development' }, response: { items: [completeChallenge, submitCode] } },
);

export const execute = examples(
  { input: s.executeActionInput, output: s.executeActionOutput },
  {
    request: { actionCode: 'complete_challenge', params: { challengeId: 'two-sum', language: 'typescript' }, userId: grace },
    response: {
      execution: { id: executionId, actionCode: 'complete_challenge', userId: grace, executedAt: at('2026-12-07T09:20:14.532Z'), freeUse: false },
      effects,
    },
  },
);

export const check = examples(
  { input: s.checkActionInput, output: s.checkActionOutput },
  {
    request: { code: 'complete_challenge', userId: grace },
    response: {
      actionCode: 'complete_challenge',
      at: at('2026-12-07T09:21:02.118Z'),
      available: false,
      reason: 'COOLDOWN',
      nextAvailableAt: at('2026-12-07T09:25:14.532Z'),
      remainingToday: 7,
      cooldownEndsAt: at('2026-12-07T09:25:14.532Z'),
    },
  },
);

export const history = examples(
  { input: s.actionHistoryInput, output: s.actionHistoryOutput },
  {
    request: { userId: grace, actionCode: 'complete_challenge', limit: 2 },
    response: {
      items: [
        {
          id: refusedId,
          actionCode: 'complete_challenge',
          status: 'failed',
          reason: 'COOLDOWN',
          nextAvailableAt: at('2026-12-07T09:25:14.532Z'),
          freeUse: false,
          params: { challengeId: 'valid-parentheses', language: 'typescript' },
          executedAt: at('2026-12-07T09:22:40.006Z'),
          effects: [],
        },
        {
          id: executionId,
          actionCode: 'complete_challenge',
          status: 'succeeded',
          reason: null,
          nextAvailableAt: null,
          freeUse: false,
          params: { challengeId: 'two-sum', language: 'typescript' },
          executedAt: at('2026-12-07T09:20:14.532Z'),
          effects,
        },
      ],
      nextCursor: Buffer.from(JSON.stringify(['2026-12-07T09:20:14.532Z', executionId])).toString('base64url'),
    },
  },
);

const perDay = Array.from({ length: 30 }, (_, i) => {
  const day = new Date(Date.UTC(2026, 10, 8 + i)).toISOString().slice(0, 10);
  return { day, count: [0, 0, 3, 5, 2, 0, 1, 4, 6, 2][i % 10]! };
});

export const stats = examples(
  { input: s.actionStatsInput, output: s.actionStatsOutput },
  {
    request: { userId: grace },
    response: {
      total: 93,
      today: perDay.at(-1)!.count,
      failed: 5,
      timezone: 'America/New_York',
      byAction: [
        { actionCode: 'submit_code', count: 41, lastExecutedAt: at('2026-12-06T22:48:03.771Z') },
        { actionCode: 'complete_challenge', count: 38, lastExecutedAt: at('2026-12-07T09:20:14.532Z') },
        { actionCode: 'review_code', count: 14, lastExecutedAt: at('2026-12-05T15:02:19.420Z') },
      ],
      perDay,
    },
  },
);

export const register = examples(
  { input: s.registerActionInput, output: s.actionOutput },
  {
    request: {
      actionCode: 'solve_puzzle',
      actionName: 'Solve a puzzle',
      actionCategory: 'puzzles',
      actionDescription: 'Solve the daily chess puzzle.',
      cooldownSeconds: 60,
      dailyLimit: 10,
      effects: [
        { effectCode: 'award_xp', effectParams: { skillId: 'analytics', xpAmount: 30 } },
        { effectCode: 'streak', effectParams: { streak: 'puzzles' } },
        { effectCode: 'check_achievements' },
      ],
    },
    response: {
      id: earlierId,
      code: 'solve_puzzle',
      name: 'Solve a puzzle',
      category: 'puzzles',
      description: 'Solve the daily chess puzzle.',
      cooldownSeconds: 60,
      dailyLimit: 10,
      rateLimitPerMinute: null,
      schedules: [],
      effects: [
        { effectCode: 'award_xp', effectParams: { skillId: 'analytics', xpAmount: 30 } },
        { effectCode: 'streak', effectParams: { streak: 'puzzles' } },
        { effectCode: 'check_achievements', effectParams: {} },
      ],
      custom: true,
      systemOnly: false,
    },
  },
);
