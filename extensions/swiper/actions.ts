// The swiper's actions: every swipe by a signed-in user executes one, so XP, cooldowns and daily
// limits apply (an operator may change them in the catalogue; later starts keep the change).
import type { SeedAction } from '../../server/extensions/api';

export const SWIPE_ACTION = 'swipe_card';
export const SUPER_SWIPE_ACTION = 'super_swipe';

export const swiperActions: SeedAction[] = [
  {
    code: SWIPE_ACTION,
    name: 'Swipe a profile',
    category: 'social',
    cooldownSeconds: 0,
    dailyLimit: 500,
    description: 'A left or right swipe on a profile card in the Profile Swiper.',
    effects: [{ effectCode: 'award_xp', effectParams: { skillId: 'social', xpAmount: 1 } }],
    systemOnly: true,
  },
  {
    code: SUPER_SWIPE_ACTION,
    name: 'Super-like a profile',
    category: 'social',
    cooldownSeconds: 0,
    dailyLimit: 5,
    description: 'A super like in the Profile Swiper: few a day, more XP.',
    effects: [{ effectCode: 'award_xp', effectParams: { skillId: 'social', xpAmount: 3 } }],
    systemOnly: true,
  },
];
