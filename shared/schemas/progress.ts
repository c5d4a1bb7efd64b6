// A user's progress at a glance (the web client's home page): totals, this week's XP, the streak,
// the rank, the next achievement within reach and the actions available now.
import { z } from 'zod';
import { timestamp, uuid } from './primitives';
import { achievementOutput } from './skills';

export const progressSummaryInput = z
  .strictObject({
    userId: uuid().optional().describe('The user: required with an API key; a signed-in user reads their own.'),
  })
  .optional();

/** How many actions the summary lists by name; `availableActions.count` counts them all. */
export const AVAILABLE_ACTIONS_LISTED = 20;

export const progressSummaryOutput = z.object({
  userId: uuid(),
  username: z.string(),
  timezone: z.string().describe('The user’s IANA time zone: days and weeks below are theirs (UTC when unset).'),
  totalLevel: z.number().int(),
  totalXp: z.number().int(),
  xpToday: z.number().int().describe('XP gained since midnight, in the user’s time zone.'),
  xpThisWeek: z.number().int().describe('XP gained since Monday 00:00, in the user’s time zone.'),
  weekStartsAt: timestamp().describe('That Monday 00:00, as an instant.'),
  streak: z.object({
    days: z.number().int().describe('Consecutive days with at least one successful action, ending today or yesterday; 0 when neither had one.'),
    activeToday: z.boolean(),
    lastActiveDay: z.iso.date().nullable().describe('The last day with a successful action (YYYY-MM-DD), or null.'),
  }),
  rank: z
    .object({ rank: z.number().int(), of: z.number().int().describe('Users on the board.') })
    .nullable()
    .describe('The user’s place on the total-level leaderboard; null while they have no XP.'),
  achievements: z.object({ unlocked: z.number().int(), total: z.number().int() }),
  nextAchievement: achievementOutput
    .extend({
      current: z.number().describe('Where the user is, in `unit` (e.g. their XP in the skill).'),
      target: z.number().describe('What the achievement needs, in `unit`.'),
      unit: z.enum(['xp', 'level', 'skills', 'actions']),
      progress: z.number().describe('current ÷ target, 0–1.'),
    })
    .nullable()
    .describe('The locked achievement closest to being earned; null when every one is unlocked.'),
  availableActions: z.object({
    count: z.number().int().describe('Actions the user can execute now.'),
    total: z.number().int().describe('Actions the user can see (system-only ones aside).'),
    items: z
      .array(z.object({ code: z.string(), name: z.string(), category: z.string(), remainingToday: z.number().int().nullable() }))
      .describe(`The first ${AVAILABLE_ACTIONS_LISTED} of them, in catalogue order (category, then code).`),
  }),
});
export type ProgressSummary = z.infer<typeof progressSummaryOutput>;
