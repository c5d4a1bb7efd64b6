// Leagues end to end through both doors: permissions, bad input, registration and its capacity race,
// fixtures of each format, Elo after a match, duplicate and parallel results, players' two-step
// reports, standings tie-breaks, the leaderboard, a user's ratings, events and test mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../../server/testing/harness';
import { createApiKey, createApplication, developerWithKey, signUp } from '../../../server/testing/factories';
import { kernelOf } from '../../../server/extensions/api';
import { startDueLeagues } from './service';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUp(t);
  await t.db.knex('users').where({ id: admin.userId }).update({ role: 'admin' });
});
afterAll(async () => {
  await t.close();
});

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function createLeague(body: Record<string, unknown> = {}, token = admin.token) {
  const res = await t.rest('POST', '/api/leagues/create', {
    token,
    body: { game: 'chess', name: 'Autumn cup', tier: 'bronze', startDate: future(1), endDate: future(30), format: 'round_robin', maxParticipants: 8, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; format: string; mode: string };
}

async function players(n: number) {
  return Promise.all(Array.from({ length: n }, () => signUp(t)));
}

async function register(leagueId: string, token: string) {
  return t.rest('POST', '/api/leagues/register', { token, body: { leagueId } });
}

/** A started league with `n` players registered in order (p[0] is seed 1 while ratings are equal). */
async function startedLeague(n: number, body: Record<string, unknown> = {}) {
  const league = await createLeague({ maxParticipants: Math.max(n, 2), ...body });
  const ps = await players(n);
  for (const p of ps) expect((await register(league.id, p.token)).status).toBe(201);
  const started = await t.rest('POST', `/api/leagues/${league.id}/start`, { token: admin.token });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return { league, players: ps, fixtures: started.body.fixtures as Array<{ id: string; round: number; slot: number; playerA: string; playerB: string | null; status: string }> };
}

const record = (body: Record<string, unknown>, token = admin.token, headers?: Record<string, string>) =>
  t.rest('POST', '/api/leagues/match', { token, body, headers });

describe('games and permissions', () => {
  it('lists the three games with their XP', async () => {
    const res = await t.rest('GET', '/api/leagues/games');
    expect(res.status).toBe(200);
    expect(res.body.items.map((g: { code: string; xpPerGame: number }) => [g.code, g.xpPerGame])).toEqual([
      ['chess', 20], ['tic-tac-toe', 5], ['checkers', 15],
    ]);
  });

  it('lets an admin or a key with leagues:manage create a league, and nobody else', async () => {
    const user = await signUp(t);
    const body = { game: 'chess', name: 'x', startDate: future(1), endDate: future(2), format: 'open', maxParticipants: 4 };
    expect((await t.rest('POST', '/api/leagues/create', { body })).status).toBe(401);
    const forbidden = await t.rest('POST', '/api/leagues/create', { token: user.token, body });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.details.requiredScope).toBe('leagues:manage');

    const app = await createApplication(t, admin.token);
    const key = await createApiKey(t, admin.token, app.id, { scopes: ['leagues:manage'] });
    const byKey = await t.rest('POST', '/api/leagues/create', { token: key.secret, body });
    expect(byKey.status).toBe(201);
    expect(byKey.body).toMatchObject({ mode: 'live', tier: 'open', kFactor: 32, status: 'registration', registrationOpen: true });

    const wrongScope = await developerWithKey(t, { scopes: ['webhooks:manage'] });
    const refused = await t.rest('POST', '/api/leagues/create', { token: wrongScope.secret, body });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.requiredScope).toBe('leagues:manage');

    const league = await createLeague();
    expect((await t.rest('POST', `/api/leagues/${league.id}/start`, { token: user.token })).status).toBe(403);
    // The tRPC door holds the same rules.
    await expect(t.caller({ token: user.token }).leagues.create({ ...body, format: 'open' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const viaTrpc = await t.caller({ token: admin.token }).leagues.create({ ...body, format: 'open' });
    expect(viaTrpc).toMatchObject({ format: 'open', mode: 'live' });
    expect(viaTrpc.startDate).toBeInstanceOf(Date);
  });

  it('refuses bad input naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ game: 'go' }, 'body.game'],
      [{ format: 'ladder' }, 'body.format'],
      [{ endDate: future(0.5) , startDate: future(1) }, 'body.endDate'],
      [{ maxParticipants: 1 }, 'body.maxParticipants'],
      [{ maxParticipants: 500 }, 'body.maxParticipants'],
      [{ kFactor: 0 }, 'body.kFactor'],
      [{ startDate: 'tomorrow' }, 'body.startDate'],
      [{ extra: 1 }, 'body.extra'],
    ];
    for (const [change, path] of cases) {
      const res = await t.rest('POST', '/api/leagues/create', {
        token: admin.token,
        body: { game: 'chess', name: 'x', startDate: future(1), endDate: future(2), format: 'round_robin', maxParticipants: 4, ...change },
      });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path), JSON.stringify(res.body)).toContain(path);
    }
    const [p] = await players(1);
    const sameTwice = await record({ leagueId: '00000000-0000-4000-8000-000000000000', playerA: p!.userId, playerB: p!.userId, result: 'a' });
    expect(sameTwice.status).toBe(400);
    expect(sameTwice.body.error.details.issues[0].path).toBe('body.playerB');
    const badResult = await record({ leagueId: '00000000-0000-4000-8000-000000000000', playerA: p!.userId, playerB: admin.userId, result: 'white' });
    expect(badResult.body.error.details.issues[0].path).toBe('body.result');
    expect((await t.rest('GET', '/api/leagues/standings?leagueId=nope')).status).toBe(400);
    expect((await t.rest('GET', '/api/leagues/leaderboard?game=go')).body.error.details.issues[0].path).toBe('query.game');
    expect((await t.rest('GET', '/api/leagues/leaderboard?game=chess&cursor=xyz')).body.error.details.issues[0].path).toBe('query.cursor');
    expect((await t.rest('GET', '/api/leagues/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('registration', () => {
  it('answers 201, then 409 already in, full and started (but an open league stays open while it runs)', async () => {
    const league = await createLeague({ maxParticipants: 2 });
    const [a, b, c] = await players(3);
    const first = await register(league.id, a!.token);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ leagueId: league.id, userId: a!.userId, username: a!.account.username });
    const again = await register(league.id, a!.token);
    expect([again.status, again.body.error.details.reason]).toEqual([409, 'ALREADY_REGISTERED']);
    expect((await register(league.id, b!.token)).status).toBe(201);
    const full = await register(league.id, c!.token);
    expect([full.status, full.body.error.details.reason]).toEqual([409, 'LEAGUE_FULL']);

    const started = await createLeague({ maxParticipants: 4 });
    await register(started.id, a!.token);
    await register(started.id, b!.token);
    await t.rest('POST', `/api/leagues/${started.id}/start`, { token: admin.token });
    const late = await register(started.id, c!.token);
    expect([late.status, late.body.error.details.reason]).toEqual([409, 'LEAGUE_STARTED']);
    const twice = await t.rest('POST', `/api/leagues/${started.id}/start`, { token: admin.token });
    expect([twice.status, twice.body.error.details.reason]).toEqual([409, 'LEAGUE_STARTED']);

    const open = await createLeague({ format: 'open', maxParticipants: 4 });
    await register(open.id, a!.token);
    await t.rest('POST', `/api/leagues/${open.id}/start`, { token: admin.token });
    expect((await register(open.id, c!.token)).status).toBe(201);
  });

  it('closes registration at the start date even before the league is started', async () => {
    // Created for later, then its start date passes (a past start is refused at creation for this format).
    const league = await createLeague();
    await t.db.knex('leagues').where({ id: league.id }).update({ start_date: new Date(Date.now() - 1000) });
    const [a] = await players(1);
    const res = await register(league.id, a!.token);
    expect(res.body.error?.details.reason).toBe('LEAGUE_STARTED');
  });

  raceTest('holds capacity under 50 parallel registrations: exactly 10 get in', async () => {
    const league = await createLeague({ format: 'swiss', maxParticipants: 10 });
    const ps = await players(50);
    const results = await Promise.allSettled(ps.map((p) => register(league.id, p.token)));
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0));
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    const detail = await t.rest('GET', `/api/leagues/${league.id}`);
    expect(detail.body.league.participantCount).toBe(10);
    expect(detail.body.participants).toHaveLength(10);
  });

  it('lets a leagues:manage key register a named user, and refuses a user registering someone else', async () => {
    const league = await createLeague({ maxParticipants: 4 });
    const app = await createApplication(t, admin.token);
    const key = await createApiKey(t, admin.token, app.id, { scopes: ['leagues:manage'] });
    const [a, b] = await players(2);
    expect((await t.rest('POST', '/api/leagues/register', { token: key.secret, body: { leagueId: league.id, userId: a!.userId } })).status).toBe(201);
    const noUser = await t.rest('POST', '/api/leagues/register', { token: key.secret, body: { leagueId: league.id } });
    expect(noUser.body.error.details.issues[0].path).toBe('body.userId');
    const other = await t.rest('POST', '/api/leagues/register', { token: b!.token, body: { leagueId: league.id, userId: a!.userId } });
    expect(other.status).toBe(403);
  });
});

