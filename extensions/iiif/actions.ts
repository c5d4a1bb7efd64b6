// The action an annotation executes: XP for annotating, with a cooldown and a daily limit so that
// annotations cannot be farmed for levels (the annotation is made either way).
import type { SeedAction } from '../../server/extensions/api';

export const annotateImage: SeedAction = {
  code: 'annotate_image',
  name: 'Annotate an image',
  category: 'writing',
  cooldownSeconds: 10,
  dailyLimit: 30,
  description: 'A comment, tag or highlight on a region of an IIIF image.',
  effects: [
    { effectCode: 'award_xp', effectParams: { skillId: 'writing', xpAmount: 5 } },
    { effectCode: 'check_achievements', effectParams: {} },
  ],
  systemOnly: true,
};
