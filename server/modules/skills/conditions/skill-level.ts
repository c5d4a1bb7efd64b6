// Reach a level in one skill (Voting Apprentice: Voting 10).
import { z } from 'zod';
import { xpForLevel } from '../../../../shared/xp';
import { defineCondition } from './condition';

export const skillLevel = defineCondition({
  type: 'skill_level',
  description: 'The user reaches `level` in `skill`.',
  changesOn: ['level'],
  params: z.object({ skill: z.string(), level: z.number().int().min(1).max(99) }),
  isMet: ({ progress }, { skill, level }) => (progress.skills.get(skill)?.level ?? 1) >= level,
  // In XP rather than levels: the curve makes the last levels before a target the longest.
  progress: ({ progress }, { skill, level }) => ({ current: progress.skills.get(skill)?.xp ?? 0, target: xpForLevel(level), unit: 'xp' }),
});
