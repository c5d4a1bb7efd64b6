// The leagues' web pages: the list of leagues, a league (standings, fixtures, bracket) and a
// player's ratings, each loaded as its own chunk; and their entry in the Play navigation.
import { IconTrophy } from '@tabler/icons-react';
import { defineClientExtension } from '../../../client/extension-api';

export default defineClientExtension({
  id: 'leagues',
  pages: [
    { path: '/leagues', title: 'Leagues', load: () => import('./leagues-page') },
    { path: '/leagues/players/:userId', title: 'Ratings', load: () => import('./player-page') },
    { path: '/leagues/:leagueId', title: 'League', load: () => import('./league-page') },
  ],
  nav: [{ to: '/leagues', label: 'Leagues', icon: IconTrophy, end: false, group: 'Play', order: 55 }],
});
