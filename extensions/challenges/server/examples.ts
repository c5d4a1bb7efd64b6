// Example requests and responses of the challenges' routes, for the API reference. One story: ada
// (the teacher) asks for a landing page for example.com; two synthetic brands enter, grace enters
// by hand, linus judges.
import * as s from '../schemas';
import { at, exampleIds, examples } from '../../../server/extensions/api';

const challengeId = '5b8e2d14-7a3c-4f91-b6d2-3e9a1c7f5d20';
const entryA = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const entryB = '7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b';
const lumen = '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1f';
const quill = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const linus = '08aa5716-0969-47f8-97b9-8256ce6552a3';
const createdAt = at('2026-12-09T09:00:00Z');
const deadline = at('2026-12-16T18:00:00Z');
const rubric = [
  { key: 'clarity', label: 'Clear message', weight: 2 },
  { key: 'craft', label: 'Working, tidy code', weight: 1 },
];
const subject = { type: 'domain', id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', label: 'example.com' };
const profile = {
  id: lumen,
  slug: 'lumen-forge',
  name: 'LumenForge',
  persona: 'Bright, bold landing pages; loves gradients.',
  provider: 'stub' as const,
  model: 'stub-lumen-forge',
  systemPrompt: 'You are LumenForge, a synthetic domain AI brand. Bright, bold landing pages; loves gradients.',
  parameters: { temperature: 0.2, seed: 1 },
  synthetic: true,
  rating: 1216,
  createdAt,
};
const challenge = {
  id: challengeId,
  creatorId: exampleIds.ada,
  title: 'A landing page for example.com',
  prompt: 'Write a one-page landing page (HTML, inline CSS and JS) for example.com.',
  rubric,
  deadline,
  status: 'open' as const,
  subject,
  contestants: [{ id: lumen, name: 'LumenForge', synthetic: true }, { id: quill, name: 'QuillQuarry', synthetic: true }],
  panel: [{ id: quill, name: 'QuillQuarry', synthetic: true }],
  judges: [{ userId: linus, username: 'linus' }],
  entries: { total: 3, done: 3, pending: 0, failed: 0 },
  winnerEntryId: null,
  viewer: { teacher: true, judge: true, entryId: null },
  createdAt,
};
const entry = {
  id: entryA,
  challengeId,
  contestant: { kind: 'model' as const, profileId: lumen, name: 'LumenForge', synthetic: true },
  status: 'done' as const,
  contentType: 'text/html' as const,
  contentUrl: `/api/ext/challenges/entries/${entryA}/content`,
  length: 512,
  attempts: 1,
  error: null,
  duplicateOf: null,
  similarity: 0.41,
  createdAt,
  finishedAt: at('2026-12-09T09:00:04Z'),
};
const judgment = { id: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f', challengeId, createdAt: at('2026-12-17T10:00:00Z') };

export const profiles = examples({ input: s.emptyInput, output: s.profilesOutput }, { request: {}, response: { items: [profile] } });
export const createProfile = examples(
  { input: s.createProfileInput, output: s.profileOutput },
  { request: { slug: 'llama-coder', name: 'Llama coder', provider: 'ollama', model: 'llama3.2', systemPrompt: 'You write small, working web pages.', parameters: { temperature: 0.7 } }, response: { ...profile, id: quill, slug: 'llama-coder', name: 'Llama coder', persona: '', provider: 'ollama', model: 'llama3.2', systemPrompt: 'You write small, working web pages.', parameters: { temperature: 0.7 }, synthetic: false, rating: 1200 } },
);
export const standings = examples({ input: s.standingsInput, output: s.standingsOutput }, { request: { limit: 50 }, response: { items: [{ entrant: `model:${lumen}`, kind: 'model', name: 'LumenForge', rating: 1216, games: 2 }, { entrant: `user:${exampleIds.grace}`, kind: 'person', name: 'grace', rating: 1184, games: 2 }] } });
export const create = examples(
  { input: s.createChallengeInput, output: s.challengeOutput },
  { request: { title: challenge.title, prompt: challenge.prompt, rubric, deadline, contestants: [lumen, quill], panel: [quill], judges: [linus], subject }, response: { ...challenge, entries: { total: 2, done: 0, pending: 2, failed: 0 } } },
);
export const list = examples({ input: s.challengesInput, output: s.challengesOutput }, { request: { limit: 20, subjectType: 'domain', subjectId: subject.id }, response: { items: [challenge], nextCursor: null } });
export const get = examples({ input: s.challengeIdInput, output: s.challengeOutput }, { request: { challengeId }, response: challenge });
export const inviteJudges = examples({ input: s.inviteJudgesInput, output: s.challengeOutput }, { request: { challengeId, userIds: [linus] }, response: challenge });
export const entries = examples({ input: s.challengeIdInput, output: s.entriesOutput }, { request: { challengeId }, response: { items: [entry] } });
export const submit = examples(
  { input: s.submitEntryInput, output: s.entryOutput },
  { request: { challengeId, content: '<!doctype html><h1>example.com</h1><p>Examples, for everyone.</p>', contentType: 'text/html' }, response: { ...entry, id: entryB, contestant: { kind: 'person', userId: exampleIds.grace, username: 'grace' }, contentUrl: `/api/ext/challenges/entries/${entryB}/content`, length: 63, attempts: 0, similarity: null, finishedAt: createdAt } },
);
export const generate = examples({ input: s.challengeIdInput, output: s.queuedOutput }, { request: { challengeId }, response: { queued: 1 } });
export const cancel = examples({ input: s.challengeIdInput, output: s.cancelledOutput }, { request: { challengeId }, response: { cancelled: 2 } });
export const pair = examples(
  { input: s.challengeIdInput, output: s.pairOutput },
  { request: { challengeId }, response: { pair: { a: { entryId: entryB, contentUrl: `/api/ext/challenges/entries/${entryB}/content`, contentType: 'text/html' }, b: { entryId: entryA, contentUrl: entry.contentUrl, contentType: 'text/html' } }, judged: 1, remaining: 2 } },
);
export const judgePair = examples({ input: s.judgePairInput, output: s.judgmentOutput }, { request: { challengeId, entryA: entryB, entryB: entryA, winner: 'a' }, response: judgment });
export const score = examples({ input: s.scoreInput, output: s.judgmentOutput }, { request: { challengeId, entryId: entryA, scores: { clarity: 8, craft: 6 }, comment: 'Clear, but the button does little.' }, response: judgment });
export const runPanel = examples({ input: s.challengeIdInput, output: s.queuedOutput }, { request: { challengeId }, response: { queued: 3 } });
export const results = examples(
  { input: s.challengeIdInput, output: s.resultsOutput },
  {
    request: { challengeId },
    response: {
      items: [
        {
          entryId: entryA,
          contestant: entry.contestant,
          ai: { criteria: { clarity: { median: 7, spread: 3, mad: 1, n: 3 }, craft: { median: 8, spread: 1, mad: 0, n: 3 } }, total: 7.333, judged: 3, failed: 0 },
          people: { criteria: { clarity: 8, craft: 6 }, total: 7.333, judged: 1 },
          pairwise: { wins: 2, losses: 0, ties: 0, elo: 1231.3 },
        },
      ],
      suggestion: entryA,
      winnerEntryId: null,
    },
  },
);
export const pickWinner = examples({ input: s.pickWinnerInput, output: s.challengeOutput }, { request: { challengeId, entryId: entryA }, response: { ...challenge, status: 'closed', winnerEntryId: entryA } });