describe('fixtures', () => {
  it('round robin of 5: every pair exactly once over 5 rounds, one bye each, match.started per game', async () => {
    const { league, players: ps, fixtures } = await startedLeague(5);
    const games = fixtures.filter((f) => f.playerB);
    expect(games).toHaveLength(10);
    expect(new Set(games.map((f) => [f.playerA, f.playerB].sort().join())).size).toBe(10);
    const byes = fixtures.filter((f) => !f.playerB);
    expect(byes.map((f) => f.playerA).sort()).toEqual(ps.map((p) => p.userId).sort());
    expect(new Set(fixtures.map((f) => f.round))).toEqual(new Set([1, 2, 3, 4, 5]));
    const started = await t.db.knex('events').where({ type: 'match.started' }).whereRaw("data->>'leagueId' = ?", [league.id]).count<{ count: number }[]>('* as count');
    expect(Number(started[0]!.count)).toBe(10);
  });

  it('single elimination of 8 seeds 1v8, 4v5, 2v7, 3v6 and plays through to a champion', async () => {
    const { league, players: ps, fixtures } = await startedLeague(8, { format: 'single_elimination' });
    const seed = (userId: string | null) => ps.findIndex((p) => p.userId === userId) + 1;
    expect(fixtures.map((f) => [seed(f.playerA), seed(f.playerB)])).toEqual([[1, 8], [4, 5], [2, 7], [3, 6]]);
    // A knockout match needs a winner.
    const draw = await record({ leagueId: league.id, playerA: ps[0]!.userId, playerB: ps[7]!.userId, result: 'draw' });
    expect(draw.body.error.details.issues[0].path).toBe('body.result');
    // The lower seed wins every match.
    let round = fixtures;
    for (let r = 1; r <= 3; r++) {
      for (const f of round) {
        const res = await record({ leagueId: league.id, playerA: f.playerA, playerB: f.playerB, result: 'b' });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      const detail = await t.rest('GET', `/api/leagues/${league.id}`);
      round = detail.body.fixtures.filter((f: { round: number }) => f.round === r + 1);
      if (r === 1) expect(round.map((f) => [seed(f.playerA), seed(f.playerB)])).toEqual([[8, 5], [7, 6]]);
      if (r === 2) expect(round.map((f) => [seed(f.playerA), seed(f.playerB)])).toEqual([[5, 6]]);
      if (r === 3) {
        expect(round).toHaveLength(0);
        expect(detail.body.league.status).toBe('completed');
      }
    }
  });

  it('single elimination of 6 gives seeds 1 and 2 a bye', async () => {
    const { players: ps, fixtures } = await startedLeague(6, { format: 'single_elimination' });
    const seed = (userId: string | null) => (userId ? ps.findIndex((p) => p.userId === userId) + 1 : null);
    expect(fixtures.map((f) => [seed(f.playerA), seed(f.playerB), f.status])).toEqual([
      [1, null, 'bye'], [4, 5, 'scheduled'], [2, null, 'bye'], [3, 6, 'scheduled'],
    ]);
  });

  it('Swiss pairs the next round by score once a round completes, without rematches', async () => {
    const { league, fixtures } = await startedLeague(4, { format: 'swiss' });
    expect(fixtures).toHaveLength(2);
    for (const f of fixtures) expect((await record({ leagueId: league.id, playerA: f.playerA, playerB: f.playerB, result: 'a' })).status).toBe(201);
    const detail = await t.rest('GET', `/api/leagues/${league.id}`);
    const round2 = detail.body.fixtures.filter((f: { round: number }) => f.round === 2);
    const winners = fixtures.map((f) => f.playerA);
    expect(round2).toHaveLength(2);
    expect([round2[0].playerA, round2[0].playerB].sort()).toEqual([...winners].sort()); // the two winners meet
    const firstPairs = new Set(fixtures.map((f) => [f.playerA, f.playerB].sort().join()));
    for (const f of round2) expect(firstPairs.has([f.playerA, f.playerB].sort().join())).toBe(false);
    // A pair not paired this round is outside the fixtures.
    const outside = await record({ leagueId: league.id, playerA: fixtures[0]!.playerA, playerB: fixtures[0]!.playerB, result: 'a' });
    expect(outside.body.error.details.reason).toBe('ALREADY_RECORDED');
    const notPaired = await record({ leagueId: league.id, playerA: winners[0]!, playerB: fixtures[1]!.playerB, result: 'a' });
    expect([notPaired.status, notPaired.body.error.details.reason]).toEqual([409, 'NOT_A_FIXTURE']);
  });
});

describe('results and Elo', () => {
  it('updates both ratings by the contract formula, with history, leaderboard and match.completed', async () => {
    const { league, players: [a, b] } = await startedLeague(2);
    const res = await record({ leagueId: league.id, playerA: a!.userId, playerB: b!.userId, result: 'a', moves: ['e4', 'e5', 'Qh5', 'Nc6', 'Bc4', 'Nf6', 'Qxf7#'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.match).toMatchObject({ leagueId: league.id, playerA: a!.userId, playerB: b!.userId, result: 'a', status: 'completed' });
    expect(res.body.ratings).toEqual({
      a: { before: 1200, after: 1216, exact: { before: 1200, after: 1216 } },
      b: { before: 1200, after: 1184, exact: { before: 1200, after: 1184 } },
    });
    const elo = await t.rest('GET', `/api/leagues/elo/${a!.userId}`);
    expect(elo.body.items).toMatchObject([{ game: 'chess', rating: 1216, games: 1, wins: 1, peak: 1216 }]);
    expect(elo.body.items[0].history).toMatchObject([{ rating: 1216, matchId: res.body.match.id, leagueId: league.id }]);
    const history = await t.db.knex('elo_history').where({ match_id: res.body.match.id });
    expect(history).toHaveLength(2);
    const event = await t.db.knex('events').where({ type: 'match.completed' }).whereRaw("data->>'matchId' = ?", [res.body.match.id]).first();
    expect(event.data).toMatchObject({ result: 'a', ratings: { a: { before: 1200, after: 1216 }, b: { before: 1200, after: 1184 } } });
    expect(event.mode).toBe('live');

    // A second game in another league starts from the stored, unrounded ratings: 1216 v 1184,
    // E(B) = 1 / (1 + 10^(32/400)) = 0.454…; B wins with K 20: B = 1184 + 20·(1 − 0.45400…) .
    const second = await createLeague({ kFactor: 20, maxParticipants: 2 });
    await register(second.id, a!.token);
    await register(second.id, b!.token);
    await t.rest('POST', `/api/leagues/${second.id}/start`, { token: admin.token });
    const upset = await record({ leagueId: second.id, playerA: b!.userId, playerB: a!.userId, result: 'a' }); // B named first
    const eB = 1 / (1 + 10 ** ((1216 - 1184) / 400));
    expect(upset.body.ratings.a.exact.after).toBeCloseTo(1184 + 20 * (1 - eB), 10);
    expect(upset.body.ratings.b.exact.after).toBeCloseTo(1216 - 20 * (1 - eB), 10);
    expect(upset.body.ratings.a.after).toBe(Math.round(1184 + 20 * (1 - eB)));
    const stored = await t.db.knex('player_ratings').where({ user_id: b!.userId, game: 'chess', mode: 'live' }).first();
    expect(stored.rating).toBeCloseTo(1184 + 20 * (1 - eB), 10);
    expect(Number.isInteger(stored.rating)).toBe(false);
    expect(stored.peak).toBe(1200);

    // League completed (its one fixture played); standings agree.
    const standings = await t.rest('GET', `/api/leagues/standings?leagueId=${second.id}`);
    expect(standings.body.items.map((r: { userId: string; points: number }) => [r.userId, r.points])).toEqual([[b!.userId, 3], [a!.userId, 0]]);
  });

  it('refuses moves that do not end in the claimed result, naming body.moves', async () => {
    const { league, players: [a, b] } = await startedLeague(2, { game: 'tic-tac-toe' });
    const res = await record({ leagueId: league.id, playerA: a!.userId, playerB: b!.userId, result: 'b', moves: ['a1', 'a2', 'b1', 'b2', 'c1'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'body.moves', message: expect.stringContaining('player A') });
  });

  it('records a result once: a duplicate is 409', async () => {
    const { league, fixtures } = await startedLeague(4);
    const [f1] = fixtures.filter((f) => f.playerB);
    const body = { leagueId: league.id, playerA: f1!.playerA, playerB: f1!.playerB, result: 'draw' };
    expect((await record(body)).status).toBe(201);
    const dup = await record(body);
    expect([dup.status, dup.body.error.details.reason]).toEqual([409, 'ALREADY_RECORDED']);
  });

  raceTest('records a result once: of 20 parallel identical submissions exactly one succeeds', async () => {
    const { league, fixtures } = await startedLeague(4);
    const [, f2] = fixtures.filter((f) => f.playerB);
    const parallel = { leagueId: league.id, playerA: f2!.playerA, playerB: f2!.playerB, result: 'b' };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => record(parallel)));
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await t.db.knex('elo_history').whereIn('user_id', [f2!.playerA, f2!.playerB!])).toHaveLength(2);
    const rating = await t.db.knex('player_ratings').where({ user_id: f2!.playerB, game: 'chess' }).first();
    expect(rating).toMatchObject({ games: 1, rating: 1216 });
  });

  it('takes a result neither from an outsider nor for a player outside the league', async () => {
    const { league, fixtures } = await startedLeague(4);
    const f1 = fixtures.find((f) => f.playerB)!;
    const outsider = await signUp(t);
    const body = { leagueId: league.id, playerA: f1.playerA, playerB: f1.playerB, result: 'a' };
    const byOutsider = await record(body, outsider.token);
    expect([byOutsider.status, byOutsider.body.error.details.reason]).toEqual([403, 'NOT_A_PLAYER']);
    const notInLeague = await record({ ...body, playerB: outsider.userId });
    expect([notInLeague.status, notInLeague.body.error.details.reason]).toEqual([409, 'NOT_A_PARTICIPANT']);
    expect((await t.rest('POST', '/api/leagues/match', { body })).status).toBe(401);
  });
});

describe('players reporting a result', () => {
  it('keeps the first report pending, records on the matching second, refuses a dispute', async () => {
    const league = await createLeague({ format: 'round_robin', maxParticipants: 4 });
    const [a, b, c, d] = await players(4);
    for (const p of [a, b, c, d]) await register(league.id, p!.token);
    const started = await t.rest('POST', `/api/leagues/${league.id}/start`, { token: admin.token });
    const token = new Map([a, b, c, d].map((p) => [p!.userId, p!.token]));
    const [f1, f2] = (started.body.fixtures as Array<{ playerA: string; playerB: string }>).filter((f) => f.playerB);

    const first = await record({ leagueId: league.id, playerA: f1!.playerA, playerB: f1!.playerB, result: 'a' }, token.get(f1!.playerA));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ match: { status: 'pending', recordedAt: null }, ratings: null });
    // The opponent confirms, naming the players the other way round.
    const confirm = await record({ leagueId: league.id, playerA: f1!.playerB, playerB: f1!.playerA, result: 'b' }, token.get(f1!.playerB));
    expect(confirm.status).toBe(201);
    expect(confirm.body.match.status).toBe('completed');
    expect(confirm.body.ratings).toMatchObject({ a: { after: 1184 }, b: { after: 1216 } });

    // Through the tRPC door: a report, then a contradicting one.
    const callerA = t.caller({ token: token.get(f2!.playerA) });
    const callerB = t.caller({ token: token.get(f2!.playerB) });
    const pending = await callerA.leagues.recordMatch({ leagueId: league.id, playerA: f2!.playerA, playerB: f2!.playerB, result: 'draw' });
    expect(pending.match.status).toBe('pending');
    await expect(callerB.leagues.recordMatch({ leagueId: league.id, playerA: f2!.playerA, playerB: f2!.playerB, result: 'b' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { details: { reason: 'RESULT_DISPUTED' } },
    });
    // The first reporter corrects their report; the other confirms it.
    await callerA.leagues.recordMatch({ leagueId: league.id, playerA: f2!.playerA, playerB: f2!.playerB, result: 'b' });
    const done = await callerB.leagues.recordMatch({ leagueId: league.id, playerA: f2!.playerA, playerB: f2!.playerB, result: 'b' });
    expect(done.match.status).toBe('completed');
    expect(done.match.recordedAt).toBeInstanceOf(Date);
  });

  it('in an open league, any two participants play any number of games', async () => {
    const league = await createLeague({ format: 'open', game: 'checkers', maxParticipants: 3 });
    const [a, b] = await players(2);
    await register(league.id, a!.token);
    await register(league.id, b!.token);
    const notRunning = await record({ leagueId: league.id, playerA: a!.userId, playerB: b!.userId, result: 'a' });
    expect(notRunning.body.error.details.reason).toBe('LEAGUE_NOT_RUNNING');
    await t.rest('POST', `/api/leagues/${league.id}/start`, { token: admin.token });
    for (let i = 0; i < 3; i++) expect((await record({ leagueId: league.id, playerA: a!.userId, playerB: b!.userId, result: 'a' })).status).toBe(201);
    const first = await record({ leagueId: league.id, playerA: b!.userId, playerB: a!.userId, result: 'draw' }, b!.token);
    expect(first.body.match.status).toBe('pending');
    expect((await record({ leagueId: league.id, playerA: a!.userId, playerB: b!.userId, result: 'draw' }, a!.token)).body.match.status).toBe('completed');
    const standings = await t.rest('GET', `/api/leagues/standings?leagueId=${league.id}`);
    expect(standings.body.items.map((r: { played: number; points: number }) => [r.played, r.points])).toEqual([[4, 10], [4, 1]]);
  });
});

