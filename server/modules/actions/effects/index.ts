// The effect registry: one line per effect type.
import { collectRegistry } from '../../../registry';
import { awardCreditsEffect } from './award-credits';
import { awardXpEffect } from './award-xp';
import { checkAchievementsEffect } from './check-achievements';
import type { EffectDefinition } from './effect';
import { emitEventEffect } from './emit-event';
import { grantFreeActionEffect } from './grant-free-action';
import { incrementCounterEffect } from './increment-counter';
import { streakEffect } from './streak';
import { unlockAchievementEffect } from './unlock-achievement';
import { xpMultiplierEffect } from './xp-multiplier';

export const effects = collectRegistry<EffectDefinition>(
  'effect',
  [
    awardXpEffect,
    unlockAchievementEffect,
    xpMultiplierEffect,
    grantFreeActionEffect,
    incrementCounterEffect,
    emitEventEffect,
    streakEffect,
    awardCreditsEffect,
    checkAchievementsEffect,
  ] as EffectDefinition[],
  (e) => e.code,
);
