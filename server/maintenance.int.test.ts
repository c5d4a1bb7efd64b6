// Housekeeping prunes finished rate-limit windows, idempotency keys past 24 h and events past their
// retention, nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/harness';
import { pruneOldRows } from './maintenance';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('pruneOldRows', () => {
  it('removes windows over a day old and events past retention, keeping recent ones', async () => {
    const db = t.db.knex;
    await db('rate_limit_windows').insert([
      { key: 'old', attempts: 3, window_started_at: db.raw(`now() - interval '2 days'`) },
      { key: 'recent', attempts: 1, window_started_at: db.fn.now() },
    ]);
    await db('events').insert([
      { type: 'test.old', mode: 'live', data: '{}', created_at: db.raw(`now() - interval '40 days'`) },
      { type: 'test.recent', mode: 'live', data: '{}' },
    ]);
    const key = (name: string, age: string) => ({
      scope: 'user:x', key: name, procedure: 'skills.awardXp', fingerprint: 'f', state: 'done', claim_id: '00000000-0000-4000-8000-000000000000',
      created_at: db.raw(`now() - interval '${age}'`), locked_until: db.fn.now(),
    });
    await db('idempotency_keys').insert([key('stale', '25 hours'), key('fresh', '23 hours')]);
    expect(await pruneOldRows(db, 30)).toEqual({ windows: 1, events: 1, idempotencyKeys: 1 });
    expect(await db('idempotency_keys').pluck('key')).toEqual(['fresh']);
    expect(await db('rate_limit_windows').whereIn('key', ['old', 'recent']).pluck('key')).toEqual(['recent']);
    expect(await db('events').whereIn('type', ['test.old', 'test.recent']).pluck('type')).toEqual(['test.recent']);
  });
});
