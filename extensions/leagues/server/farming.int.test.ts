// League results cannot be farmed: two colluding accounts reporting wins against each other in an
// open league gain Elo and XP for CALOS_LEAGUE_PAIR_RESULTS_PER_DAY results a day and no more, even
// in parallel on two instances; and the XP of any result, however recorded, goes through the game
// actions' daily limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKind, type TestApp } from '../../../server/testing/harness';
import { signUp, signUpAdmin } from '../../../server/testing/factories';
import { up as farmingMigration } from '../migrations/20261206000003_league_farming_limits';
import { GAME_ACTION_DAILY_LIMITS } from '../actions';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
});
afterAll(() => t.close());

const LIMIT = 5; // the default of CALOS_LEAGUE_PAIR_RESULTS_PER_DAY
const WIN_XP = 40; // win_chess
const PLAY_XP = 20; // play_chess

async function openLeague(n: number) {
  const league = await t.rest('POST', '/api/leagues/create', {
    token: admin.token,
    body: { game: 'chess', name: 'Open board', tier: 'bronze', startDate: new Date(Date.now() + 86_400_000).toISOString(), endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(), format: 'open', maxParticipants: 8 },
  });
  expect(league.status, JSON.stringify(league.body)).toBe(201);
  const players = await Promise.all(Array.from({ length: n }, () => signUp(t)));
  for (const p of players) expect((await t.rest('POST', '/api/leagues/register', { token: p.token, body: { leagueId: league.body.id } })).status).toBe(201);
  expect((await t.rest('POST', `/api/leagues/${league.body.id}/start`, { token: admin.token })).status).toBe(200);
  return { leagueId: league.body.id as string, players };
}

const record = (token: string, body: Record<string, unknown>, app = t) => app.rest('POST', '/api/leagues/match', { token, body });
const analyticsXp = async (userId: string) =>
  Number((await t.db.knex('user_skills as u').join('skills as s', 's.id', 'u.skill_id').where({ 'u.user_id': userId, 's.code': 'analytics', 'u.mode': 'live' }).first('u.xp'))?.xp ?? 0);
const rating = (userId: string) => t.db.knex('player_ratings').where({ user_id: userId, game: 'chess', mode: 'live' }).first('rating', 'games', 'wins');

describe('two accounts reporting results against each other', () => {
  it('gain Elo and XP for the per-pair limit of results in 24 hours, however long they loop', async () => {
    const { leagueId, players: [a, b] } = await openLeague(2);
    const win = { leagueId, playerA: a!.userId, playerB: b!.userId, result: 'a' };
    const statuses: string[] = [];
    for (let i = 0; i < 50; i++) {
      const report = await record(a!.token, win);
      const confirm = await record(b!.token, { leagueId, playerA: b!.userId, playerB: a!.userId, result: 'b' });
      statuses.push(`${report.status}/${report.body.match?.status ?? report.body.error.details.reason}`, `${confirm.status}/${confirm.body.match?.status ?? confirm.body.error.details.reason}`);
    }
    expect(statuses.slice(0, 2 * LIMIT)).toEqual(Array.from({ length: LIMIT }, () => ['201/pending', '201/completed']).flat());
    expect(new Set(statuses.slice(2 * LIMIT))).toEqual(new Set(['429/PAIR_LIMIT']));

    const refused = await record(a!.token, win);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'PAIR_LIMIT', limit: LIMIT } });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);

    expect(await rating(a!.userId)).toMatchObject({ games: LIMIT, wins: LIMIT });
    expect(await rating(b!.userId)).toMatchObject({ games: LIMIT, wins: 0 });
    expect(await t.db.knex('elo_history').where({ user_id: a!.userId })).toHaveLength(LIMIT);
    expect(await analyticsXp(a!.userId)).toBe(LIMIT * WIN_XP);
    expect(await analyticsXp(b!.userId)).toBe(LIMIT * PLAY_XP);
    const standings = await t.rest('GET', `/api/leagues/standings?leagueId=${leagueId}`);
    expect(standings.body.items.map((r: { played: number }) => r.played)).toEqual([LIMIT, LIMIT]);

    // Another pair in the same league, and the same pair through an operator, are not held back.
    const c = await signUp(t);
    await t.rest('POST', '/api/leagues/register', { token: c.token, body: { leagueId } });
    expect((await record(a!.token, { leagueId, playerA: a!.userId, playerB: c.userId, result: 'a' })).body.match.status).toBe('pending');
    expect((await record(admin.token, win)).body.match.status).toBe('completed');
  });

  it.runIf(dbKind() === 'postgres')('cannot pass the limit with parallel confirmations on two instances (PostgreSQL: they run concurrently)', async () => {
    const second = await createTestApp({}, { db: t.db });
    try {
      const { leagueId, players: [x, y] } = await openLeague(2);
      for (let i = 0; i < LIMIT - 1; i++) {
        await record(x!.token, { leagueId, playerA: x!.userId, playerB: y!.userId, result: 'a' });
        expect((await record(y!.token, { leagueId, playerA: x!.userId, playerB: y!.userId, result: 'a' })).body.match.status).toBe('completed');
      }
      await record(x!.token, { leagueId, playerA: x!.userId, playerB: y!.userId, result: 'a' });
      // One report waits for its confirmation; 20 arrive at once. Without the limit, the first would
      // complete the match and the others would each open or replace a new report (201).
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => record(y!.token, { leagueId, playerA: x!.userId, playerB: y!.userId, result: 'a' }, i % 2 ? second : t)),
      );
      const answers = results.map((r) => (r.status === 'fulfilled' ? `${r.value.status}/${r.value.body.match?.status ?? r.value.body.error.details.reason}` : 'rejected'));
      expect(answers.filter((s) => s === '201/completed')).toHaveLength(1);
      expect(answers.filter((s) => s === '429/PAIR_LIMIT')).toHaveLength(19);
      expect(await rating(x!.userId)).toMatchObject({ games: LIMIT, wins: LIMIT });
      expect(await analyticsXp(x!.userId)).toBe(LIMIT * WIN_XP);
    } finally {
      await second.close();
    }
  });
});

