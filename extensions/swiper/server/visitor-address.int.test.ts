// The per-address daily budget for anonymous widget visitors: visitorId is the client's own choice,
// so fresh ids from one address stop at ADDRESS_VISITORS visitors' worth of swipes a day, per
// application; another address is not affected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { createApplication, signUp } from '../../../server/testing/factories';
import { ADDRESS_VISITORS } from './swipes';

const ORIGIN = 'http://localhost:5105';
const DAILY = 2;
let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp({ CALOS_SWIPER_VISITOR_DAILY_SWIPES: String(DAILY) });
  owner = await signUp(t);
});
afterAll(async () => {
  await t.close();
});

describe('visitor swipes per address', () => {
  it('stops fresh visitorIds from one address at the address budget, with 429 RATE_LIMITED', async () => {
    const deck = (await t.rest('POST', '/api/ext/swiper/decks/generate', { token: owner.token, body: { name: 'G', seed: 's', count: DAILY, attributes: [{ key: 'k', values: [{ value: 'v', weight: 1 }] }] } })).body;
    const cards = (await t.db.knex('swiper_cards').where({ deck_id: deck.id }).pluck('id')) as string[];
    const app = await createApplication(t, owner.token, 'Site');
    const key = (await t.rest('POST', `/api/apps/${app.id}/publishable-keys`, { token: owner.token, body: { name: 'site', mode: 'live', allowedOrigins: [ORIGIN] } })).body.key as string;
    const swipe = (visitorId: string, cardId: string, remoteAddress = '203.0.113.7') =>
      t.app.inject({ method: 'POST', url: '/api/ext/swiper/swipes', remoteAddress, headers: { authorization: `Bearer ${key}`, origin: ORIGIN }, payload: { cardId, direction: 'left', visitorId } });

    // Each visitor uses its own daily budget; together they reach the address's.
    for (let v = 0; v < ADDRESS_VISITORS; v++) {
      for (const card of cards) expect((await swipe(`visitor-${v}`, card)).statusCode).toBe(201);
    }
    const refused = await swipe('visitor-fresh', cards[0]!);
    expect(refused.statusCode).toBe(429);
    const body = JSON.parse(refused.body);
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await t.db.knex('swiper_swipes').where({ deck_id: deck.id }).count({ n: '*' }).then((r) => Number(r[0]!.n))).toBe(ADDRESS_VISITORS * DAILY);
    // Another address (and another /64 for IPv6) still swipes.
    expect((await swipe('visitor-fresh', cards[0]!, '198.51.100.9')).statusCode).toBe(201);
    expect((await swipe('visitor-v6', cards[0]!, '2001:db8:1:2::5')).statusCode).toBe(201);
  });
});