describe('standings and leaderboards', () => {
  it('breaks a tie by head to head before Sonneborn–Berger (round robin of 4)', async () => {
    const { league, players: ps, fixtures } = await startedLeague(4);
    const [L, C, A, B] = ps.map((p) => p.userId);
    // L beats A and C, loses to B; C beats A and B; A beats B. L and C on 6, A and B on 3;
    // B's SB (beat L: 6) is higher than A's (beat B: 3), but A won their game.
    const winners: Array<[string, string]> = [[A!, B!], [L!, A!], [B!, L!], [L!, C!], [C!, A!], [C!, B!]];
    for (const [winner, loser] of winners) {
      const f = fixtures.find((x) => [x.playerA, x.playerB].sort().join() === [winner, loser].sort().join())!;
      const res = await record({ leagueId: league.id, playerA: winner, playerB: loser, result: 'a' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(f).toBeDefined();
    }
    const res = await t.rest('GET', `/api/leagues/standings?leagueId=${league.id}`);
    expect(res.body.items.map((r: { rank: number; userId: string; points: number }) => [r.rank, r.userId, r.points])).toEqual([
      [1, L, 6], [2, C, 6], [3, A, 3], [4, B, 3],
    ]);
    const rowB = res.body.items[3];
    expect(rowB).toMatchObject({ played: 3, won: 1, lost: 2, drawn: 0, tieBreaks: { headToHead: 0, sonnebornBerger: 6 } });
    expect((await t.rest('GET', `/api/leagues/${league.id}`)).body.league.status).toBe('completed');
    // The same through tRPC.
    const viaTrpc = await t.caller().leagues.standings({ leagueId: league.id });
    expect(viaTrpc.items.map((r) => r.userId)).toEqual([L, C, A, B]);
  });

  it('pages the tic-tac-toe leaderboard by keyset, ranks continuing across pages', async () => {
    const { league, players: ps } = await startedLeague(4, { game: 'tic-tac-toe', format: 'open' });
    await record({ leagueId: league.id, playerA: ps[0]!.userId, playerB: ps[1]!.userId, result: 'a' });
    await record({ leagueId: league.id, playerA: ps[2]!.userId, playerB: ps[3]!.userId, result: 'draw' });
    const page1 = await t.rest('GET', '/api/leagues/leaderboard?game=tic-tac-toe&limit=2');
    const page2 = await t.rest('GET', `/api/leagues/leaderboard?game=tic-tac-toe&limit=2&cursor=${page1.body.nextCursor}`);
    const all = [...page1.body.items, ...page2.body.items];
    expect(all.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(all[0]).toMatchObject({ userId: ps[0]!.userId, rating: 1216, games: 1, username: ps[0]!.account.username });
    expect(all.at(-1)).toMatchObject({ userId: ps[1]!.userId, rating: 1184 });
    expect(page2.body.nextCursor).toBeNull();
    const viaTrpc = await t.caller().leagues.leaderboard({ game: 'tic-tac-toe', limit: 100 });
    expect(viaTrpc.items).toHaveLength(4);
  });
});

describe('test mode', () => {
  it('keeps test leagues and ratings apart from live ones', async () => {
    const dev = await developerWithKey(t, { mode: 'test', scopes: ['leagues:manage'] });
    const league = await createLeague({ format: 'open', game: 'tic-tac-toe' }, dev.secret);
    expect(league.mode).toBe('test');
    const [a, b] = await players(2);
    // A live user cannot see a test league; the test key registers players into it.
    expect((await register(league.id, a!.token)).status).toBe(404);
    for (const p of [a, b]) {
      expect((await t.rest('POST', '/api/leagues/register', { token: dev.secret, body: { leagueId: league.id, userId: p!.userId } })).status).toBe(201);
    }
    await t.rest('POST', `/api/leagues/${league.id}/start`, { token: dev.secret });
    const res = await record({ leagueId: league.id, playerA: a!.userId, playerB: b!.userId, result: 'a' }, dev.secret);
    expect(res.status).toBe(201);
    expect((await t.rest('GET', `/api/leagues/elo/${a!.userId}`)).body.items).toEqual([]);
    const board = await t.rest('GET', '/api/leagues/leaderboard?game=tic-tac-toe');
    expect(board.body.items.map((r: { userId: string }) => r.userId)).not.toContain(a!.userId);
    const event = await t.db.knex('events').where({ type: 'match.completed' }).whereRaw("data->>'matchId' = ?", [res.body.match.id]).first();
    expect(event.mode).toBe('test');
    // And the live key of an administrator cannot act on it.
    const app = await createApplication(t, admin.token);
    const liveKey = await createApiKey(t, admin.token, app.id, { scopes: ['leagues:manage'] });
    expect((await t.rest('POST', `/api/leagues/${league.id}/start`, { token: liveKey.secret })).status).toBe(404);
    const list = await t.rest('GET', '/api/leagues?limit=100');
    expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(league.id);
  });
});

it('documents every league route in the OpenAPI document', async () => {
  const doc = await t.rest('GET', '/api/openapi.json');
  expect(doc.status).toBe(200);
  for (const path of ['/leagues/games', '/leagues/create', '/leagues/register', '/leagues/{leagueId}/start', '/leagues/match', '/leagues/standings', '/leagues/leaderboard', '/leagues/elo/{userId}']) {
    expect(Object.keys(doc.body.paths), path).toContain(path);
  }
});

describe('the start date', () => {
  it('starts a league whose start date has passed, with its fixtures, once', async () => {
    const league = await createLeague({ format: 'round_robin', maxParticipants: 4 });
    const ps = await players(4);
    for (const p of ps) expect((await t.rest('POST', '/api/leagues/register', { token: p.token, body: { leagueId: league.id } })).status).toBe(201);
    await t.db.knex('leagues').where({ id: league.id }).update({ start_date: new Date(Date.now() - 1000) });
    expect(await startDueLeagues(kernelOf(t, 'leagues'))).toBe(1);
    const started = await t.rest('GET', `/api/leagues/${league.id}`);
    expect(started.body.league.status).toBe('running');
    expect(started.body.fixtures).toHaveLength(6);
    expect(await startDueLeagues(kernelOf(t, 'leagues'))).toBe(0);
    const late = await signUp(t);
    expect((await t.rest('POST', '/api/leagues/register', { token: late.token, body: { leagueId: league.id } })).status).toBe(409);
  });
});
