// Totals across all skills: a total level or a total XP.
import { z } from 'zod';
import { defineCondition } from './condition';

export const totalLevel = defineCondition({
  type: 'total_level',
  description: 'The sum of the user’s skill levels reaches `level`.',
  changesOn: ['level'],
  params: z.object({ level: z.number().int().min(1) }),
  isMet: ({ progress }, { level }) => progress.totalLevel >= level,
  progress: ({ progress }, { level }) => ({ current: progress.totalLevel, target: level, unit: 'level' }),
});

export const totalXp = defineCondition({
  type: 'total_xp',
  description: 'The user’s XP across all skills reaches `xp`.',
  changesOn: ['xp'],
  params: z.object({ xp: z.number().int().min(1) }),
  isMet: ({ progress }, { xp }) => progress.totalXp >= xp,
  progress: ({ progress }, { xp }) => ({ current: progress.totalXp, target: xp, unit: 'xp' }),
});
