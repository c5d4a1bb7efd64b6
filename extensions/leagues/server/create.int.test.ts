// Creating a league as the seed document writes it, `leagues.create({ game: 'chess', tier: 'bronze',
// startDate: '2025-11-01' })`, through both doors: a date alone is 00:00 UTC that day, the rest
// defaults (name, open format, 30 days, 64 players, K 32), a start in the past starts the league
// at once and players can still join it, and starts only an open league can take are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { operatorKey, signUp, signUpAdmin } from '../../../server/testing/factories';
import { kernelOf } from '../../../server/extensions/api';
import { startDueLeagues } from './service';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
let key: Awaited<ReturnType<typeof operatorKey>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  key = await operatorKey(t, ['leagues:manage']);
});
afterAll(async () => {
  await t.close();
});

const create = (body: Record<string, unknown>, token = key.secret) => t.rest('POST', '/api/leagues/create', { token, body });

describe('the seed’s leagues.create example', () => {
  it('creates and starts a league from a past date alone, with the defaults, and players still join it', async () => {
    const res = await create({ game: 'chess', tier: 'bronze', startDate: '2025-11-01' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Chess bronze league, November 2025',
      game: 'chess',
      tier: 'bronze',
      format: 'open',
      startDate: '2025-11-01T00:00:00.000Z',
      endDate: '2025-12-01T00:00:00.000Z',
      maxParticipants: 64,
      kFactor: 32,
      status: 'running',
      currentRound: 0,
      registrationOpen: true,
      participantCount: 0,
    });
    expect(res.body.startedAt).toEqual(expect.any(String));

    const player = await signUp(t);
    const joined = await t.rest('POST', '/api/leagues/register', { token: player.token, body: { leagueId: res.body.id } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect((await t.rest('GET', `/api/leagues/${res.body.id}`)).body.league).toMatchObject({ status: 'running', participantCount: 1 });
    // Started by the request itself: the start-date job finds nothing left to start.
    expect(await startDueLeagues(kernelOf(t, 'leagues'))).toBe(0);
  });

  it('keeps a future league open for registration, and takes a date alone or an instant with a zone for either date', async () => {
    const dateOnly = await create({ game: 'checkers', startDate: '2099-03-15' });
    expect(dateOnly.status, JSON.stringify(dateOnly.body)).toBe(201);
    expect(dateOnly.body).toMatchObject({
      name: 'Checkers open league, March 2099',
      tier: 'open',
      status: 'registration',
      startDate: '2099-03-15T00:00:00.000Z',
      endDate: '2099-04-14T00:00:00.000Z',
      startedAt: null,
    });

    const instants = await create({ game: 'tic-tac-toe', name: 'Evening cup', startDate: '2099-03-31T23:30:00-02:00', endDate: '2099-04-30', format: 'swiss', maxParticipants: 8, kFactor: 16 });
    expect(instants.status, JSON.stringify(instants.body)).toBe(201);
    expect(instants.body).toMatchObject({
      name: 'Evening cup',
      format: 'swiss',
      startDate: '2099-04-01T01:30:00.000Z',
      endDate: '2099-04-30T00:00:00.000Z',
      maxParticipants: 8,
      kFactor: 16,
      status: 'registration',
    });
    // The default name reads the month of the start in UTC, not of the offset it was written in.
    const named = await create({ game: 'chess', tier: 'gold', startDate: '2099-03-31T23:30:00-02:00' });
    expect(named.body.name).toBe('Chess gold league, April 2099');
  });

  it('refuses a past start for a format that needs its players first, and bad dates, naming the field', async () => {
    const before = Number((await t.db.knex('leagues').count({ n: '*' }).first())!.n);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ startDate: '2025-11-01', format: 'round_robin' }, 'body.startDate'],
      [{ startDate: new Date(Date.now() - 60_000).toISOString(), format: 'swiss' }, 'body.startDate'],
      [{ startDate: '2025-11-01', format: 'single_elimination' }, 'body.startDate'],
      [{ startDate: '2099-13-01' }, 'body.startDate'],
      [{ startDate: '2099-02-30' }, 'body.startDate'],
      [{ startDate: '2099-03-15T10:00:00' }, 'body.startDate'],
      [{ startDate: '15/03/2099' }, 'body.startDate'],
      [{ startDate: 20991101 }, 'body.startDate'],
      // Years where a default end or a later round would leave the calendar (found by an attack: it was a 500).
      [{ startDate: '9999-12-31', format: 'swiss' }, 'body.startDate'],
      [{ startDate: '9999-12-31T23:59:59Z', format: 'swiss' }, 'body.startDate'],
      [{ startDate: '0000-01-01', format: 'open' }, 'body.startDate'],
      [{ startDate: '2099-03-15', endDate: '9999-12-31' }, 'body.endDate'],
      [{}, 'body.startDate'],
      [{ startDate: '2099-03-15', endDate: '2099-03-15' }, 'body.endDate'],
      [{ startDate: '2099-03-15', endDate: '2099-03-14T23:59:59Z' }, 'body.endDate'],
      [{ startDate: '2099-03-15', endDate: 'later' }, 'body.endDate'],
      [{ startDate: '2099-03-15', name: '' }, 'body.name'],
      [{ startDate: '2099-03-15', format: 'round_robin', maxParticipants: 101 }, 'body.maxParticipants'],
    ];
    for (const [change, path] of cases) {
      const res = await create({ game: 'chess', ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path), JSON.stringify(res.body)).toContain(path);
    }
    expect(Number((await t.db.knex('leagues').count({ n: '*' }).first())!.n)).toBe(before);
  });

  it('does the same through tRPC', async () => {
    const league = await t.caller({ token: admin.token }).leagues.create({ game: 'chess', tier: 'bronze', startDate: '2025-11-01' });
    expect(league).toMatchObject({ name: 'Chess bronze league, November 2025', format: 'open', status: 'running', maxParticipants: 64, kFactor: 32 });
    expect(league.startDate).toEqual(new Date('2025-11-01T00:00:00Z'));
    expect(league.endDate).toEqual(new Date('2025-12-01T00:00:00Z'));
    await expect(t.caller({ token: admin.token }).leagues.create({ game: 'chess', startDate: '2025-11-01', format: 'swiss' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('documents the defaults and both date forms in the OpenAPI document', async () => {
    const doc = await t.rest('GET', '/api/openapi.json');
    const schema = doc.body.paths['/leagues/create'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['game', 'startDate']);
    expect(schema.properties.format.default).toBe('open');
    expect(schema.properties.maxParticipants.default).toBe(64);
    expect(schema.properties.kFactor.default).toBe(32);
    expect(schema.properties.startDate.anyOf.map((s: { format: string }) => s.format)).toEqual(['date', 'date-time']);
    expect(schema.properties.startDate.description).toContain('00:00 UTC');
    expect(schema.properties.endDate.description).toContain('30 days');
    expect(schema.properties.name.description).toContain('Chess bronze league, November 2025');
  });
});
