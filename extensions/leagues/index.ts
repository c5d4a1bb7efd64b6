// Game leagues: round robin, Swiss, single elimination and open leagues of chess, checkers and
// tic-tac-toe, with fixtures, results both players confirm, standings with tie-breaks and Elo.
import { defineExtension } from '../../server/extensions/api';
import { leaguesRouter } from './server/router';
import { matchCompleted, matchStarted } from './server/events';
import { startDueLeagues } from './server/service';
import { leaguesSettings } from './settings';
import * as createLeagues from './migrations/20261125000006_leagues';
import * as farmingLimits from './migrations/20261206000003_league_farming_limits';
import { gameActions } from './actions';
import { seedDemoLeagues } from './demo';

export default function leagues() {
  return defineExtension({
    id: 'leagues',
    version: '1.0.0',
    description: 'Game leagues (round robin, Swiss, elimination, open) with fixtures, confirmed results, standings and Elo ratings.',
    migrations: {
      '20261125000006_leagues': createLeagues,
      '20261206000003_league_farming_limits': farmingLimits,
    },
    router: leaguesRouter,
    restPrefixes: ['/leagues'],
    settings: leaguesSettings,
    actions: gameActions,
    events: [matchStarted, matchCompleted],
    scopes: [{ scope: 'leagues:manage', description: 'Create, start and run leagues; record results as an operator; register users.', privileged: true }],
    jobs: [
      {
        // Leagues open at their start date: once a minute, on one instance (the queue is a singleton).
        name: 'start-due',
        queue: 'calos-league-start',
        schedule: '* * * * *',
        async run(kernel) {
          const started = await startDueLeagues(kernel);
          if (started) kernel.log.info({ started }, 'started leagues that reached their start date');
        },
      },
    ],
    async demo(kernel, demo) {
      return seedDemoLeagues(kernel, demo);
    },
    testData: {
      async count(trx, applicationId) {
        const [row] = await trx('leagues').where({ mode: 'test', application_id: applicationId }).count({ n: '*' });
        return { leagues: Number(row?.n ?? 0) };
      },
      async wipe(trx, applicationId) {
        await trx('leagues').where({ mode: 'test', application_id: applicationId }).delete();
      },
    },
  });
}
