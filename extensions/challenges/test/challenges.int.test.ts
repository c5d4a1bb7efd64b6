// Code challenges end to end on the stub provider, through both doors: creating (validation,
// subjects, filters), generation by the stub, sandboxed content, blind entries, people's entries
// and near duplicates, pairwise and rubric judging (once per judge, also in parallel), results,
// the winner, XP, events, standings and the live stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../../server/testing/harness';
import { signUp, signUpAdmin } from '../../../server/testing/factories';
import { seedProfiles } from '../server/profiles';
import { streamLimits } from '../server/http';
import { generateEntry } from '../server/generation';
import { checkDuplicate } from '../server/duplicates';

let t: TestApp;
let teacher: Awaited<ReturnType<typeof signUp>>;
let judge: Awaited<ReturnType<typeof signUp>>;
let student: Awaited<ReturnType<typeof signUp>>;
let brands: Array<{ id: string; slug: string; synthetic: boolean; provider: string }>;
const rubric = [
  { key: 'clarity', label: 'Clear', weight: 2 },
  { key: 'craft', label: 'Craft', weight: 1 },
];
const future = () => new Date(Date.now() + 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp({ CALOS_CHALLENGES_DUPLICATE_THRESHOLD: '0.9' });
  await seedProfiles(t.db.knex);
  [teacher, judge, student] = [await signUp(t), await signUp(t), await signUp(t)];
  brands = (await t.rest('GET', '/api/ext/challenges/profiles', { token: teacher.token })).body.items;
});
afterAll(async () => {
  await t?.close();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function created(body: Record<string, unknown> = {}) {
  const res = await t.rest('POST', '/api/ext/challenges/challenges', {
    token: teacher.token,
    body: { title: 'Landing page', prompt: 'A landing page for a bakery', rubric, deadline: future(), contestants: brands.slice(0, 3).map((b) => b.id), judges: [judge.userId], ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string; subject: unknown; entries: { total: number } };
}

/** Runs the queued generation jobs' own code now (the queue's worker polls every few seconds), then waits for any it runs. */
async function finished(challengeId: string) {
  const kernel = t.platform.kernels.get('challenges')!;
  for (const { id } of await t.db.knex('challenges_entries').where({ challenge_id: challengeId, status: 'queued' }).select('id')) await generateEntry(kernel, id);
  return until(
    () => t.db.knex('challenges_entries').where({ challenge_id: challengeId }).select('status'),
    (rows: Array<{ status: string }>) => rows.every((r) => r.status !== 'queued' && r.status !== 'running'),
  );
}

describe('profiles and creating', () => {
  it('seeds twelve synthetic brands on the stub provider', () => {
    const synthetic = brands.filter((b) => b.synthetic);
    expect(synthetic).toHaveLength(12);
    expect(new Set(synthetic.map((b) => b.provider))).toEqual(new Set(['stub']));
  });

  it('refuses bad challenges naming the field, on both doors', async () => {
    const past = await t.rest('POST', '/api/ext/challenges/challenges', { token: teacher.token, body: { title: 'x', prompt: 'y', rubric, deadline: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect(past.body.error.details.issues[0].path).toBe('body.deadline');
    const twice = await t.rest('POST', '/api/ext/challenges/challenges', { token: teacher.token, body: { title: 'x', prompt: 'y', rubric: [rubric[0], rubric[0]], deadline: future() } });
    expect(twice.status).toBe(400);
    const unknown = await t.rest('POST', '/api/ext/challenges/challenges', { token: teacher.token, body: { title: 'x', prompt: 'y', rubric, deadline: future(), contestants: ['00000000-0000-4000-8000-000000000000'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe('body.contestants.0');
    await expect(t.caller({ token: teacher.token }).challenges.create({ title: 'x', prompt: 'y', rubric, deadline: new Date(0) })).rejects.toThrow(/future/);
    // A deadline beyond what the database stores (year 275760, the largest JS date) is a 400, not a 500.
    for (const deadline of ['+275760-09-13T00:00:00.000Z', 8.64e15, '10000-01-01T00:00:00Z']) {
      const far = await t.rest('POST', '/api/ext/challenges/challenges', { token: teacher.token, body: { title: 'x', prompt: 'y', rubric, deadline } });
      expect(far.status).toBe(400);
      expect(far.body.error.details.issues[0].path).toBe('body.deadline');
    }
    expect((await t.rest('POST', '/api/ext/challenges/challenges', { body: { title: 'x' } })).status).toBe(401);
    // Only administrators add profiles.
    expect((await t.rest('POST', '/api/ext/challenges/profiles', { token: teacher.token, body: { slug: 'mine', name: 'Mine', provider: 'stub', model: 'x' } })).status).toBe(403);
  });

  it('stores a subject, returns it and filters by it', async () => {
    const subject = { type: 'domain', id: `d-${Date.now()}`, label: 'example.com' };
    const c = await created({ subject, contestants: [] });
    expect(c.subject).toEqual(subject);
    const other = await created({ contestants: [] });
    const listed = await t.rest('GET', `/api/ext/challenges/challenges?subjectType=domain&subjectId=${subject.id}`, { token: judge.token });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect((await t.rest('GET', '/api/ext/challenges/challenges?mine=false&limit=100', { token: judge.token })).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await t.rest('GET', '/api/ext/challenges/challenges?mine=true', { token: judge.token })).body.items).toEqual([]);
    const viaTrpc = await t.caller({ token: judge.token }).challenges.list({ subjectType: 'domain', limit: 100 });
    expect(viaTrpc.items.map((i) => i.id)).toContain(c.id);
    expect(viaTrpc.items.map((i) => i.id)).not.toContain(other.id);
  });
});

describe('a challenge from generation to winner', () => {
  let challengeId: string;
  let entries: Array<{ id: string; contestant: unknown; status: string; contentUrl: string; duplicateOf: string | null }>;

  it('generates the stub contestants\' answers in the background, the same for the same profile and prompt', async () => {
    challengeId = (await created()).id;
    const second = (await created()).id;
    await finished(challengeId);
    await finished(second);
    const content = async (id: string) => (await t.db.knex('challenges_entries').where({ challenge_id: id }).orderBy('profile_id').select('content')).map((r) => r.content);
    expect(await content(challengeId)).toEqual(await content(second));
    expect((await content(challengeId))[0]).toMatch(/<script>/);
    const events = await t.db.knex('events').where({ type: 'challenge.entry_generated' }).whereRaw("data->>'challengeId' = ?", [challengeId]);
    expect(events).toHaveLength(3);
  });

  it('serves content only sandboxed, to those who may see it', async () => {
    const listed = await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: judge.token });
    entries = listed.body.items;
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.contestant === null)).toBe(true); // blind for judges
    const mine = await t.caller({ token: teacher.token }).challenges.entries({ challengeId });
    expect(mine.items.every((e) => e.contestant?.kind === 'model')).toBe(true);
    const res = await t.app.inject({ method: 'GET', url: entries[0]!.contentUrl, headers: { authorization: `Bearer ${judge.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/^sandbox allow-scripts;/);
    expect(res.headers['content-security-policy']).not.toMatch(/allow-same-origin/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    // A student who did not enter sees neither the list nor the content.
    expect((await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: student.token })).body.items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: entries[0]!.contentUrl, headers: { authorization: `Bearer ${student.token}` } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/ext/challenges/entries/nope/content', headers: { authorization: `Bearer ${judge.token}` } })).statusCode).toBe(400);
  });

  it('takes one entry per student, with XP, and flags a near duplicate', async () => {
    const copy = (await t.db.knex('challenges_entries').where({ id: entries[0]!.id }).first('content')).content as string;
    const res = await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: student.token, body: { content: copy.replace('<h1>', '<h1>My ') } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.contestant).toMatchObject({ kind: 'person', userId: student.userId });
    const again = await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: student.token, body: { content: 'other' } });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('ALREADY_ENTERED');
    await checkDuplicate(t.platform.kernels.get('challenges')!, res.body.id); // the embed job's own code, now
    const flagged = await t.db.knex('challenges_entries').where({ id: res.body.id }).first('duplicate_of', 'similarity');
    expect(flagged.duplicate_of).toBe(entries[0]!.id);
    expect(Number(flagged.similarity)).toBeGreaterThanOrEqual(0.9);
    const progress = await t.rest('GET', `/api/skills/user/${student.userId}`);
    expect(progress.body.skills.find((s: { code: string }) => s.code === 'development').xp).toBe(25);
  });

  it('keeps entries blind to a judge: nothing tells a model\'s entry from a person\'s, and the stream is the teacher\'s', async () => {
    const seen = (await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: judge.token })).body.items as Array<Record<string, unknown>>;
    expect(seen).toHaveLength(4); // three models' and the student's
    for (const e of seen) expect(e).toMatchObject({ contestant: null, status: 'done', attempts: null, error: null, createdAt: null, finishedAt: null });
    const ids = seen.map((e) => e.id as string);
    expect(ids).toEqual([...ids].sort());
    const viaTrpc = await t.caller({ token: judge.token }).challenges.entries({ challengeId });
    expect(viaTrpc.items.map((e) => e.id)).toEqual(ids);
    const own = (await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: teacher.token })).body.items as Array<{ attempts: number | null; createdAt: string | null }>;
    expect(own.every((e) => e.attempts !== null && e.createdAt !== null)).toBe(true);
    const stream = await t.app.inject({ method: 'GET', url: `/api/ext/challenges/challenges/${challengeId}/stream`, headers: { authorization: `Bearer ${judge.token}` } });
    expect(stream.statusCode).toBe(403);
    expect(JSON.parse(stream.body).error.code).toBe('FORBIDDEN');
  });

  it('judges blind pairs once per judge and pair, and rubric scores once per entry', async () => {
    const pair = await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/pair`, { token: judge.token });
    expect(pair.status).toBe(200);
    expect(pair.body.remaining).toBe(6); // four entries
    const { a, b } = pair.body.pair;
    expect(Object.keys(a).sort()).toEqual(['contentType', 'contentUrl', 'entryId']);
    const body = { entryA: a.entryId, entryB: b.entryId, winner: 'a' };
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/pairwise`, { token: judge.token, body })).status).toBe(201);
    const swapped = await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/pairwise`, { token: judge.token, body: { entryA: b.entryId, entryB: a.entryId, winner: 'tie' } });
    expect(swapped.status).toBe(409);
    expect(swapped.body.error.details.reason).toBe('ALREADY_JUDGED');
    expect((await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/pair`, { token: judge.token })).body).toMatchObject({ judged: 1, remaining: 5 });
    // Not invited: 403; the student never judges (nor sees a pair).
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/pairwise`, { token: student.token, body })).status).toBe(403);
    const s = (entryId: string, scores: Record<string, number>) => t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/scores`, { token: judge.token, body: { entryId, scores } });
    const missing = await s(a.entryId, { clarity: 5 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe('body.scores.craft');
    expect((await s(a.entryId, { clarity: 5, craft: 11 })).status).toBe(400);
    expect((await s(a.entryId, { clarity: 8, craft: 6 })).status).toBe(201);
    expect((await s(a.entryId, { clarity: 1, craft: 1 })).body.error.details.reason).toBe('ALREADY_SCORED');
    await t.caller({ token: teacher.token }).challenges.score({ challengeId, entryId: a.entryId, scores: { clarity: 6, craft: 6 } });
    const results = await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/results`, { token: teacher.token });
    const row = results.body.items.find((i: { entryId: string }) => i.entryId === a.entryId);
    expect(row.people).toEqual({ criteria: { clarity: 7, craft: 6 }, total: 6.667, judged: 2 });
    expect(row.pairwise).toMatchObject({ wins: 1, losses: 0, ties: 0, elo: 1216 });
    expect(results.body.suggestion).toBe(a.entryId);
    expect((await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/results`, { token: student.token })).status).toBe(403);
    const standings = await t.rest('GET', '/api/ext/challenges/standings', { token: student.token });
    expect(standings.body.items[0]).toMatchObject({ rating: 1216, games: 1 });
  });

  it('lets only the teacher pick the winner, once, and then reveals the contestants', async () => {
    const studentEntry = (await t.db.knex('challenges_entries').where({ challenge_id: challengeId, user_id: student.userId }).first('id')).id;
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/winner`, { token: judge.token, body: { entryId: studentEntry } })).status).toBe(403);
    const picked = await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/winner`, { token: teacher.token, body: { entryId: studentEntry } });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect(picked.body).toMatchObject({ status: 'closed', winnerEntryId: studentEntry });
    const again = await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/winner`, { token: teacher.token, body: { entryId: entries[0]!.id } });
    expect(again.body.error.details.reason).toBe('WINNER_PICKED');
    const seen = await t.rest('GET', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: judge.token });
    expect(seen.body.items.every((e: { contestant: unknown }) => e.contestant !== null)).toBe(true);
    const xp = (await t.rest('GET', `/api/skills/user/${student.userId}`)).body.skills.find((s: { code: string }) => s.code === 'development').xp;
    expect(xp).toBe(225);
    const judgeXp = (await t.rest('GET', `/api/skills/user/${judge.userId}`)).body.skills.find((s: { code: string }) => s.code === 'development').xp;
    expect(judgeXp).toBe(10);
    const events = await t.db.knex('events').where({ type: 'challenge.winner_picked' }).whereRaw("data->>'challengeId' = ?", [challengeId]);
    expect(events).toHaveLength(1);
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${challengeId}/entries`, { token: judge.token, body: { content: 'late' } })).body.error.details.reason).toBe('DEADLINE_PASSED');
  });

  it('streams the entries\' state and ends when nothing is left to generate; caps streams per client', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/ext/challenges/challenges/${challengeId}/stream`, headers: { authorization: `Bearer ${teacher.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.body.match(/event: entry/g)).toHaveLength(3);
    expect(res.body).toMatch(/event: done/);
    const open = await created({ contestants: [] });
    expect((await t.app.inject({ method: 'GET', url: `/api/ext/challenges/challenges/${open.id}/stream`, headers: { authorization: `Bearer ${student.token}` } })).statusCode).toBe(403);
    const before = streamLimits.perClient;
    streamLimits.perClient = 0;
    try {
      const capped = await t.app.inject({ method: 'GET', url: `/api/ext/challenges/challenges/${challengeId}/stream`, headers: { authorization: `Bearer ${teacher.token}` } });
      expect(capped.statusCode).toBe(429);
      expect(capped.headers['retry-after']).toBe('30');
    } finally {
      streamLimits.perClient = before;
    }
  });
});

describe('Ollama off until configured', () => {
  it('fails an Ollama contestant with "not configured", and an administrator acts as teacher', async () => {
    const admin = await signUpAdmin(t);
    const profile = await t.rest('POST', '/api/ext/challenges/profiles', { token: admin.token, body: { slug: `llama-${Date.now()}`, name: 'Llama', provider: 'ollama', model: 'llama3.2' } });
    expect(profile.status, JSON.stringify(profile.body)).toBe(201);
    const c = await created({ contestants: [profile.body.id] });
    const [row] = await finished(c.id);
    expect(row).toMatchObject({ status: 'failed' });
    expect((await t.db.knex('challenges_entries').where({ challenge_id: c.id }).first('error')).error).toMatch(/CALOS_OLLAMA_URL/);
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${c.id}/generate`, { token: student.token })).status).toBe(403);
    expect((await t.rest('POST', `/api/ext/challenges/challenges/${c.id}/generate`, { token: admin.token })).body).toEqual({ queued: 1 });
  });
});

