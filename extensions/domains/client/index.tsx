// The portfolio's web pages: your names (and adding one), a name's page (votes, feedback, Elo,
// challenge links), "which name is better?" and the leaderboard of names, each its own chunk.
import { IconWorldWww } from '@tabler/icons-react';
import { defineClientExtension } from '../../../client/extension-api';

export default defineClientExtension({
  id: 'domains',
  pages: [
    { path: '/domains', title: 'Domain portfolio', load: () => import('./portfolio-page') },
    { path: '/domains/compare', title: 'Which name is better?', load: () => import('./compare-page') },
    { path: '/domains/leaderboard', title: 'Leaderboard of names', load: () => import('./leaderboard-page') },
    { path: '/domains/names/:domainId', title: 'Domain', load: () => import('./domain-page') },
  ],
  nav: [{ to: '/domains', label: 'Domains', icon: IconWorldWww, end: false, group: 'Play', order: 62 }],
});