describe('the XP of a result', () => {
  it('stops at the game action’s daily limit; the result is still rated', async () => {
    const { leagueId, players: [p, q] } = await openLeague(2);
    // An operator is not limited per pair: 12 wins are recorded and rated.
    for (let i = 0; i < 12; i++) {
      expect((await record(admin.token, { leagueId, playerA: p!.userId, playerB: q!.userId, result: 'a' })).status).toBe(201);
    }
    expect(await rating(p!.userId)).toMatchObject({ games: 12, wins: 12 });
    expect(await analyticsXp(p!.userId)).toBe(GAME_ACTION_DAILY_LIMITS.win * WIN_XP);
    const log = await t.db.knex('user_action_log').where({ user_id: p!.userId, action_code: 'win_chess' }).select('status', 'failure_reason');
    expect(log.filter((l) => l.status === 'succeeded')).toHaveLength(GAME_ACTION_DAILY_LIMITS.win);
    expect(log.filter((l) => l.failure_reason === 'DAILY_LIMIT')).toHaveLength(12 - GAME_ACTION_DAILY_LIMITS.win);
    const actions = await t.rest('GET', '/api/actions?category=gaming');
    const limits = Object.fromEntries(actions.body.items.map((a: { code: string; dailyLimit: number | null }) => [a.code, a.dailyLimit]));
    expect(limits).toMatchObject({ win_chess: 10, play_chess: 20, win_checkers: 10, play_tic_tac_toe: 20 });
  });

  it('gets the same limits on a database seeded before them, keeping one an operator chose', async () => {
    await t.db.knex('action_definitions').whereIn('code', ['win_chess', 'play_checkers']).whereNull('mode').update({ daily_limit: null });
    await t.db.knex('action_definitions').where({ code: 'win_tic_tac_toe' }).whereNull('mode').update({ daily_limit: 3 });
    await t.db.knex.raw('DROP INDEX league_matches_open_pair_idx');
    await farmingMigration(t.db.knex);
    const rows = await t.db.knex('action_definitions').whereNull('mode').whereIn('code', ['win_chess', 'play_checkers', 'win_tic_tac_toe']).select('code', 'daily_limit');
    expect(Object.fromEntries(rows.map((r) => [r.code, r.daily_limit]))).toEqual({ win_chess: 10, play_checkers: 20, win_tic_tac_toe: 3 });
  });
});
