// Reach a level in one skill (Voting Apprentice: Voting 10).
import { z } from 'zod';
import { defineCondition } from './condition';

export const skillLevel = defineCondition({
  type: 'skill_level',
  description: 'The user reaches `level` in `skill`.',
  changesOn: ['level'],
  params: z.object({ skill: z.string(), level: z.number().int().min(1).max(99) }),
  isMet: ({ progress }, { skill, level }) => (progress.skills.get(skill)?.level ?? 1) >= level,
});