describe('self-dealing', () => {
  it('refuses a teacher picking their own entry as the winner (no win_challenge XP for oneself)', async () => {
    const c = await created({ contestants: [] });
    const own = await t.rest('POST', `/api/ext/challenges/challenges/${c.id}/entries`, { token: teacher.token, body: { content: 'my own page' } });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const before = (await t.rest('GET', `/api/skills/user/${teacher.userId}`)).body.skills.find((s: { code: string }) => s.code === 'development').xp;
    const picked = await t.rest('POST', `/api/ext/challenges/challenges/${c.id}/winner`, { token: teacher.token, body: { entryId: own.body.id } });
    expect(picked.status, JSON.stringify(picked.body)).toBe(400);
    expect(picked.body.error.details.issues[0].path).toBe('body.entryId');
    await expect(t.caller({ token: teacher.token }).challenges.pickWinner({ challengeId: c.id, entryId: own.body.id })).rejects.toThrow(/own entry/);
    expect((await t.rest('GET', `/api/ext/challenges/challenges/${c.id}`, { token: teacher.token })).body.winnerEntryId).toBeNull();
    expect((await t.rest('GET', `/api/skills/user/${teacher.userId}`)).body.skills.find((s: { code: string }) => s.code === 'development').xp).toBe(before);
  });
});

