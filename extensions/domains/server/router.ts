// The portfolio's procedures: names (CRUD, RDAP refresh), votes, pairwise comparisons, the
// leaderboard, the Elo history and feedback. Every route needs a signed-in user; the REST paths lie
// under /api/ext/domains/.
import * as s from '../schemas';
import { noContent } from '../../../shared/schemas/auth';
import { emptyInput } from '../../../shared/schemas/primitives';
import { kernelOf, router, userProcedure, type Context } from '../../../server/extensions/api';
import { domainsSettings } from '../settings';
import * as portfolio from './portfolio';
import { vote } from './votes';
import { compare, eloHistory, nextPair } from './compare';
import { leaderboard } from './leaderboard';
import { listFeedback, submitFeedback } from './feedback';
import * as ex from './examples';

const kernel = (ctx: Pick<Context, 'platform'>) => kernelOf(ctx, 'domains');
const rdapOn = (ctx: Pick<Context, 'platform'>) => kernel(ctx).settings(domainsSettings).rdapUrl !== null;
const viewer = (ctx: { auth: { user: { id: string; role: string } } }): portfolio.Viewer => ({ userId: ctx.auth.user.id, admin: ctx.auth.user.role === 'admin' });
const tags = ['domains'];
const names = '/ext/domains/names';

