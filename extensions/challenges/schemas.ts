// The code challenges' inputs and outputs, shared by the router, the client pages and the examples.
import { z } from 'zod';
import { listInput, page, text, timestamp, uuid } from '../../shared/schemas/primitives';

export { emptyInput } from '../../shared/schemas/primitives';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and underscores, starting with a letter');

export const criterion = z.strictObject({
  key,
  label: text(100, 1),
  weight: z.number().positive().max(100).default(1).describe('Relative weight in the total (default 1).'),
});
export const rubric = z
  .array(criterion)
  .min(1)
  .max(10)
  .refine((r) => new Set(r.map((c) => c.key)).size === r.length, 'criterion keys must differ');
export type Criterion = z.output<typeof criterion>;

export const subject = z
  .strictObject({
    type: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, dashes and underscores'),
    id: text(200, 1),
    label: text(200, 1),
  })
  .describe('What the challenge is about, owned by another part of CalOS (a domain of the portfolio: `{ type: "domain", id, label: "example.com" }`).');
export type Subject = z.output<typeof subject>;

const ids = (max: number) => z.array(uuid()).max(max).refine((a) => new Set(a).size === a.length, 'must not repeat');

export const createChallengeInput = z.strictObject({
  title: text(200, 1),
  prompt: text(10_000, 1).describe('What contestants answer (a page, a snippet, a tagline, …).'),
  rubric,
  deadline: z.coerce
    .date()
    .refine((d) => d.getTime() > Date.now(), 'must be in the future')
    // The database stores years up to 9999 as ISO strings; later ones would fail there (a 500).
    .refine((d) => d.getUTCFullYear() <= 9999, 'must be before the year 10000')
    .describe('Entries are accepted until then.'),
  contestants: ids(24).default([]).describe('Model profiles that enter: each generates an answer in the background.'),
  panel: ids(7).default([]).describe('Model profiles that score each entry against the rubric (AI judges).'),
  judges: ids(50).default([]).describe('Users invited to judge.'),
  subject: subject.optional(),
});

export const challengeStatus = z.enum(['open', 'judging', 'closed']).describe('`open` until the deadline, `judging` after it, `closed` once the teacher picked a winner.');
export const profileRef = z.object({ id: uuid(), name: z.string(), synthetic: z.boolean() });

export const challengeOutput = z.object({
  id: uuid(),
  creatorId: uuid(),
  title: z.string(),
  prompt: z.string(),
  rubric: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number() })),
  deadline: timestamp(),
  status: challengeStatus,
  subject: z.object({ type: z.string(), id: z.string(), label: z.string() }).nullable(),
  contestants: z.array(profileRef),
  panel: z.array(profileRef),
  judges: z.array(z.object({ userId: uuid(), username: z.string() })),
  entries: z.object({ total: z.number().int(), done: z.number().int(), pending: z.number().int(), failed: z.number().int() }),
  winnerEntryId: uuid().nullable(),
  viewer: z.object({ teacher: z.boolean(), judge: z.boolean(), entryId: uuid().nullable() }).describe('What you are in this challenge.'),
  createdAt: timestamp(),
});
export type ChallengeOutput = z.output<typeof challengeOutput>;

export const challengesInput = z.strictObject({
  ...listInput,
  subjectType: z.string().max(40).optional().describe('Only challenges about subjects of this type (`domain`).'),
  subjectId: text(200).optional().describe('Only challenges about this subject (with `subjectType`).'),
  mine: z.boolean().optional().describe('Only challenges you created.'),
});
export const challengesOutput = page(challengeOutput);
export const challengeIdInput = z.strictObject({ challengeId: uuid() });

export const entryStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export const contestant = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('model'), profileId: uuid(), name: z.string(), synthetic: z.boolean() }),
    z.object({ kind: z.literal('person'), userId: uuid(), username: z.string() }),
  ])
  .nullable()
  .describe('Who made it; null while judging is blind (until the winner is picked), except for the teacher and the entrant.');

export const entryOutput = z.object({
  id: uuid(),
  challengeId: uuid(),
  contestant,
  status: entryStatus,
  contentType: z.enum(['text/html', 'text/plain']),
  contentUrl: z.string().describe('The content, served sandboxed (`Content-Security-Policy: sandbox`): frame it in an `<iframe sandbox>`, never insert it into a page.'),
  length: z.number().int(),
  attempts: z.number().int().nullable().describe('Generation attempts (0 for a person\'s entry); null while the entry is blind to you.'),
  error: z.string().nullable(),
  duplicateOf: uuid().nullable().describe('An earlier entry this one is nearly the same as (embedding similarity at or above the threshold).'),
  similarity: z.number().nullable(),
  createdAt: timestamp().nullable().describe('Null while the entry is blind to you (it would tell models\' entries from people\'s).'),
  finishedAt: timestamp().nullable(),
});
export const entriesOutput = z.object({ items: z.array(entryOutput) });

