// The code challenges' web pages: the list (by subject too), a new challenge (prefilled from the
// URL for other parts of CalOS: subject, title, prompt), a challenge (live generation, sandboxed
// entries, blind judging, rubric scores, the AI panel, results and the winner) and the standings.
import { IconTrophy } from '@tabler/icons-react';
import { defineClientExtension } from '../../../client/extension-api';

export default defineClientExtension({
  id: 'challenges',
  pages: [
    { path: '/challenges', title: 'Challenges', load: () => import('./list-page') },
    { path: '/challenges/new', title: 'New challenge', load: () => import('./new-page') },
    { path: '/challenges/standings', title: 'Challenge standings', load: () => import('./standings-page') },
    { path: '/challenges/:challengeId', title: 'Challenge', load: () => import('./challenge-page') },
  ],
  nav: [{ to: '/challenges', label: 'Challenges', icon: IconTrophy, end: false, group: 'Play', order: 62 }],
});