export const domainsRouter = router({
  create: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: names,
        tags,
        summary: 'Add a domain name to the portfolio',
        description:
          'Adds a name you own (administrators: `ownerId` for anyone). The name is checked (IDNA: Unicode or punycode; no IP addresses, single labels, invalid or over-long labels) and stored in its ASCII form; 409 DOMAIN_TAKEN when it is in the portfolio already. With an RDAP server configured (CALOS_RDAP_URL) its registry data is looked up in the background (`rdap.state` pending).',
        protect: true,
      },
      successStatus: 201,
      errors: ['CONFLICT', 'FORBIDDEN', 'NOT_FOUND'],
      examples: ex.create,
    })
    .input(s.createDomainInput)
    .output(s.domainOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => portfolio.createDomain(kernel(ctx), tx, viewer(ctx), input, rdapOn(ctx)))),

  list: userProcedure
    .meta({ openapi: { method: 'GET', path: names, tags, summary: 'Domain names, newest first', description: 'Every name in the portfolio (to vote and compare), only yours with `mine`, or one user’s with `ownerId`. Notes show on your own names only.', protect: true }, examples: ex.list })
    .input(s.listDomainsInput)
    .output(s.domainsOutput)
    .query(({ ctx, input }) => portfolio.listDomains(kernel(ctx), ctx.db, viewer(ctx), input)),

  get: userProcedure
    .meta({ openapi: { method: 'GET', path: `${names}/{domainId}`, tags, summary: 'A domain name', description: 'A name with its RDAP data, votes, Elo and your vote.', protect: true }, examples: ex.get })
    .input(s.domainIdInput)
    .output(s.domainOutput)
    .query(({ ctx, input }) => portfolio.getDomain(kernel(ctx), ctx.db, viewer(ctx), input.domainId)),

  update: userProcedure
    .meta({ openapi: { method: 'PATCH', path: `${names}/{domainId}`, tags, summary: 'Edit a domain name’s notes, tags or status', description: 'Its owner or an administrator (403 NOT_OWNER otherwise). The name itself does not change.', protect: true }, errors: ['FORBIDDEN'], examples: ex.update })
    .input(s.updateDomainInput)
    .output(s.domainOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => portfolio.updateDomain(kernel(ctx), tx, viewer(ctx), input))),

  delete: userProcedure
    .meta({ openapi: { method: 'DELETE', path: `${names}/{domainId}`, tags, summary: 'Remove a domain name', description: 'Its owner or an administrator; its votes, comparisons and feedback go with it (XP earned stays).', protect: true }, successStatus: 204, errors: ['FORBIDDEN'], examples: ex.remove })
    .input(s.domainIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => portfolio.deleteDomain(tx, viewer(ctx), input.domainId))),

  refreshRdap: userProcedure
    .meta({
      openapi: { method: 'POST', path: `${names}/{domainId}/rdap`, tags, summary: 'Look a domain name up again (RDAP)', description: 'Queues a new RDAP look-up of a name you manage; 409 RDAP_OFF when no RDAP server is configured.', protect: true },
      errors: ['FORBIDDEN', 'CONFLICT'],
      examples: ex.refresh,
    })
    .input(s.domainIdInput)
    .output(s.domainOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => portfolio.refreshRdap(kernel(ctx), tx, viewer(ctx), input.domainId, rdapOn(ctx)))),

  vote: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${names}/{domainId}/vote`,
        tags,
        summary: 'Vote for (or against) a domain name',
        description:
          'One vote per user and name, up or down, not on your own names. A new vote executes `vote_domain` (3 s cooldown, 1,000 a day, 10 Voting XP): when it is refused (429) no vote is stored. The same vote again answers `replayed: true`; the other direction is 409 ALREADY_VOTED.',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND', 'CONFLICT', 'COOLDOWN', 'DAILY_LIMIT', 'RATE_LIMITED'],
      examples: ex.vote,
    })
    .input(s.voteInput)
    .output(s.voteOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => vote(kernel(ctx), tx, viewer(ctx), input))),

  pair: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/domains/pair', tags, summary: 'Two names to compare', description: 'A random pair of names you have not compared yet, none of them yours and none archived; `pair: null` when none is left.', protect: true }, examples: ex.pair })
    .input(emptyInput.optional())
    .output(s.pairOutput)
    .query(({ ctx }) => nextPair(kernel(ctx), ctx.db, viewer(ctx))),

  compare: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ext/domains/comparisons',
        tags,
        summary: 'Say which of two names is better',
        description: 'One judgment per user and pair (409 ALREADY_COMPARED), not on your own names. The winner and the loser move by Elo (K 32, both start at 1200); `skip` records the pair as seen and moves nothing.',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND', 'CONFLICT'],
      examples: ex.compare,
    })
    .input(s.compareInput)
    .output(s.comparisonOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => compare(tx, viewer(ctx), input))),

  leaderboard: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/domains/leaderboard', tags, summary: 'The leaderboard of names', description: 'Names by Elo or by votes (up minus down), best first, ties sharing a rank; archived names are left out.', protect: true }, examples: ex.leaderboard })
    .input(s.leaderboardInput)
    .output(s.leaderboardOutput)
    .query(({ ctx, input }) => leaderboard(kernel(ctx), ctx.db, viewer(ctx), input)),

  history: userProcedure
    .meta({ openapi: { method: 'GET', path: `${names}/{domainId}/elo-history`, tags, summary: 'A name’s Elo history, newest first', description: 'Each rating change of a name with the comparison, the opponent and the result.', protect: true }, examples: ex.history })
    .input(s.historyInput)
    .output(s.historyOutput)
    .query(({ ctx, input }) => eloHistory(ctx.db, input)),

  submitFeedback: userProcedure
    .meta({
      openapi: { method: 'POST', path: `${names}/{domainId}/feedback`, tags, summary: 'Give written feedback on a name', description: 'Feedback on someone else’s name for its owner; it executes `submit_feedback` (30 s cooldown, 100 a day, 25 Voting XP), and a refusal (429) stores nothing.', protect: true },
      successStatus: 201,
      errors: ['NOT_FOUND', 'COOLDOWN', 'DAILY_LIMIT', 'RATE_LIMITED'],
      examples: ex.feedback,
    })
    .input(s.feedbackInput)
    .output(s.submitFeedbackOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => submitFeedback(kernel(ctx), tx, viewer(ctx), input))),

  feedback: userProcedure
    .meta({ openapi: { method: 'GET', path: `${names}/{domainId}/feedback`, tags, summary: 'The feedback on your name', description: 'Newest first; the name’s owner or an administrator only (403 NOT_OWNER).', protect: true }, errors: ['FORBIDDEN'], examples: ex.feedbackList })
    .input(s.feedbackListInput)
    .output(s.feedbackListOutput)
    .query(({ ctx, input }) => listFeedback(kernel(ctx), ctx.db, viewer(ctx), input)),
});
