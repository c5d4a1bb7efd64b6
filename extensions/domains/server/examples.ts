// Example requests and responses of the portfolio's routes, for the API reference. One story: ada's
// name "bücher.de" (registered, looked up by RDAP), grace voting for it, comparing it with
// "chess-puzzles.dev" and leaving feedback.
import * as s from '../schemas';
import { at, exampleIds, examples } from '../../../server/extensions/api';

const domainId = '3d5f7a9c-1e2b-4c6d-8e0f-2a4b6c8d0e13';
const otherId = '8b0d2f4a-6c8e-4a1c-9e3b-5d7f9a1c3e26';
const createdAt = at('2026-12-07T09:00:00Z');

const rdap = {
  state: 'registered' as const,
  registrar: 'Example Registrar GmbH',
  registeredAt: at('2001-04-12T00:00:00Z'),
  expiresAt: at('2027-04-12T00:00:00Z'),
  lastChangedAt: at('2026-04-01T10:20:00Z'),
  statuses: ['client transfer prohibited'],
  nameservers: ['ns1.example.net', 'ns2.example.net'],
  checkedAt: at('2026-12-07T09:00:02Z'),
  error: null,
};
const domain = {
  id: domainId,
  ownerId: exampleIds.ada,
  ownerName: 'ada',
  name: 'bücher.de',
  asciiName: 'xn--bcher-kva.de',
  notes: 'Renew before April.',
  tags: ['books', 'de'],
  status: 'active' as const,
  elo: 1216,
  comparisons: 1,
  votesUp: 3,
  votesDown: 0,
  myVote: null,
  rdap,
  createdAt,
  updatedAt: createdAt,
};
const other = { ...domain, id: otherId, ownerId: exampleIds.grace, ownerName: 'grace', name: 'chess-puzzles.dev', asciiName: 'chess-puzzles.dev', notes: null, tags: ['chess'], elo: 1184, votesUp: 1, rdap: { ...rdap, state: 'off' as const, registrar: null, registeredAt: null, expiresAt: null, lastChangedAt: null, statuses: [], nameservers: [], checkedAt: null } };
const seenByGrace = { ...domain, notes: null };

export const create = examples(
  { input: s.createDomainInput, output: s.domainOutput },
  { request: { name: 'Bücher.de', notes: 'Renew before April.', tags: ['books', 'de'] }, response: { ...domain, elo: 1200, comparisons: 0, votesUp: 0, rdap: { ...rdap, state: 'pending', registrar: null, registeredAt: null, expiresAt: null, lastChangedAt: null, statuses: [], nameservers: [], checkedAt: null } } },
);
export const list = examples({ input: s.listDomainsInput, output: s.domainsOutput }, { request: { mine: true, limit: 20 }, response: { items: [domain], nextCursor: null } });
export const get = examples({ input: s.domainIdInput, output: s.domainOutput }, { request: { domainId }, response: domain });
export const update = examples({ input: s.updateDomainInput, output: s.domainOutput }, { request: { domainId, status: 'for_sale', tags: ['books'] }, response: { ...domain, status: 'for_sale', tags: ['books'] } });
export const remove = examples({ input: s.domainIdInput }, { request: { domainId } });
export const refresh = examples({ input: s.domainIdInput, output: s.domainOutput }, { request: { domainId }, response: { ...domain, rdap: { ...rdap, state: 'pending' } } });
export const vote = examples(
  { input: s.voteInput, output: s.voteOutput },
  { request: { domainId, direction: 'up' }, response: { domain: { ...seenByGrace, votesUp: 4, myVote: 'up' }, direction: 'up', replayed: false, xpAwarded: 10 } },
);
export const pair = examples({ output: s.pairOutput }, { response: { pair: [seenByGrace, { ...other, ownerId: exampleIds.application, ownerName: 'linus_t' }] } });
export const compare = examples(
  { input: s.compareInput, output: s.comparisonOutput },
  { request: { domainA: domainId, domainB: otherId, winner: 'a' }, response: { id: '5e7a9c1e-3b5d-4f7a-8c9e-1b3d5f7a9c40', domainA: domainId, domainB: otherId, winner: 'a', eloA: { before: 1200, after: 1216 }, eloB: { before: 1200, after: 1184 }, createdAt: at('2026-12-07T09:10:00Z') } },
);
export const leaderboard = examples(
  { input: s.leaderboardInput, output: s.leaderboardOutput },
  { request: { by: 'elo', limit: 20 }, response: { items: [{ ...seenByGrace, rank: 1, score: 3 }, { ...other, notes: null, rank: 2, score: 1 }], nextCursor: null } },
);
export const history = examples(
  { input: s.historyInput, output: s.historyOutput },
  { request: { domainId, limit: 20 }, response: { items: [{ id: '6f8a0c2e-4b6d-4f8a-9c0e-2b4d6f8a0c51', comparisonId: '5e7a9c1e-3b5d-4f7a-8c9e-1b3d5f7a9c40', opponentId: otherId, result: 'win', before: 1200, after: 1216, createdAt: at('2026-12-07T09:10:00Z') }], nextCursor: null } },
);
const feedbackItem = { id: '7a9c1e3b-5d7f-4a9c-8e1b-3d5f7a9c1e62', domainId, userId: exampleIds.grace, username: 'grace', body: 'Short and clear; the umlaut may confuse some.', createdAt: at('2026-12-07T09:12:00Z') };
export const feedback = examples({ input: s.feedbackInput, output: s.submitFeedbackOutput }, { request: { domainId, body: feedbackItem.body }, response: { feedback: feedbackItem, xpAwarded: 25 } });
export const feedbackList = examples({ input: s.feedbackListInput, output: s.feedbackListOutput }, { request: { domainId, limit: 20 }, response: { items: [feedbackItem], nextCursor: null } });
