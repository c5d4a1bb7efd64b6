// Schedules through both doors (REST and the tRPC caller) on a real database: the seeded list, the
// open/closed check at given instants, aliases and ids, and the errors for bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness';
import { DomainError } from '../../errors';
import { evaluateSchedule } from './service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const check = (query: string) => t.rest('GET', `/api/schedule/check?${query}`);

describe('the seeded schedules', () => {
  it('are listed to anyone, by REST and tRPC', async () => {
    const rest = await t.rest('GET', '/api/schedule/list');
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual({
      items: [
        { code: 'always', name: 'Always available', kind: 'always', timezone: 'UTC' },
        { code: 'business_hours', name: 'Business hours (Mon–Fri 09:00–17:00 UTC)', kind: 'business_hours', timezone: 'UTC' },
        { code: 'nasdaq', name: 'NASDAQ trading hours', kind: 'exchange', timezone: 'America/New_York' },
        { code: 'nyse', name: 'NYSE trading hours', kind: 'exchange', timezone: 'America/New_York' },
      ],
    });
    expect(await t.caller().schedules.list()).toEqual(rest.body);
  });
});

describe('GET /api/schedule/check', () => {
  it('answers for an instant: open until 13:00 ET on the day after Thanksgiving 2026', async () => {
    const open = await check('schedule=nyse&at=2026-11-27T12:59:00-05:00');
    expect(open.status).toBe(200);
    expect(open.body).toEqual({
      open: true,
      at: '2026-11-27T17:59:00.000Z',
      reason: null,
      nextOpenAt: '2026-11-30T14:30:00.000Z',
      nextCloseAt: '2026-11-27T18:00:00.000Z',
    });
    const closed = await check('schedule=nasdaq&at=2026-11-27T18:00:00Z');
    expect(closed.body).toMatchObject({ open: false, reason: 'EARLY_CLOSE', nextOpenAt: '2026-11-30T14:30:00.000Z' });
  });

  it('names the holiday, and reads an offset with a plus sign', async () => {
    const res = await check(`schedule=nyse&at=${encodeURIComponent('2026-11-26T16:00:00+01:00')}`);
    expect(res.body).toEqual({
      open: false,
      at: '2026-11-26T15:00:00.000Z',
      reason: 'HOLIDAY: Thanksgiving Day',
      nextOpenAt: '2026-11-27T14:30:00.000Z',
      nextCloseAt: '2026-11-27T18:00:00.000Z',
    });
  });

  it('checks now when no instant is given', async () => {
    const before = Date.now();
    const res = await check('schedule=always');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ open: true, reason: null, nextOpenAt: null, nextCloseAt: null });
    const at = Date.parse(res.body.at);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('checks business hours in their zone', async () => {
    expect((await check('schedule=business_hours&at=2026-06-13T12:00:00Z')).body).toMatchObject({ open: false, reason: 'WEEKEND' });
    expect((await check('schedule=business_hours&at=2026-06-12T16:59:59Z')).body).toMatchObject({
      open: true,
      nextCloseAt: '2026-06-12T17:00:00.000Z',
      nextOpenAt: '2026-06-15T09:00:00.000Z',
    });
  });

  it('accepts the original codes and the schedule id', async () => {
    const { id } = await t.db.knex('schedules').where({ code: 'nyse' }).first('id');
    const at = '2026-06-13T12:00:00Z';
    const expected = (await check(`schedule=nyse&at=${at}`)).body;
    expect((await check(`schedule=nyse_trading_hours&at=${at}`)).body).toEqual(expected);
    expect((await check(`schedule=${id}&at=${at}`)).body).toEqual(expected);
    expect((await check('schedule=always_available')).body.open).toBe(true);
  });

  it('gives the tRPC caller the same answer, with Date objects', async () => {
    const result = await t.caller().schedules.check({ schedule: 'nyse', at: '2026-03-06T22:00:00Z' });
    expect(result).toEqual({
      open: false,
      at: new Date('2026-03-06T22:00:00Z'),
      reason: 'OUTSIDE_HOURS',
      nextOpenAt: new Date('2026-03-09T13:30:00Z'),
      nextCloseAt: new Date('2026-03-09T20:00:00Z'),
    });
  });
});

describe('bad input', () => {
  it('answers 404 for an unknown schedule on both doors', async () => {
    const res = await check('schedule=lse');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', details: { resource: 'schedule' } });
    const unknownId = await check('schedule=00000000-0000-4000-8000-000000000000');
    expect(unknownId.status).toBe(404);
    await expect(t.caller().schedules.check({ schedule: 'lse' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 400 naming query.at for an instant that is not ISO-8601 with a zone', async () => {
    for (const at of ['tomorrow', '2026-11-27', '2026-11-27T12:00:00', '2026-13-01T00:00:00Z']) {
      const res = await check(`schedule=nyse&at=${encodeURIComponent(at)}`);
      expect(res.status, at).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['query.at']);
    }
    await expect(t.caller().schedules.check({ schedule: 'nyse', at: 'tomorrow' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers 400 naming query.schedule when it is missing, and refuses unknown fields', async () => {
    const missing = await t.rest('GET', '/api/schedule/check');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe('query.schedule');
    const extra = await check('schedule=nyse&zone=UTC');
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.issues[0]).toEqual({ path: 'query.zone', message: 'is not a known field' });
  });
});

describe('evaluateSchedule', () => {
  it('evaluates a row without the database, for the actions engine', () => {
    const row = { kind: 'exchange', timezone: 'America/New_York', params: { exchange: 'NYSE' } };
    expect(evaluateSchedule(row, new Date('2025-01-09T15:00:00Z'))).toMatchObject({
      open: false,
      reason: 'HOLIDAY: National Day of Mourning for President Jimmy Carter',
      nextOpenAt: new Date('2025-01-10T14:30:00Z'),
    });
  });

  it('treats a row of an unknown kind or with bad params as a server fault, not a closed schedule', () => {
    expect(() => evaluateSchedule({ kind: 'lunar', timezone: 'UTC', params: {} }, new Date())).toThrow(/not registered/);
    expect(() => evaluateSchedule({ kind: 'exchange', timezone: 'UTC', params: { exchange: 'LSE' } }, new Date())).toThrow();
    expect(() => evaluateSchedule({ kind: 'exchange', timezone: 'UTC', params: { exchange: 'LSE' } }, new Date())).not.toThrow(DomainError);
  });
});

describe('OpenAPI', () => {
  it('documents both routes', async () => {
    const doc = (await t.rest('GET', '/api/openapi.json')).body;
    expect(doc.paths['/schedule/list']?.get).toBeDefined();
    const params = doc.paths['/schedule/check'].get.parameters.map((p: { name: string; in: string }) => `${p.in}.${p.name}`);
    expect(params.sort()).toEqual(['query.actionCode', 'query.at', 'query.schedule', 'query.userId']);
  });
});