export const submitEntryInput = z.strictObject({
  challengeId: uuid(),
  content: text(100_000, 1).describe('Your answer: an HTML page or plain text (shown sandboxed).'),
  contentType: z.enum(['text/html', 'text/plain']).default('text/html'),
});
export const entryIdInput = z.strictObject({ entryId: uuid() });

export const inviteJudgesInput = z.strictObject({ challengeId: uuid(), userIds: ids(50).refine((a) => a.length > 0, 'at least one') });

export const anonymousEntry = z.object({ entryId: uuid(), contentUrl: z.string(), contentType: z.enum(['text/html', 'text/plain']) });
export const pairOutput = z.object({
  pair: z.object({ a: anonymousEntry, b: anonymousEntry }).nullable().describe('Two entries you have not compared yet, in a random order; null when none are left.'),
  judged: z.number().int(),
  remaining: z.number().int(),
});

export const judgePairInput = z.strictObject({
  challengeId: uuid(),
  entryA: uuid(),
  entryB: uuid(),
  winner: z.enum(['a', 'b', 'tie']).describe('The better entry, or a tie.'),
});
export const judgmentOutput = z.object({ id: uuid(), challengeId: uuid(), createdAt: timestamp() });

export const scoreInput = z.strictObject({
  challengeId: uuid(),
  entryId: uuid(),
  scores: z.record(key, z.number().int().min(0).max(10)).describe('0–10 for every criterion of the rubric, by key.'),
  comment: text(2000).default(''),
});

export const criterionAggregate = z.object({
  median: z.number().nullable(),
  spread: z.number().nullable().describe('Highest minus lowest score.'),
  mad: z.number().nullable().describe('Median absolute deviation from the median.'),
  n: z.number().int(),
});
export const resultRow = z.object({
  entryId: uuid(),
  contestant,
  ai: z.object({ criteria: z.record(z.string(), criterionAggregate), total: z.number().nullable(), judged: z.number().int(), failed: z.number().int() }),
  people: z.object({ criteria: z.record(z.string(), z.number()), total: z.number().nullable(), judged: z.number().int() }),
  pairwise: z.object({ wins: z.number().int(), losses: z.number().int(), ties: z.number().int(), elo: z.number() }),
});
export const resultsOutput = z.object({
  items: z.array(resultRow),
  suggestion: uuid().nullable().describe('The entry with the highest AI-panel total (else people\'s rubric total, else challenge Elo): only a suggestion; the teacher picks.'),
  winnerEntryId: uuid().nullable(),
});

export const pickWinnerInput = z.strictObject({ challengeId: uuid(), entryId: uuid() });
export const queuedOutput = z.object({ queued: z.number().int() });
export const cancelledOutput = z.object({ cancelled: z.number().int().describe('Entries whose generation stopped.') });
export const progressOutput = z.object({
  items: z.array(z.object({ id: uuid(), status: entryStatus, attempts: z.number().int(), error: z.string().nullable(), length: z.number().int() })),
});
export const contentOutput = z.object({ content: z.string(), contentType: z.enum(['text/html', 'text/plain']) });

export const profileOutput = z.object({
  id: uuid(),
  slug: z.string(),
  name: z.string(),
  persona: z.string(),
  provider: z.enum(['stub', 'ollama']),
  model: z.string(),
  systemPrompt: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  synthetic: z.boolean(),
  rating: z.number(),
  createdAt: timestamp(),
});
export const profilesOutput = z.object({ items: z.array(profileOutput) });
export const createProfileInput = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'lower-case letters, digits and dashes'),
  name: text(100, 1),
  persona: text(500).default(''),
  provider: z.enum(['stub', 'ollama']),
  model: text(200, 1),
  systemPrompt: text(5000).default(''),
  parameters: z
    .strictObject({
      temperature: z.number().min(0).max(2).optional(),
      top_p: z.number().min(0).max(1).optional(),
      seed: z.number().int().optional(),
      num_predict: z.number().int().min(1).max(32_768).optional(),
    })
    .default({}),
});

export const standingsOutput = z.object({
  items: z.array(z.object({ entrant: z.string(), kind: z.enum(['model', 'person']), name: z.string(), rating: z.number(), games: z.number().int() })),
});
export const standingsInput = z.strictObject({ limit: z.number().int().min(1).max(100).default(50) }).optional();
