// Domain Portfolio: domain names with owners, notes, tags and status; registry data by RDAP in the
// background and expiry reminders as events; votes through the seed's vote_domain action (one per
// user and name); "which name is better?" pairwise comparisons with an Elo per name and a
// leaderboard; feedback that earns XP; and links to start a challenge about a name.
import { defineExtension } from '../../server/extensions/api';
import { domainsRouter } from './server/router';
import { domainExpiring, registrarUpdated } from './server/events';
import { rdapJob } from './server/rdap';
import { expiryJob } from './server/expiry';
import { domainsActions } from './actions';
import { domainsSettings } from './settings';
import { seedDemoDomains } from './demo';
import * as createDomains from './migrations/domains_20261209002001_domains';

export default function domains() {
  return defineExtension({
    id: 'domains',
    version: '1.0.0',
    description: 'Domain portfolio: names with RDAP data and expiry reminders, votes (vote_domain), pairwise comparisons with Elo, a leaderboard and feedback that earns XP.',
    settings: domainsSettings,
    migrations: { domains_20261209002001_domains: createDomains },
    router: domainsRouter,
    actions: domainsActions,
    events: [domainExpiring, registrarUpdated],
    jobs: [rdapJob, expiryJob],
    async demo(kernel, demo) {
      return seedDemoDomains(kernel, demo);
    },
  });
}
