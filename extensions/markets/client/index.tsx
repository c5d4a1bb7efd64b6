// The markets' web page: a candlestick chart with volume, a timeframe switch, live updates, the
// consensus price with its sources' health, and paper trades (open during the NYSE session).
import { IconChartCandle } from '@tabler/icons-react';
import { defineClientExtension } from '../../../client/extension-api';

export default defineClientExtension({
  id: 'markets',
  pages: [{ path: '/markets', title: 'Markets', load: () => import('./markets-page') }],
  nav: [{ to: '/markets', label: 'Markets', icon: IconChartCandle, end: true, group: 'Rewards & markets', order: 30 }],
});
