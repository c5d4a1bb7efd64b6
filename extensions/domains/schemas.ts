// The domain portfolio's inputs and outputs, shared by its router, its client pages and the SDK's types.
import { z } from 'zod';
import { listInput, page, text, timestamp, uuid } from '../../shared/schemas/primitives';
import { domainName } from './server/names';

export const domainStatus = z.enum(['active', 'parked', 'for_sale', 'archived']).describe('Where the name stands in your portfolio.');
export const rdapState = z
  .enum(['off', 'pending', 'registered', 'not_registered', 'failed'])
  .describe('`off`: no RDAP server is configured; `pending`: a look-up is queued; `registered` / `not_registered`: its answer; `failed`: the server did not answer usably (see `error`).');
export const voteDirection = z.enum(['up', 'down']);

const tag = z.string().min(1).max(40).regex(/^[\p{L}\p{N}_ .-]+$/u, 'letters, digits, spaces, dots, dashes and underscores');
const tags = z.array(tag).max(20).refine((t) => new Set(t).size === t.length, 'tags must be distinct');

export const rdapOutput = z.object({
  state: rdapState,
  registrar: z.string().nullable(),
  registeredAt: timestamp().nullable(),
  expiresAt: timestamp().nullable(),
  lastChangedAt: timestamp().nullable(),
  statuses: z.array(z.string()),
  nameservers: z.array(z.string()),
  checkedAt: timestamp().nullable(),
  error: z.string().nullable(),
});

export const domainOutput = z.object({
  id: uuid(),
  ownerId: uuid(),
  ownerName: z.string().nullable(),
  name: z.string().describe('The name as people read it (Unicode).'),
  asciiName: z.string().describe('Its ASCII (punycode) form, as stored and looked up.'),
  notes: z.string().nullable().describe('The owner’s notes; null for anyone else.'),
  tags: z.array(z.string()),
  status: domainStatus,
  elo: z.number().describe('Its rating in the pairwise comparisons (starts at 1200).'),
  comparisons: z.number().int(),
  votesUp: z.number().int(),
  votesDown: z.number().int(),
  myVote: voteDirection.nullable().describe('Your vote on it, if any.'),
  rdap: rdapOutput,
  createdAt: timestamp(),
  updatedAt: timestamp(),
});
export type DomainOut = z.infer<typeof domainOutput>;

export const domainIdInput = z.strictObject({ domainId: uuid() });
export const createDomainInput = z.strictObject({
  name: domainName,
  notes: text(2000).optional(),
  tags: tags.default([]),
  status: domainStatus.default('active'),
  ownerId: uuid().optional().describe('Administrators only: the user who owns it (default: you).'),
});
export const updateDomainInput = z.strictObject({
  domainId: uuid(),
  notes: text(2000).optional(),
  tags: tags.optional(),
  status: domainStatus.optional(),
});
export const listDomainsInput = z.strictObject({
  ...listInput,
  mine: z.boolean().optional().describe('Only the names you own.'),
  ownerId: uuid().optional().describe('Only this user’s names.'),
});
export const domainsOutput = page(domainOutput);

export const voteInput = z.strictObject({ domainId: uuid(), direction: voteDirection.default('up') });
export const voteOutput = z.object({
  domain: domainOutput,
  direction: voteDirection,
  replayed: z.boolean().describe('True when you had voted so already: nothing ran twice.'),
  xpAwarded: z.number().int(),
});

export const pairOutput = z.object({
  pair: z.tuple([domainOutput, domainOutput]).nullable().describe('Two names you have not compared yet (none of yours), or null when there are none left.'),
});
export const compareInput = z.strictObject({
  domainA: uuid(),
  domainB: uuid(),
  winner: z.enum(['a', 'b', 'skip']).describe('The better name, or `skip` (the pair is not shown again; ratings stay).'),
});
export const comparisonOutput = z.object({
  id: uuid(),
  domainA: uuid(),
  domainB: uuid(),
  winner: z.enum(['a', 'b', 'skip']),
  eloA: z.object({ before: z.number(), after: z.number() }),
  eloB: z.object({ before: z.number(), after: z.number() }),
  createdAt: timestamp(),
});

export const leaderboardInput = z.strictObject({ ...listInput, by: z.enum(['elo', 'votes']).default('elo').describe('`elo`: by rating; `votes`: by up votes minus down votes.') });
export const leaderboardOutput = page(domainOutput.extend({ rank: z.number().int(), score: z.number().int().describe('Up votes minus down votes.') }));

export const historyInput = z.strictObject({ domainId: uuid(), ...listInput });
export const historyOutput = page(
  z.object({ id: uuid(), comparisonId: uuid(), opponentId: uuid(), result: z.enum(['win', 'loss']), before: z.number(), after: z.number(), createdAt: timestamp() }),
);

export const feedbackInput = z.strictObject({ domainId: uuid(), body: text(2000, 1).refine((s) => s.trim().length > 0, 'must not be blank') });
export const feedbackOutput = z.object({ id: uuid(), domainId: uuid(), userId: uuid(), username: z.string().nullable(), body: z.string(), createdAt: timestamp() });
export const submitFeedbackOutput = z.object({ feedback: feedbackOutput, xpAwarded: z.number().int() });
export const feedbackListInput = z.strictObject({ domainId: uuid(), ...listInput });
export const feedbackListOutput = page(feedbackOutput);