describe('races', () => {
  raceTest('one judge\'s parallel judgments of one pair count once', async () => {
    const c = await created({ contestants: brands.slice(3, 5).map((b) => b.id) });
    await finished(c.id);
    const [a, b] = (await t.db.knex('challenges_entries').where({ challenge_id: c.id }).select('id')).map((r) => r.id);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.rest('POST', `/api/ext/challenges/challenges/${c.id}/pairwise`, { token: judge.token, body: i % 2 ? { entryA: a, entryB: b, winner: 'a' } : { entryA: b, entryB: a, winner: 'tie' } })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(7);
    expect(await t.db.knex('challenges_pairwise').where({ challenge_id: c.id }).count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    expect(Number((await t.db.knex('challenges_pairwise').where({ challenge_id: c.id }).count({ n: '*' }))[0]!.n)).toBe(1);
    const scores = await Promise.all(Array.from({ length: 6 }, () => t.rest('POST', `/api/ext/challenges/challenges/${c.id}/scores`, { token: judge.token, body: { entryId: a, scores: { clarity: 5, craft: 5 } } })));
    expect(scores.filter((r) => r.status === 201)).toHaveLength(1);
    const entering = await signUp(t);
    const entered = await Promise.all(Array.from({ length: 5 }, () => t.rest('POST', `/api/ext/challenges/challenges/${c.id}/entries`, { token: entering.token, body: { content: 'mine' } })));
    expect(entered.filter((r) => r.status === 201)).toHaveLength(1);
  });
});
