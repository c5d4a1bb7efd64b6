// Events of the progression module (see server/events/catalogue.ts).
import { z } from 'zod';
import { defineEvent } from '../../events/catalogue';

export const xpAwarded = defineEvent({
  type: 'xp.awarded',
  description: 'XP was added to a user’s skill (by an operator, an application or an action).',
  data: z.object({
    userId: z.string(),
    skill: z.string(),
    xpAwarded: z.number().int(),
    xp: z.number().int(),
    level: z.number().int(),
    reason: z.string(),
  }),
});

export const levelUp = defineEvent({
  type: 'level.up',
  description: 'A skill reached a new level: one event per level gained.',
  data: z.object({ userId: z.string(), skill: z.string(), level: z.number().int() }),
});

export const achievementUnlocked = defineEvent({
  type: 'achievement.unlocked',
  description: 'A user unlocked an achievement (once per user and achievement).',
  data: z.object({
    userId: z.string(),
    achievement: z.string(),
    name: z.string(),
    rarity: z.string(),
    points: z.number().int(),
  }),
});
