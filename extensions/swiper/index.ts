// Profile Swiper: decks of weighted profile cards (added, generated, or users who opt in), drawn by
// weighted random without replacement, swiped left, right or super (each swipe an action: XP,
// cooldowns, daily limits), matches, analytics with Wilson intervals, streamed exports, and a
// framework-free widget other sites embed with a publishable key.
import { defineExtension } from '../../server/extensions/api';
import { swiperRouter } from './server/router';
import { matchCreated, swipeRecorded } from './server/events';
import { swiperDownloads } from './server/downloads';
import { swiperActions } from './actions';
import { swiperSettings } from './settings';
import { seedDemoSwiper } from './demo';
import * as createSwiper from './migrations/swiper_20261208001002_swiper';
import * as memberAndSalt from './migrations/swiper_20261208001900_member_and_salt';

export default function swiper() {
  return defineExtension({
    id: 'swiper',
    version: '1.0.0',
    description: 'Profile Swiper: weighted profile decks and a generator, swipes as actions, matches, analytics with exports, and an embeddable widget.',
    settings: swiperSettings,
    migrations: { swiper_20261208001002_swiper: createSwiper, swiper_20261208001900_member_and_salt: memberAndSalt },
    router: swiperRouter,
    http: swiperDownloads,
    actions: swiperActions,
    events: [swipeRecorded, matchCreated],
    async demo(kernel, demo) {
      return seedDemoSwiper(kernel, demo);
    },
    testData: {
      async count(trx, applicationId) {
        const [row] = await trx('swiper_swipes').where({ realm: `test:${applicationId}` }).count({ n: '*' });
        return { swipes: Number(row?.n ?? 0) };
      },
      async wipe(trx, applicationId) {
        await trx('swiper_swipes').where({ realm: `test:${applicationId}` }).delete();
        await trx('swiper_draw_states').where({ realm: `test:${applicationId}` }).delete();
      },
    },
  });
}
