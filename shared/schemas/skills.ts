// Skills and progression: the skill catalogue, awarding XP, leaderboards and a user's progress.
import { z } from 'zod';
import { listInput, page, text, timestamp, uuid } from './primitives';
import { MAX_XP } from '../xp';

export const skillOutput = z.object({
  id: uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  icon: z.string().describe('A Tabler icon name.'),
  maxLevel: z.number().int(),
});
export type Skill = z.infer<typeof skillOutput>;
export const listSkillsOutput = z.object({ items: z.array(skillOutput) });

export const skillIdInput = z.strictObject({ skillId: text(64, 1).describe('The skill’s id or code (e.g. `development`).') });
export const skillDetailOutput = skillOutput.extend({
  levels: z.array(z.object({ level: z.number().int(), xp: z.number().int() })).describe('XP each level needs, 1–99.'),
});

export const achievementOutput = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  icon: z.string(),
  rarity: z.enum(['common', 'uncommon', 'rare', 'epic', 'legendary']),
  points: z.number().int(),
});
export type Achievement = z.infer<typeof achievementOutput>;

export const awardXpInput = z.strictObject({
  userId: uuid(),
  skill: text(64, 1).describe('Skill id or code.'),
  xp: z.number().int().min(1).max(MAX_XP).describe(`Whole XP to add, 1–${MAX_XP.toLocaleString('en')}.`),
  reason: text(200).default('').describe('Why, for the XP log (e.g. "solved puzzle 42").'),
});
export const awardXpOutput = z.object({
  userId: uuid(),
  skill: z.string().describe('The skill’s code.'),
  xpAwarded: z.number().int().describe('XP actually added: less than asked once the skill reaches the 200,000,000 cap.'),
  xp: z.number().int().describe('The skill’s XP now.'),
  level: z.number().int(),
  levelsGained: z.number().int(),
  achievementsUnlocked: z.array(achievementOutput),
});
export type AwardXpResult = z.infer<typeof awardXpOutput>;

export const leaderboardInput = z.strictObject({
  skill: text(64, 1).default('total').describe('A skill code, or `total` (total level, then total XP).'),
  ...listInput,
  around: uuid().optional().describe('Centre the page on this user: their rank with ten above and ten below.'),
});
export const leaderboardEntry = z.object({
  rank: z.number().int(),
  userId: uuid(),
  username: z.string(),
  synthetic: z.boolean().describe('A synthetic player of the demo data (CALOS_SEED_DEMO), not a person.'),
  xp: z.number().int().describe('The skill’s XP, or the total XP on the `total` board.'),
  level: z.number().int().describe('The skill’s level, or the total level on the `total` board.'),
});
export type LeaderboardEntry = z.infer<typeof leaderboardEntry>;
export const leaderboardOutput = page(leaderboardEntry).extend({
  board: z.string(),
  /** Set with `around`: where the user stands, or null when they have no XP on this board. */
  you: leaderboardEntry.nullable().optional(),
});

export const userIdInput = z.strictObject({ userId: uuid() });
export const userProgressOutput = z.object({
  userId: uuid(),
  username: z.string(),
  synthetic: z.boolean().describe('A synthetic player of the demo data (CALOS_SEED_DEMO), not a person.'),
  totalLevel: z.number().int(),
  totalXp: z.number().int(),
  skills: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      icon: z.string(),
      xp: z.number().int(),
      level: z.number().int(),
      xpToNextLevel: z.number().int(),
      progress: z.number().describe('0–1 of the way to the next level.'),
    }),
  ),
  achievements: z.array(achievementOutput.extend({ unlocked: z.boolean(), unlockedAt: timestamp().nullable() })),
});
export type UserProgress = z.infer<typeof userProgressOutput>;
