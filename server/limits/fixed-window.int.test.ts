// Fixed windows: several keys hit and refunded in one statement count exactly like one at a time,
// including in parallel (the rows are taken in key order, so two such statements cannot deadlock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, raceTest } from '../testing/harness';
import type { Database } from '../db/index';
import { hitWindow, hitWindows, refundHits } from './fixed-window';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const attempts = async (key: string) => Number((await db.knex('rate_limit_windows').where({ key }).first('attempts'))?.attempts ?? 0);

describe('hitWindows and refundHits', () => {
  it('count one hit on each key, answered in the keys’ order, and take one back from each', async () => {
    await hitWindow(db.knex, 'multi:b', 60);
    const hits = await hitWindows(db.knex, ['multi:b', 'multi:a'], 60);
    expect(hits.map((h) => h.count)).toEqual([2, 1]);
    expect(hits.every((h) => h.resetSeconds > 0 && h.resetSeconds <= 60)).toBe(true);
    await refundHits(db.knex, ['multi:a', 'multi:b', 'multi:none']);
    expect([await attempts('multi:a'), await attempts('multi:b'), await attempts('multi:none')]).toEqual([0, 1, 0]);
    await refundHits(db.knex, ['multi:a']);
    expect(await attempts('multi:a')).toBe(0); // never below zero
  });

  raceTest('count every one of 40 parallel hits on two keys in either order, and every refund (PostgreSQL)', async () => {
    const keys = ['race:user', 'race:ip'];
    await Promise.all(Array.from({ length: 40 }, (_, i) => hitWindows(db.knex, i % 2 ? keys : [...keys].reverse(), 60)));
    expect([await attempts('race:user'), await attempts('race:ip')]).toEqual([40, 40]);
    await Promise.all(Array.from({ length: 25 }, (_, i) => refundHits(db.knex, i % 2 ? keys : [...keys].reverse())));
    expect([await attempts('race:user'), await attempts('race:ip')]).toEqual([15, 15]);
  });
});
