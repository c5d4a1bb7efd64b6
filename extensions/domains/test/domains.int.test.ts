// The portfolio through both doors: names (IDNA, uniqueness, owners and administrators, other
// users' ids), votes through vote_domain (one per user and name, refusals store nothing), feedback
// through submit_feedback, pairwise comparisons with Elo and the leaderboard, and the races.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../../server/testing/harness';
import { operatorKey, signUp, signUpAdmin } from '../../../server/testing/factories';

let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t);
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const unique = (stem = 'name') => `${stem}-${Date.now().toString(36)}${(counter++).toString(36)}.com`;
async function add(token: string, body: Record<string, unknown>) {
  const res = await t.rest('POST', '/api/ext/domains/names', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; asciiName: string; elo: number; ownerId: string };
}
const vote = (token: string, domainId: string, direction = 'up') => t.rest('POST', `/api/ext/domains/names/${domainId}/vote`, { token, body: { direction } });

describe('names', () => {
  it('stores the ASCII form, shows the Unicode one, and is the same on both doors', async () => {
    const stem = `bücher${Date.now().toString(36)}`;
    const made = await add(owner.token, { name: `${stem.toUpperCase()}.de.`, notes: 'renew', tags: ['books'] });
    expect(made.asciiName).toMatch(/^xn--.*\.de$/);
    expect(made).toMatchObject({ name: `${stem}.de`, elo: 1200, status: 'active', notes: 'renew', tags: ['books'], rdap: { state: 'off' } });
    const viaTrpc = await t.caller({ token: owner.token }).domains.get({ domainId: made.id });
    expect(JSON.parse(JSON.stringify(viaTrpc))).toEqual((await t.rest('GET', `/api/ext/domains/names/${made.id}`, { token: owner.token })).body);
    // Unicode or punycode: one name.
    const again = await t.rest('POST', '/api/ext/domains/names', { token: owner.token, body: { name: made.asciiName } });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ reason: 'DOMAIN_TAKEN', field: 'name' });
    await expect(t.caller({ token: owner.token }).domains.create({ name: `${stem}.de` })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses what is not a domain name with 400 naming the field', async () => {
    for (const name of ['1.2.3.4', '[::1]', 'localhost', 'a..com', '-x.com', 'a_b.com', `${'a'.repeat(64)}.com`, `${'abcdefghij.'.repeat(25)}com`, 'xn--zz.com', 'ex ample.com', '']) {
      const res = await t.rest('POST', '/api/ext/domains/names', { token: owner.token, body: { name } });
      expect(res.status, name).toBe(400);
      expect(res.body.error.details.issues[0].path, name).toBe('body.name');
    }
    expect((await t.rest('POST', '/api/ext/domains/names', { token: owner.token, body: { name: unique(), status: 'sold' } })).status).toBe(400);
    expect((await t.rest('POST', '/api/ext/domains/names', { body: { name: unique() } })).status).toBe(401);
  });

  it('lets the owner (and administrators) edit and delete, others read without notes', async () => {
    const other = await signUp(t);
    const admin = await signUpAdmin(t);
    const made = await add(owner.token, { name: unique(), notes: 'secret plan' });
    const seen = await t.rest('GET', `/api/ext/domains/names/${made.id}`, { token: other.token });
    expect(seen.body.notes).toBeNull();
    const edit = await t.rest('PATCH', `/api/ext/domains/names/${made.id}`, { token: other.token, body: { status: 'parked' } });
    expect(edit.status).toBe(403);
    expect(edit.body.error.details.reason).toBe('NOT_OWNER');
    expect((await t.rest('DELETE', `/api/ext/domains/names/${made.id}`, { token: other.token })).status).toBe(403);
    const edited = await t.rest('PATCH', `/api/ext/domains/names/${made.id}`, { token: admin.token, body: { status: 'for_sale', tags: ['a', 'b'] } });
    expect(edited.body).toMatchObject({ status: 'for_sale', tags: ['a', 'b'], notes: 'secret plan' });
    expect((await t.rest('PATCH', `/api/ext/domains/names/${made.id}`, { token: owner.token, body: { tags: ['a', 'a'] } })).status).toBe(400);
    const mine = await t.caller({ token: owner.token }).domains.list({ mine: true, limit: 100 });
    expect(mine.items.map((d) => d.id)).toContain(made.id);
    expect((await t.rest('GET', '/api/ext/domains/names?mine=true', { token: other.token })).body.items).toEqual([]);
    expect((await t.rest('DELETE', `/api/ext/domains/names/${made.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.rest('GET', `/api/ext/domains/names/${made.id}`, { token: owner.token })).status).toBe(404);
    expect((await t.rest('GET', '/api/ext/domains/names/not-a-uuid', { token: owner.token })).status).toBe(400);
  });

  it('lets administrators add names for anyone, and nobody else', async () => {
    const admin = await signUpAdmin(t);
    const forOwner = await add(admin.token, { name: unique(), ownerId: owner.userId });
    expect(forOwner.ownerId).toBe(owner.userId);
    const refused = await t.rest('POST', '/api/ext/domains/names', { token: owner.token, body: { name: unique(), ownerId: admin.userId } });
    expect(refused.status).toBe(403);
    const nobody = await t.rest('POST', '/api/ext/domains/names', { token: admin.token, body: { name: unique(), ownerId: '00000000-0000-4000-8000-000000000000' } });
    expect(nobody.status).toBe(404);
  });

  it('answers 409 RDAP_OFF to a refresh when no RDAP server is configured', async () => {
    const made = await add(owner.token, { name: unique() });
    const res = await t.rest('POST', `/api/ext/domains/names/${made.id}/rdap`, { token: owner.token });
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe('RDAP_OFF');
  });
});

describe('votes', () => {
  it('executes vote_domain once per user and name, and refuses own names and the other direction', async () => {
    const made = await add(owner.token, { name: unique('vote') });
    const voter = await signUp(t);
    const first = await vote(voter.token, made.id);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ direction: 'up', replayed: false, xpAwarded: 10, domain: { votesUp: 1, myVote: 'up' } });
    const again = await vote(voter.token, made.id);
    expect(again.body).toMatchObject({ replayed: true, xpAwarded: 0, domain: { votesUp: 1 } });
    const other = await vote(voter.token, made.id, 'down');
    expect(other.status).toBe(409);
    expect(other.body.error.details).toMatchObject({ reason: 'ALREADY_VOTED', direction: 'up' });
    expect((await vote(owner.token, made.id)).status).toBe(400);
    expect((await vote(voter.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const executions = await t.db.knex('user_action_log').where({ user_id: voter.userId, action_code: 'vote_domain', status: 'succeeded' }).count({ n: '*' });
    expect(Number(executions[0]!.n)).toBe(1);
  });

  it('stores no vote when vote_domain is refused (cooldown), through tRPC too', async () => {
    const a = await add(owner.token, { name: unique('cool') });
    const b = await add(owner.token, { name: unique('cool') });
    const voter = await signUp(t);
    await t.caller({ token: voter.token }).domains.vote({ domainId: a.id, direction: 'down' });
    const refused = await vote(voter.token, b.id);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('COOLDOWN');
    expect(await t.db.knex('domains_votes').where({ domain_id: b.id }).first()).toBeUndefined();
    expect((await t.rest('GET', `/api/ext/domains/names/${b.id}`, { token: voter.token })).body.votesUp).toBe(0);
  });

  it('keeps vote_domain checkable (the seed document’s example) but not executable directly', async () => {
    const user = await signUp(t);
    const key = await operatorKey(t, ['actions:execute']);
    const check = await t.rest('GET', `/api/actions/check/vote_domain?userId=${user.userId}`, { token: key.secret });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body).toMatchObject({ actionCode: 'vote_domain', available: true, remainingToday: 1000 });
    const direct = await t.rest('POST', '/api/actions/execute', { token: user.token, body: { actionCode: 'vote_domain' } });
    expect(direct.status).toBe(403);
    expect(direct.body.error.details.reason).toBe('SYSTEM_ACTION');
    const listed = (await t.rest('GET', '/api/actions?category=voting')).body.items.find((a: { code: string }) => a.code === 'vote_domain');
    expect(listed).toMatchObject({ cooldownSeconds: 3, dailyLimit: 1000, systemOnly: true });
  });

  raceTest('counts parallel votes of one user on one name once', async () => {
    const made = await add(owner.token, { name: unique('race') });
    const voter = await signUp(t);
    const answers = await Promise.all(Array.from({ length: 6 }, () => vote(voter.token, made.id)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
    const row = await t.db.knex('domains_domains').where({ id: made.id }).first('votes_up');
    expect(row.votes_up).toBe(1);
    expect(Number((await t.db.knex('user_action_log').where({ user_id: voter.userId, action_code: 'vote_domain' }).count({ n: '*' }))[0]!.n)).toBe(1);
  });
});

describe('feedback', () => {
  it('executes submit_feedback, stores nothing when refused, and only the owner reads it', async () => {
    const made = await add(owner.token, { name: unique('fb') });
    const critic = await signUp(t);
    const given = await t.rest('POST', `/api/ext/domains/names/${made.id}/feedback`, { token: critic.token, body: { body: '  Short and clear.  ' } });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body).toMatchObject({ xpAwarded: 25, feedback: { body: 'Short and clear.', userId: critic.userId } });
    const cooling = await t.caller({ token: critic.token }).domains.submitFeedback({ domainId: made.id, body: 'More.' }).catch((e: { code: string }) => e);
    expect(cooling).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await t.rest('POST', `/api/ext/domains/names/${made.id}/feedback`, { token: critic.token, body: { body: '   ' } })).status).toBe(400);
    expect((await t.rest('POST', `/api/ext/domains/names/${made.id}/feedback`, { token: owner.token, body: { body: 'Mine is great' } })).status).toBe(400);
    const read = await t.rest('GET', `/api/ext/domains/names/${made.id}/feedback`, { token: owner.token });
    expect(read.body.items.map((f: { body: string }) => f.body)).toEqual(['Short and clear.']);
    expect((await t.rest('GET', `/api/ext/domains/names/${made.id}/feedback`, { token: critic.token })).status).toBe(403);
  });
});

describe('comparisons and the leaderboard', () => {
  it('refuses comparing an archived name (the pair never offers one; its rating stays)', async () => {
    const judge = await signUp(t);
    const live = await add(owner.token, { name: unique('live') });
    const archived = await add(owner.token, { name: unique('gone'), status: 'archived' });
    const res = await t.rest('POST', '/api/ext/domains/comparisons', { token: judge.token, body: { domainA: live.id, domainB: archived.id, winner: 'b' } });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.domainB');
    await expect(t.caller({ token: judge.token }).domains.compare({ domainA: archived.id, domainB: live.id, winner: 'a' })).rejects.toThrow(/archived/);
    expect((await t.rest('GET', `/api/ext/domains/names/${archived.id}`, { token: judge.token })).body).toMatchObject({ elo: 1200, comparisons: 0 });
  });

  it('offers unjudged pairs of others’ names, moves Elo once per user and pair, and ranks', async () => {
    const judge = await signUp(t);
    const own = await add(judge.token, { name: unique('own') });
    const a = await add(owner.token, { name: unique('pa') });
    const b = await add(owner.token, { name: unique('pb') });
    const pair = await t.rest('GET', '/api/ext/domains/pair', { token: judge.token });
    expect(pair.status).toBe(200);
    expect(pair.body.pair).toHaveLength(2);
    expect(pair.body.pair.map((d: { id: string }) => d.id)).not.toContain(own.id);
    const judged = await t.rest('POST', '/api/ext/domains/comparisons', { token: judge.token, body: { domainA: a.id, domainB: b.id, winner: 'a' } });
    expect(judged.status, JSON.stringify(judged.body)).toBe(201);
    expect(judged.body).toMatchObject({ eloA: { before: 1200, after: 1216 }, eloB: { before: 1200, after: 1184 } });
    const twice = await t.rest('POST', '/api/ext/domains/comparisons', { token: judge.token, body: { domainA: b.id, domainB: a.id, winner: 'a' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.reason).toBe('ALREADY_COMPARED');
    expect((await t.rest('POST', '/api/ext/domains/comparisons', { token: judge.token, body: { domainA: a.id, domainB: own.id, winner: 'b' } })).body.error.details.issues[0].path).toBe('body.domainB');
    expect((await t.rest('POST', '/api/ext/domains/comparisons', { token: judge.token, body: { domainA: a.id, domainB: a.id, winner: 'a' } })).status).toBe(400);
    const skipped = await t.caller({ token: judge.token }).domains.compare({ domainA: a.id, domainB: own.id === a.id ? b.id : (await add(owner.token, { name: unique('pc') })).id, winner: 'skip' });
    expect(skipped.eloA).toEqual({ before: 1216, after: 1216 });
    const history = await t.rest('GET', `/api/ext/domains/names/${a.id}/elo-history`, { token: judge.token });
    expect(history.body.items).toMatchObject([{ result: 'win', before: 1200, after: 1216, opponentId: b.id }]);

    const top = await t.rest('GET', '/api/ext/domains/leaderboard?by=elo&limit=1', { token: judge.token });
    expect(top.status).toBe(200);
    expect(top.body.items[0].rank).toBe(1);
    const all: Array<{ id: string; elo: number; rank: number }> = [];
    let cursor: string | null = null;
    do {
      const pageRes: { body: { items: typeof all; nextCursor: string | null } } = await t.rest('GET', `/api/ext/domains/leaderboard?by=elo&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: judge.token });
      all.push(...pageRes.body.items);
      cursor = pageRes.body.nextCursor;
    } while (cursor);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    expect(all.map((d) => d.elo)).toEqual([...all.map((d) => d.elo)].sort((x, y) => y - x));
    expect(all.find((d) => d.id === a.id)!.rank).toBeLessThan(all.find((d) => d.id === b.id)!.rank);
    const byVotes = await t.caller({ token: judge.token }).domains.leaderboard({ by: 'votes', limit: 100 });
    expect(byVotes.items.map((d) => d.score)).toEqual([...byVotes.items.map((d) => d.score)].sort((x, y) => y - x));
    expect((await t.rest('GET', '/api/ext/domains/leaderboard?cursor=garbage', { token: judge.token })).status).toBe(400);
    // A cursor of the Elo order is not a position in the votes order: refused, not a silently wrong page.
    const eloPage = await t.rest('GET', '/api/ext/domains/leaderboard?by=elo&limit=1', { token: judge.token });
    const crossed = await t.rest('GET', `/api/ext/domains/leaderboard?by=votes&cursor=${eloPage.body.nextCursor}`, { token: judge.token });
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.details.issues[0].path).toBe('query.cursor');
  });

  raceTest('applies parallel judgments of a pair to the latest ratings, and one per user', async () => {
    const a = await add(owner.token, { name: unique('ra') });
    const b = await add(owner.token, { name: unique('rb') });
    const judges = await Promise.all(Array.from({ length: 5 }, () => signUp(t)));
    const answers = await Promise.all(judges.map((j, i) => t.rest('POST', '/api/ext/domains/comparisons', { token: j.token, body: { domainA: a.id, domainB: b.id, winner: i % 2 ? 'b' : 'a' } })));
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(201));
    const rows = await t.db.knex('domains_domains').whereIn('id', [a.id, b.id]).select('elo', 'comparisons');
    expect(rows.reduce((sum, r) => sum + Number(r.elo), 0)).toBeCloseTo(2400, 6);
    expect(rows.map((r) => r.comparisons)).toEqual([5, 5]);
    // Each change starts where the one before ended.
    const history = await t.db.knex('domains_elo_history').where({ domain_id: a.id }).select('before', 'after');
    const befores = new Set(history.map((h) => Number(h.before)));
    expect(history.filter((h) => !befores.has(Number(h.after)))).toHaveLength(1);
    const same = judges[0]!;
    const c = await add(owner.token, { name: unique('rc') });
    const twice = await Promise.all(Array.from({ length: 4 }, () => t.rest('POST', '/api/ext/domains/comparisons', { token: same.token, body: { domainA: a.id, domainB: c.id, winner: 'a' } })));
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });
});
