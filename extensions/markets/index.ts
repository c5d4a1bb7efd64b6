// Market data: prices of crypto pairs and stocks from several sources (polled adapters and pushed
// batches), a consensus price, exact OHLCV candles, TradingView's UDF protocol, live updates and
// paper trades on the NYSE schedule.
import { defineExtension } from '../../server/extensions/api';
import { marketsRouter } from './server/router';
import { marketsHttp } from './server/http';
import { candleClosed, priceUpdated } from './server/events';
import { pollDue } from './server/poller';
import { closeCandles } from './server/closer';
import { marketsSettings } from './settings';
import { seedDemoMarkets } from './demo';
import * as createMarkets from './migrations/20261208003001_markets';

export default function markets() {
  return defineExtension({
    id: 'markets',
    version: '1.0.0',
    description: 'Market data: trades from several sources, a consensus price, exact OHLCV candles, TradingView UDF, live updates and paper trades.',
    settings: marketsSettings,
    migrations: { markets_20261208003001_markets: createMarkets },
    router: marketsRouter,
    http: marketsHttp,
    events: [priceUpdated, candleClosed],
    scopes: [{ scope: 'markets:write', description: 'Push trades into the market data (POST /api/ext/markets/trades).', privileged: true }],
    actions: [
      {
        code: 'paper_trade',
        name: 'Place a paper trade',
        category: 'analytics',
        cooldownSeconds: 0,
        dailyLimit: 100,
        description: 'A paper trade at the consensus price, open only during the NYSE session.',
        effects: [
          { effectCode: 'award_xp', effectParams: { skillId: 'analytics', xpAmount: 5 } },
          { effectCode: 'check_achievements', effectParams: {} },
        ],
        schedules: ['nyse'],
        systemOnly: true,
      },
    ],
    jobs: [
      { name: 'poll', schedule: '* * * * *', run: async (kernel) => void (await pollDue(kernel)) },
      { name: 'close-candles', schedule: '* * * * *', run: async (kernel) => void (await closeCandles(kernel)) },
    ],
    async demo(kernel, demo) {
      return seedDemoMarkets(kernel, demo);
    },
    async demoNotes() {
      return ['markets         FIX-BTC and FIX-AAPL charts on /markets (CALOS_MARKETS_FIXTURE=true keeps them live)'];
    },
  });
}
