// The swiper's web pages: swiping a deck (and making one), your matches, and a deck's analytics
// (its owner's), each loaded as its own chunk; one navigation entry under Play.
import { IconCards } from '@tabler/icons-react';
import { defineClientExtension } from '../../../client/extension-api';

export default defineClientExtension({
  id: 'swiper',
  pages: [
    { path: '/swiper', title: 'Swiper', load: () => import('./swiper-page') },
    { path: '/swiper/decks/:deckId/analytics', title: 'Deck analytics', load: () => import('./analytics-page') },
  ],
  nav: [{ to: '/swiper', label: 'Swiper', icon: IconCards, end: false, group: 'Play', order: 60 }],
});
