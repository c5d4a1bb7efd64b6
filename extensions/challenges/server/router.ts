// The code challenges' procedures: model profiles and standings, challenges (create, list by
// subject, show, invite judges), entries (submit, list, re-queue and cancel generation), judging
// (blind pairs, pairwise results, rubric scores), the AI panel, results and the winner.
import * as s from '../schemas';
import { adminProcedure, kernelOf, router, userProcedure, type Context } from '../../../server/extensions/api';
import * as challenges from './challenges';
import * as entries from './entries';
import * as judging from './judging';
import { queuePanel } from './panel';
import { pickWinner, results } from './results';
import { createProfile, listProfiles } from './profiles';
import * as ex from './examples';

const kernel = (ctx: Pick<Context, 'platform'>) => kernelOf(ctx, 'challenges');
const viewer = (ctx: { auth: { user: { id: string; role: string } } }): challenges.Viewer => ({ id: ctx.auth.user.id, admin: ctx.auth.user.role === 'admin' });
const tags = ['challenges'];
const base = '/ext/challenges/challenges/{challengeId}';

export const challengesRouter = router({
  profiles: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/challenges/profiles', tags, summary: 'Model profiles', description: 'The model profiles that may enter or judge: provider (`stub` or `ollama`), model, system prompt, parameters and Elo. The twelve seeded brands are synthetic personas on the stub provider.', protect: true }, examples: ex.profiles })
    .input(s.emptyInput)
    .output(s.profilesOutput)
    .query(({ ctx }) => listProfiles(ctx.db)),

  createProfile: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/ext/challenges/profiles', tags, summary: 'Add a model profile (administrators)', description: 'A contestant or judge on a provider: `ollama` (needs CALOS_OLLAMA_URL) or `stub`. 409 SLUG_TAKEN when the slug exists.', protect: true }, successStatus: 201, errors: ['CONFLICT'], examples: ex.createProfile })
    .input(s.createProfileInput)
    .output(s.profileOutput)
    .mutation(({ ctx, input }) => createProfile(kernel(ctx), ctx.auth.user.id, input)),

  standings: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/challenges/standings', tags, summary: 'Entrants by Elo', description: 'Every entrant (model profile or person) by its Elo from people\'s blind pairwise judgments across challenges.', protect: true }, examples: ex.standings })
    .input(s.standingsInput)
    .output(s.standingsOutput)
    .query(({ ctx, input }) => judging.standings(kernel(ctx), ctx.db, input?.limit ?? 50)),

  create: userProcedure
    .meta({
      openapi: { method: 'POST', path: '/ext/challenges/challenges', tags, summary: 'Create a challenge', description: 'You are its teacher: a prompt, a rubric (criteria with weights), a deadline, model contestants (each generates its answer in the background at once), an AI panel, invited judges and an optional subject (`{ type, id, label }`).', protect: true },
      successStatus: 201,
      examples: ex.create,
    })
    .input(s.createChallengeInput)
    .output(s.challengeOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => challenges.createChallenge(kernel(ctx), tx, ctx.auth.user.id, input))),

  list: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/challenges/challenges', tags, summary: 'Challenges, newest first', description: 'Every challenge, or those about one subject (`subjectType`, `subjectId`), or yours (`mine`).', protect: true }, examples: ex.list })
    .input(s.challengesInput)
    .output(s.challengesOutput)
    .query(({ ctx, input }) => challenges.listChallenges(kernel(ctx), ctx.db, viewer(ctx), input)),

  get: userProcedure
    .meta({ openapi: { method: 'GET', path: base, tags, summary: 'A challenge', description: 'A challenge with its contestants, panel, judges, entry counts and what you are in it.', protect: true }, examples: ex.get })
    .input(s.challengeIdInput)
    .output(s.challengeOutput)
    .query(({ ctx, input }) => challenges.getChallenge(kernel(ctx), ctx.db, viewer(ctx), input.challengeId)),

  inviteJudges: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/judges`, tags, summary: 'Invite judges (the teacher)', description: 'Adds users as judges; inviting one again changes nothing.', protect: true }, examples: ex.inviteJudges })
    .input(s.inviteJudgesInput)
    .output(s.challengeOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => challenges.inviteJudges(kernel(ctx), tx, viewer(ctx), input.challengeId, input.userIds))),

  entries: userProcedure
    .meta({ openapi: { method: 'GET', path: `${base}/entries`, tags, summary: 'Entries', description: 'The teacher and judges see every entry, others their own until the winner is picked. Contestants are hidden (blind) but to the teacher and the entrant. Contents are served only sandboxed, at `contentUrl`.', protect: true }, examples: ex.entries })
    .input(s.challengeIdInput)
    .output(s.entriesOutput)
    .query(({ ctx, input }) => entries.listEntries(kernel(ctx), ctx.db, viewer(ctx), input.challengeId)),

  submit: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/entries`, tags, summary: 'Submit your entry', description: 'Once per person and challenge, before the deadline (409 ALREADY_ENTERED, DEADLINE_PASSED). Executes `enter_challenge`; near duplicates of earlier entries are flagged in the background.', protect: true }, successStatus: 201, errors: ['CONFLICT'], examples: ex.submit })
    .input(s.submitEntryInput)
    .output(s.entryOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => entries.submitEntry(kernel(ctx), tx, viewer(ctx), input))),

  generate: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/generate`, tags, summary: 'Generate failed or cancelled entries again (the teacher)', description: 'Queues the model entries whose generation failed or was cancelled. 409 CLOSED once the winner is picked.', protect: true }, errors: ['CONFLICT'], examples: ex.generate })
    .input(s.challengeIdInput)
    .output(s.queuedOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => entries.requeue(kernel(ctx), tx, viewer(ctx), input.challengeId))),

  cancel: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/cancel`, tags, summary: 'Cancel generation (the teacher)', description: 'Stops every queued or running generation; a running one stops at its next chunk.', protect: true }, examples: ex.cancel })
    .input(s.challengeIdInput)
    .output(s.cancelledOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => entries.cancelGeneration(tx, viewer(ctx), input.challengeId))),

  pair: userProcedure
    .meta({ openapi: { method: 'GET', path: `${base}/pair`, tags, summary: 'The next blind pair to compare (judges)', description: 'Two finished entries you have not compared, as A and B with no contestant; your own entry is never in it.', protect: true }, errors: ['CONFLICT'], examples: ex.pair })
    .input(s.challengeIdInput)
    .output(s.pairOutput)
    .query(({ ctx, input }) => judging.nextPair(ctx.db, viewer(ctx), input.challengeId)),

  judgePair: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/pairwise`, tags, summary: 'Compare two entries (judges)', description: 'A, B or a tie; once per judge and pair (409 ALREADY_JUDGED, also under parallel requests). Moves both entrants\' Elo and executes `judge_entry`.', protect: true }, successStatus: 201, errors: ['CONFLICT'], examples: ex.judgePair })
    .input(s.judgePairInput)
    .output(s.judgmentOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => judging.judgePair(kernel(ctx), tx, viewer(ctx), input))),

  score: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/scores`, tags, summary: 'Score an entry against the rubric (judges)', description: '0–10 for every criterion; once per judge and entry (409 ALREADY_SCORED). Executes `judge_entry`.', protect: true }, successStatus: 201, errors: ['CONFLICT'], examples: ex.score })
    .input(s.scoreInput)
    .output(s.judgmentOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => judging.scoreEntry(kernel(ctx), tx, viewer(ctx), input))),

  runPanel: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/panel`, tags, summary: 'Run the AI panel (the teacher)', description: 'Queues a judgment by every panel profile of every finished entry not judged yet. Answers that are not valid JSON for the rubric are retried, then recorded as failed. 409 NO_PANEL.', protect: true }, errors: ['CONFLICT'], examples: ex.runPanel })
    .input(s.challengeIdInput)
    .output(s.queuedOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => queuePanel(kernel(ctx), tx, viewer(ctx), input.challengeId))),

  results: userProcedure
    .meta({ openapi: { method: 'GET', path: `${base}/results`, tags, summary: 'Results and a suggested winner', description: 'Per entry: the AI panel\'s median per criterion with its disagreement (spread, MAD), people\'s mean scores, pairwise wins and a challenge Elo. The suggestion is only that: the teacher picks the winner.', protect: true }, examples: ex.results })
    .input(s.challengeIdInput)
    .output(s.resultsOutput)
    .query(({ ctx, input }) => results(kernel(ctx), ctx.db, viewer(ctx), input.challengeId)),

  pickWinner: userProcedure
    .meta({ openapi: { method: 'POST', path: `${base}/winner`, tags, summary: 'Pick the winner (the teacher)', description: 'Once (409 WINNER_PICKED); closes the challenge, reveals the contestants, executes `win_challenge` for a person and emits `challenge.winner_picked`.', protect: true }, errors: ['CONFLICT'], examples: ex.pickWinner })
    .input(s.pickWinnerInput)
    .output(s.challengeOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => pickWinner(kernel(ctx), tx, viewer(ctx), input.challengeId, input.entryId))),

  // tRPC only: what the raw routes serve (the sandboxed content and the live stream).
  entryContent: userProcedure
    .input(s.entryIdInput)
    .output(s.contentOutput)
    .query(({ ctx, input }) => entries.entryContent(ctx.db, viewer(ctx), input.entryId)),
  progress: userProcedure
    .input(s.challengeIdInput)
    .output(s.progressOutput)
    .query(({ ctx, input }) => entries.progress(ctx.db, viewer(ctx), input.challengeId)),
});
