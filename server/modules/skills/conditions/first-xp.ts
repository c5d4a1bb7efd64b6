// The first of a kind: any XP in a skill (First Vote: the first Voting action).
import { z } from 'zod';
import { defineCondition } from './condition';

export const firstXp = defineCondition({
  type: 'first_xp',
  description: 'The user earns XP in `skill` for the first time.',
  changesOn: ['xp'],
  params: z.object({ skill: z.string() }),
  isMet: ({ progress }, { skill }) => (progress.skills.get(skill)?.xp ?? 0) > 0,
  progress: ({ progress }, { skill }) => ({ current: Math.min(progress.skills.get(skill)?.xp ?? 0, 1), target: 1, unit: 'xp' }),
});
