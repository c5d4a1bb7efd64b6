// Regressions from the security review: hand-added cards in a cards deck (the member index), the
// export pseudonyms (keyed by a per-deck secret salt), and the CSV formula defusing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUp } from '../../../server/testing/factories';
import { csvCell } from './downloads';

let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp({ CALOS_SWIPER_SEED: 'fixes-seed' });
  owner = await signUp(t);
});
afterAll(async () => {
  await t.close();
});

const attributes = [{ key: 'city', values: [{ value: 'Lyon', weight: 1 }] }];

describe('hand-added cards', () => {
  it('adds many cards by hand to a cards deck, and still refuses a second join of a users deck with 409', async () => {
    const deck = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'd', kind: 'cards' } })).body;
    for (const name of ['a', 'b', 'c']) {
      const res = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name } } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.ownerId).toBe(owner.userId);
    }
    expect((await t.rest('GET', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token })).body.items).toHaveLength(3);

    const club = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'Club', kind: 'users' } })).body;
    const member = await signUp(t);
    expect((await t.rest('POST', `/api/ext/swiper/decks/${club.id}/join`, { token: member.token, body: {} })).status).toBe(201);
    const again = await t.rest('POST', `/api/ext/swiper/decks/${club.id}/join`, { token: member.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('ALREADY_JOINED');
    // Parallel joins: one card, the others a clean 409.
    const racer = await signUp(t);
    const results = await Promise.all([1, 2, 3].map(() => t.rest('POST', `/api/ext/swiper/decks/${club.id}/join`, { token: racer.token, body: {} })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await t.db.knex('swiper_cards').where({ deck_id: club.id, owner_id: racer.userId })).toHaveLength(1);
  });
});

describe('export pseudonyms', () => {
  it('are stable within a deck, differ across decks, and are not md5(deck:user)', async () => {
    const swiper = await signUp(t);
    const decks = [];
    for (const name of ['one', 'two']) {
      const res = await t.rest('POST', '/api/ext/swiper/decks/generate', { token: owner.token, body: { name, seed: name, count: 2, attributes } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      decks.push(res.body as { id: string });
    }
    const pseudonyms: string[][] = [];
    for (const deck of decks) {
      const cards = (await t.db.knex('swiper_cards').where({ deck_id: deck.id }).select('id')) as Array<{ id: string }>;
      for (const card of cards) {
        const res = await t.rest('POST', '/api/ext/swiper/swipes', { token: swiper.token, body: { cardId: card.id, direction: 'right' } });
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      }
      const json = await t.app.inject({ method: 'GET', url: `/api/ext/swiper/decks/${deck.id}/swipes.json`, headers: { authorization: `Bearer ${owner.token}` } });
      expect(json.statusCode).toBe(200);
      const rows = JSON.parse(json.body) as Array<{ swiper: string }>;
      expect(rows).toHaveLength(2);
      pseudonyms.push(rows.map((r) => r.swiper));
      const unsalted = createHash('md5').update(`${deck.id}:${swiper.userId}`).digest('hex').slice(0, 16);
      expect(rows[0]!.swiper).not.toBe(unsalted);
      expect(rows[0]!.swiper).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(pseudonyms[0]![0]).toBe(pseudonyms[0]![1]);
    expect(pseudonyms[1]![0]).toBe(pseudonyms[1]![1]);
    expect(pseudonyms[0]![0]).not.toBe(pseudonyms[1]![0]);
    // Each deck has its own salt.
    const salts = (await t.db.knex('swiper_decks').whereIn('id', decks.map((d) => d.id)).pluck('salt')) as string[];
    expect(new Set(salts).size).toBe(2);
  });
});

describe('CSV cells', () => {
  it('defuses a formula after leading spaces (NBSP included) and quotes a cell holding a semicolon', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell(' =HYPERLINK("http://x")')).toBe(`"' =HYPERLINK(""http://x"")"`);
    expect(csvCell('\u00a0+cmd')).toBe("'\u00a0+cmd");
    expect(csvCell('  \u00a0 @SUM(A1)')).toBe("'  \u00a0 @SUM(A1)");
    expect(csvCell('\u200b-2')).toBe("'\u200b-2");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('=a;b')).toBe(`"'=a;b"`);
    // Plain text stays as it is.
    expect(csvCell('Ana María')).toBe('Ana María');
    expect(csvCell(' a = b')).toBe(' a = b');
    expect(csvCell('2026-12-07T00:00:00.000Z')).toBe('2026-12-07T00:00:00.000Z');
  });

  it('applies in the export: a card named with a hidden formula comes out defused', async () => {
    const deck = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'csv', kind: 'cards' } })).body;
    const card = (await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name: '\u00a0=cmd|calc;x' } } })).body;
    const swiper = await signUp(t);
    expect((await t.rest('POST', '/api/ext/swiper/swipes', { token: swiper.token, body: { cardId: card.id, direction: 'left' } })).status).toBeLessThan(300);
    const csv = await t.app.inject({ method: 'GET', url: `/api/ext/swiper/decks/${deck.id}/swipes.csv`, headers: { authorization: `Bearer ${owner.token}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\r\n')[1]).toContain(`,"'\u00a0=cmd|calc;x",`);
  });
});
