// Breadth: `count` skills at `level` or more (Jack of All Trades: 10 in 5 skills).
import { z } from 'zod';
import { defineCondition } from './condition';

export const skillsAtLevel = defineCondition({
  type: 'skills_at_level',
  description: 'The user has at least `count` skills at `level` or higher.',
  changesOn: ['level'],
  params: z.object({ count: z.number().int().min(1), level: z.number().int().min(1).max(99) }),
  isMet: ({ progress }, { count, level }) => [...progress.skills.values()].filter((s) => s.level >= level).length >= count,
  progress: ({ progress }, { count, level }) => ({
    current: [...progress.skills.values()].filter((s) => s.level >= level).length,
    target: count,
    unit: 'skills',
  }),
});
