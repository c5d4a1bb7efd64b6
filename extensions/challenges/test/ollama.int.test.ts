// Ollama contestants and judges through the official client against a local fake of Ollama's
// protocol: streamed chat into the entry and the live stream (SSE over a real socket), retries
// after a stream that breaks mid-way, the per-attempt timeout, the teacher's cancel (the model's
// connection is dropped), embeddings for near duplicates, and AI judges whose malformed JSON is
// retried and then recorded as failed, aggregated by median with their disagreement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUp, signUpAdmin } from '../../../server/testing/factories';
import { startFakeOllama, type FakeOllama } from './fake-ollama';
import { generateEntry } from '../server/generation';
import { judgeEntry } from '../server/panel';
import { checkDuplicate } from '../server/duplicates';

let t: TestApp;
let ollama: FakeOllama;
let admin: Awaited<ReturnType<typeof signUp>>;
const profiles: Record<string, string> = {};
const rubric = [
  { key: 'clarity', label: 'Clear', weight: 2 },
  { key: 'craft', label: 'Craft', weight: 1 },
];

beforeAll(async () => {
  ollama = await startFakeOllama();
  t = await createTestApp({ CALOS_OLLAMA_URL: ollama.url, CALOS_OLLAMA_EMBED_MODEL: 'fake-embed', CALOS_CHALLENGES_TIMEOUT_MS: '1000', CALOS_CHALLENGES_ATTEMPTS: '2', CALOS_WORKERS: 'false' });
  admin = await signUpAdmin(t);
  for (const model of ['fake-ok', 'fake-steady', 'fake-slow', 'fake-fail', 'fake-flaky', 'judge-ok', 'judge-bad', 'judge-once', 'judge-also']) {
    const res = await t.rest('POST', '/api/ext/challenges/profiles', { token: admin.token, body: { slug: `${model}-${Date.now()}`, name: model, provider: 'ollama', model, parameters: { temperature: 0 } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    profiles[model] = res.body.id;
  }
});
afterAll(async () => {
  await t?.close();
  await ollama?.close();
});

/** The fake server hears of a dropped connection a moment after the client drops it. */
async function settled(check: () => boolean) {
  for (let i = 0; i < 40 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  return check();
}

const kernel = () => t.platform.kernels.get('challenges')!;
const entryOf = async (challengeId: string, model: string) => (await t.db.knex('challenges_entries').where({ challenge_id: challengeId, profile_id: profiles[model] }).first('*')) as { id: string; status: string; attempts: number; error: string | null; content: string };

async function challenge(contestants: string[], panel: string[] = []) {
  const res = await t.rest('POST', '/api/ext/challenges/challenges', {
    token: admin.token,
    body: { title: 'Ollama', prompt: 'A page for a bakery', rubric, deadline: new Date(Date.now() + 3_600_000).toISOString(), contestants: contestants.map((m) => profiles[m]), panel: panel.map((m) => profiles[m]) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('generation through the Ollama client', () => {
  it('streams chat answers, retries a broken stream, and records a contestant that keeps failing', async () => {
    const id = await challenge(['fake-ok', 'fake-flaky', 'fake-fail']);
    for (const m of ['fake-ok', 'fake-flaky', 'fake-fail']) await generateEntry(kernel(), (await entryOf(id, m)).id);
    expect(await entryOf(id, 'fake-ok')).toMatchObject({ status: 'done', attempts: 1, content: expect.stringContaining('<h1>Fake Ollama</h1>') });
    expect(await entryOf(id, 'fake-flaky')).toMatchObject({ status: 'done', attempts: 2 });
    const failed = await entryOf(id, 'fake-fail');
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, content: '' });
    expect(failed.error).toMatch(/^attempt 2: /);
    expect(ollama.requests.filter((r) => r.path === '/api/chat' && r.model === 'fake-fail').every((r) => r.stream)).toBe(true);
    const events = await t.db.knex('events').where({ type: 'challenge.entry_generated' }).whereRaw("data->>'challengeId' = ?", [id]);
    expect(events.map((e) => e.data.status).sort()).toEqual(['done', 'done', 'failed']);
    // Embeddings came from Ollama's /api/embed; two identical answers: a duplicate.
    expect(ollama.requests.some((r) => r.path === '/api/embed' && r.model === 'fake-embed')).toBe(true);
    const ok = await t.db.knex('challenges_entries').where({ challenge_id: id, profile_id: profiles['fake-ok'] }).first('created_at', 'id');
    const flaky = await t.db.knex('challenges_entries').where({ challenge_id: id, profile_id: profiles['fake-flaky'] }).first('id', 'duplicate_of', 'similarity');
    const later = ok.id > flaky.id ? ok : flaky;
    await checkDuplicate(kernel(), later.id);
    const flagged = await t.db.knex('challenges_entries').where({ id: later.id }).first('duplicate_of', 'similarity');
    expect(Number(flagged.similarity)).toBeCloseTo(1, 5);
    expect(flagged.duplicate_of).not.toBeNull();
  });

  it('times out a slow model per attempt', async () => {
    const id = await challenge(['fake-slow']);
    const started = Date.now();
    await generateEntry(kernel(), (await entryOf(id, 'fake-slow')).id);
    const entry = await entryOf(id, 'fake-slow');
    expect(entry).toMatchObject({ status: 'failed', attempts: 2 });
    expect(entry.error).toMatch(/timed out after 1000 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await settled(() => ollama.aborted.filter((m) => m === 'fake-slow').length >= 2)).toBe(true);
  });

  it('stops when the teacher cancels, dropping the model\'s connection', async () => {
    const id = await challenge(['fake-slow']);
    const entry = await entryOf(id, 'fake-slow');
    const abortedBefore = ollama.aborted.length;
    const running = generateEntry(kernel(), entry.id);
    for (let i = 0; i < 50 && (await entryOf(id, 'fake-slow')).content === ''; i++) await new Promise((r) => setTimeout(r, 50));
    const cancelled = await t.rest('POST', `/api/ext/challenges/challenges/${id}/cancel`, { token: admin.token });
    expect(cancelled.body).toEqual({ cancelled: 1 });
    await running;
    expect(await entryOf(id, 'fake-slow')).toMatchObject({ status: 'cancelled', attempts: 1 });
    expect(await settled(() => ollama.aborted.length > abortedBefore)).toBe(true);
    const requeued = await t.rest('POST', `/api/ext/challenges/challenges/${id}/generate`, { token: admin.token });
    expect(requeued.body).toEqual({ queued: 1 });
    expect((await entryOf(id, 'fake-slow')).status).toBe('queued');
    await t.rest('POST', `/api/ext/challenges/challenges/${id}/cancel`, { token: admin.token });
  });

  it('streams progress to a listening client over SSE while a model writes', async () => {
    const id = await challenge(['fake-steady']);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/ext/challenges/challenges/${id}/stream`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    const generating = generateEntry(kernel(), (await entryOf(id, 'fake-steady')).id);
    const text = await res.text(); // the stream ends with `done`
    await generating;
    const states = [...text.matchAll(/event: entry\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!) as { status: string; length: number });
    expect(states[0]!.status).toBe('queued');
    expect(states.at(-1)).toMatchObject({ status: 'done' });
    expect(states.some((s) => s.status === 'running' && s.length > 0)).toBe(true);
    expect(text).toMatch(/event: done/);
  });
});

describe('the AI panel', () => {
  it('validates judges\' JSON with retries, records failures, and aggregates by median with disagreement', async () => {
    const id = await challenge(['fake-ok'], ['judge-ok', 'judge-bad', 'judge-once', 'judge-also']);
    const entry = await entryOf(id, 'fake-ok');
    await generateEntry(kernel(), entry.id);
    const queued = await t.rest('POST', `/api/ext/challenges/challenges/${id}/panel`, { token: admin.token });
    expect(queued.body).toEqual({ queued: 4 });
    const outcomes: Record<string, string> = {};
    for (const m of ['judge-ok', 'judge-bad', 'judge-once', 'judge-also']) outcomes[m] = await judgeEntry(kernel(), entry.id, profiles[m]!);
    expect(outcomes).toEqual({ 'judge-ok': 'done', 'judge-bad': 'failed', 'judge-once': 'done', 'judge-also': 'done' });
    const bad = await t.db.knex('challenges_scores').where({ entry_id: entry.id, profile_id: profiles['judge-bad'] }).first('status', 'attempts', 'error');
    expect(bad).toMatchObject({ status: 'failed', attempts: 2 });
    expect(bad.error).toMatch(/not JSON/);
    expect(ollama.requests.filter((r) => r.path === '/api/generate' && r.model === 'judge-once')).toHaveLength(2);
    const done = (await t.db.knex('challenges_scores').where({ entry_id: entry.id, status: 'done' }).select('scores')) as Array<{ scores: Record<string, number> }>;
    const clarity = done.map((d) => d.scores.clarity!).sort((a, b) => a - b);
    const results = await t.caller({ token: admin.token }).challenges.results({ challengeId: id });
    const row = results.items[0]!;
    expect(row.ai.judged).toBe(3);
    expect(row.ai.failed).toBe(1);
    expect(row.ai.criteria.clarity).toMatchObject({ median: clarity[1], spread: clarity[2]! - clarity[0]!, n: 3 });
    expect(results.suggestion).toBe(entry.id);
    // Run again: nothing left to judge.
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${id}/panel`, { token: admin.token })).body).toEqual({ queued: 0 });
    const student = await signUp(t);
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${id}/panel`, { token: student.token })).status).toBe(403);
  });
});
