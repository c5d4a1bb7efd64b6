// The achievement condition registry: one line per condition type.
import { collectRegistry } from '../../../registry';
import { actionCount } from './action-count';
import type { ConditionDefinition } from './condition';
import { firstXp } from './first-xp';
import { skillLevel } from './skill-level';
import { skillsAtLevel } from './skills-at-level';
import { totalLevel, totalXp } from './totals';

export const achievementConditions = collectRegistry<ConditionDefinition>(
  'achievement condition',
  [skillLevel, firstXp, skillsAtLevel, totalLevel, totalXp, actionCount],
  (c) => c.type,
);
