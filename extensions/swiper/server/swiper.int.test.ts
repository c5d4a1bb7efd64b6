// The swiper end to end through both doors: decks and the generator, seeded draws without
// replacement and new passes, swipes as actions (idempotent, XP, daily limit), matches (mutual and
// like back), blocks and reports, analytics and the streamed exports, and the publishable key
// (origins, CORS preflight, visitors, test mode, refusals).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, raceTest, type TestApp } from '../../../server/testing/harness';
import { createApplication, signUp } from '../../../server/testing/factories';
import { drawWithoutReplacement, randomSource } from './sampler';

const SEED = 'swiper-test-seed';
const ORIGIN = 'http://localhost:5105';
let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp({ CALOS_SWIPER_SEED: SEED, CALOS_SWIPER_VISITOR_DAILY_SWIPES: '30' });
  owner = await signUp(t);
});
afterAll(async () => {
  await t.close();
});

const attributes = [
  { key: 'city', values: [{ value: 'Lyon', weight: 3 }, { value: 'Paris', weight: 1 }] },
  { key: 'hobby', values: [{ value: 'chess', weight: 1 }, { value: 'music', weight: 1 }] },
];

async function generated(count = 6, token = owner.token) {
  const res = await t.rest('POST', '/api/ext/swiper/decks/generate', { token, body: { name: 'Generated', seed: 'g1', count, attributes } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; cards: number; synthetic: boolean };
}

const swipe = (token: string, cardId: string, direction: string, headers?: Record<string, string>) =>
  t.rest('POST', '/api/ext/swiper/swipes', { token, body: { cardId, direction }, headers });

async function cardIds(deckId: string) {
  return ((await t.db.knex('swiper_cards').where({ deck_id: deckId }).orderBy('id').select('id', 'weight')) as Array<{ id: string; weight: number }>).map((c) => ({ id: c.id, weight: Number(c.weight) }));
}

describe('decks and the generator', () => {
  it('generates a synthetic deck, the same on both doors, and names bad fields', async () => {
    const deck = await generated(5);
    expect(deck).toMatchObject({ cards: 5, synthetic: true });
    const viaTrpc = await t.caller({ token: owner.token }).swiper.generateDeck({ name: 'Generated', seed: 'g1', count: 5, attributes });
    const profiles = async (id: string) => (await t.caller({ token: owner.token }).swiper.cards({ deckId: id, limit: 100 })).items.map((c) => c.profile).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(await profiles(viaTrpc.id)).toEqual(await profiles(deck.id));

    const zero = await t.rest('POST', '/api/ext/swiper/decks/generate', { token: owner.token, body: { name: 'x', seed: 's', count: 0 } });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.issues[0].path).toBe('body.count');
    const twice = await t.rest('POST', '/api/ext/swiper/decks/generate', { token: owner.token, body: { name: 'x', seed: 's', count: 1, attributes: [attributes[0], attributes[0]] } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/attributes\.1\.key/);
    const anonymous = await t.rest('POST', '/api/ext/swiper/decks/generate', { body: { name: 'x', seed: 's', count: 1 } });
    expect(anonymous.status).toBe(401);
  });

  it('adds weighted cards to a cards deck, only its owner, and validates profiles', async () => {
    const deck = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'Mine' } })).body;
    const card = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name: 'Zoë 🌸', attributes: { age: 30 } }, weight: 2.5 } });
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    expect(card.body).toMatchObject({ weight: 2.5, ownerId: owner.userId, profile: { name: 'Zoë 🌸', attributes: { age: 30 } } });
    const other = await signUp(t);
    expect((await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: other.token, body: { profile: { name: 'x' } } })).status).toBe(404);
    const badPicture = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name: 'x', picture: 'javascript:alert(1)' } } });
    expect(badPicture.status).toBe(400);
    expect(badPicture.body.error.details.issues[0].path).toBe('body.profile.picture');
    const badWeight = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name: 'x' }, weight: 0 } });
    expect(badWeight.body.error.details.issues[0].path).toBe('body.weight');
    const nested = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name: 'x', attributes: { a: { b: 1 } } } } });
    expect(nested.status).toBe(400);
    expect((await t.rest('GET', `/api/ext/swiper/decks/${deck.id}`, { token: other.token })).body.cards).toBe(1);
  });
});

describe('removing cards and leaving', () => {
  it("lets the deck's owner remove a card and a member leave and rejoin a users deck", async () => {
    const deck = await generated(2);
    const [card] = await cardIds(deck.id);
    const stranger = await signUp(t);
    expect((await t.rest('DELETE', `/api/ext/swiper/cards/${card!.id}`, { token: stranger.token })).status).toBe(404);
    expect((await t.rest('DELETE', `/api/ext/swiper/cards/${card!.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.rest('GET', `/api/ext/swiper/decks/${deck.id}`, { token: owner.token })).body.cards).toBe(1);
    expect((await swipe(stranger.token, card!.id, 'right')).status).toBe(404);

    const members = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'Club', kind: 'users' } })).body;
    const joined = (await t.rest('POST', `/api/ext/swiper/decks/${members.id}/join`, { token: stranger.token, body: { attributes: { city: 'Lyon' } } })).body;
    expect((await t.rest('DELETE', `/api/ext/swiper/cards/${joined.id}`, { token: stranger.token })).status).toBe(204);
    const again = await t.rest('POST', `/api/ext/swiper/decks/${members.id}/join`, { token: stranger.token, body: { attributes: { city: 'Paris' } } });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: joined.id, active: true, profile: { attributes: { city: 'Paris' } } });
    expect((await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/join`, { token: stranger.token, body: {} })).body.error.details.reason).toBe('NOT_A_USERS_DECK');
    expect((await t.rest('POST', `/api/ext/swiper/decks/${members.id}/cards`, { token: owner.token, body: { profile: { name: 'x' } } })).body.error.details.reason).toBe('USERS_DECK');
  });
});

describe('drawing', () => {
  it('draws by the seeded weighted order, without replacement, pending first, then a new pass', async () => {
    const deck = await generated(5);
    const user = await signUp(t);
    const cards = await cardIds(deck.id);
    const expected = drawWithoutReplacement(cards, 5, randomSource(SEED, [deck.id, 'live', user.userId, 1, 0])).map((c) => c.id);

    const first = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: user.token, body: { count: 5 } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.pass).toBe(1);
    expect(first.body.cards.map((c: { id: string }) => c.id)).toEqual(expected);
    // Not swiped yet: the same cards come back, in the same order (tRPC door).
    const again = await t.caller({ token: user.token }).swiper.draw({ deckId: deck.id, count: 2 });
    expect(again.cards.map((c) => c.id)).toEqual(expected.slice(0, 2));
    for (const id of expected) expect((await swipe(user.token, id, 'left')).status).toBe(201);
    const next = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: user.token, body: { count: 5 } });
    expect(next.body.pass).toBe(2);
    expect(new Set(next.body.cards.map((c: { id: string }) => c.id)).size).toBe(5);
    // In pass 2 the card may be swiped again, once.
    expect((await swipe(user.token, expected[0]!, 'right')).body).toMatchObject({ pass: 2, replayed: false });
  });

  it('never hands the same card twice in a pass, one card at a time', async () => {
    const deck = await generated(6);
    const user = await signUp(t);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: user.token, body: {} });
      const id = res.body.cards[0].id as string;
      seen.push(id);
      await swipe(user.token, id, 'left');
    }
    expect(new Set(seen).size).toBe(6);
  });

  it('answers 404 for an unknown deck and 400 for a bad count', async () => {
    expect((await t.rest('POST', `/api/ext/swiper/decks/00000000-0000-4000-8000-000000000000/draw`, { token: owner.token, body: {} })).status).toBe(404);
    const deck = await generated(1);
    const bad = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: owner.token, body: { count: 21 } });
    expect(bad.body.error.details.issues[0].path).toBe('body.count');
  });
});

describe('swipes', () => {
  it('is idempotent per user, card and pass; runs the action once; another direction is 409', async () => {
    const deck = await generated(3);
    const user = await signUp(t);
    const [card] = await cardIds(deck.id);
    const first = await swipe(user.token, card!.id, 'right');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ direction: 'right', replayed: false, xpAwarded: 1, match: null, pass: 1 });
    const replay = await swipe(user.token, card!.id, 'right');
    expect(replay.body).toMatchObject({ id: first.body.id, replayed: true, xpAwarded: 0 });
    const other = await swipe(user.token, card!.id, 'left');
    expect(other.status).toBe(409);
    expect(other.body.error.details).toMatchObject({ reason: 'ALREADY_SWIPED', direction: 'right' });
    const executions = await t.db.knex('user_action_log').where({ user_id: user.userId }).whereNull('failure_reason').count({ n: '*' });
    expect(Number(executions[0]!.n)).toBe(1);
    const events = await t.db.knex('events').where({ type: 'swipe.recorded' }).whereRaw("data->>'swipeId' = ?", [first.body.id]);
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ cardId: card!.id, userId: user.userId, direction: 'right', pass: 1 });
  });

  it('answers the same on the tRPC door: a swipe, its replay, the conflict, matches and analytics', async () => {
    const deck = await generated(2);
    const user = await signUp(t);
    const [card] = await cardIds(deck.id);
    const caller = t.caller({ token: user.token });
    const first = await caller.swiper.swipe({ cardId: card!.id, direction: 'super' });
    expect(first).toMatchObject({ replayed: false, xpAwarded: 3, direction: 'super' });
    expect(await caller.swiper.swipe({ cardId: card!.id, direction: 'super' })).toMatchObject({ id: first.id, replayed: true });
    await expect(caller.swiper.swipe({ cardId: card!.id, direction: 'left' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller.swiper.matches({ limit: 5 })).items).toEqual([]);
    const viaTrpc = await t.caller({ token: owner.token }).swiper.analytics({ deckId: deck.id, days: 1 });
    const viaRest = (await t.rest('GET', `/api/ext/swiper/decks/${deck.id}/analytics?days=1`, { token: owner.token })).body;
    expect(viaTrpc.totals).toEqual(viaRest.totals);
    expect(viaTrpc.totals).toMatchObject({ swipes: 1, super: 1 });
    await expect(caller.swiper.analytics({ deckId: deck.id, days: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies the super_swipe daily limit: the sixth super like is 429 and leaves no swipe', async () => {
    const deck = await generated(7);
    const user = await signUp(t);
    const cards = await cardIds(deck.id);
    for (const card of cards.slice(0, 5)) expect((await swipe(user.token, card.id, 'super')).body.xpAwarded).toBe(3);
    const sixth = await swipe(user.token, cards[5]!.id, 'super');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('DAILY_LIMIT');
    expect(await t.db.knex('swiper_swipes').where({ card_id: cards[5]!.id })).toHaveLength(0);
    // A plain like still works.
    expect((await swipe(user.token, cards[5]!.id, 'right')).status).toBe(201);
  });

  it('refuses bad directions, unknown cards and your own card', async () => {
    const deck = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'Own' } })).body;
    const card = (await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name: 'me' } } })).body;
    expect((await swipe(owner.token, card.id, 'up')).body.error.details.issues[0].path).toBe('body.direction');
    expect((await swipe(owner.token, '00000000-0000-4000-8000-000000000000', 'left')).status).toBe(404);
    const own = await swipe(owner.token, card.id, 'right');
    expect(own.status).toBe(400);
    expect(own.body.error.details.issues[0].path).toBe('body.cardId');
  });
});

describe('matches, blocks and reports', () => {
  it('matches two users who like each other in a users deck, once, with match.created', async () => {
    const deck = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'Members', kind: 'users' } })).body;
    const [a, b] = [await signUp(t), await signUp(t)];
    const cardA = (await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/join`, { token: a.token, body: { attributes: { city: 'Lyon' } } })).body;
    const cardB = (await t.caller({ token: b.token }).swiper.join({ deckId: deck.id, attributes: {} }));
    expect(cardA.profile.name).toBe(a.account.username);
    expect((await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/join`, { token: a.token, body: {} })).status).toBe(409);
    // A's own card is never drawn for A.
    const drawn = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: a.token, body: { count: 5 } });
    expect(drawn.body.cards.map((c: { id: string }) => c.id)).toEqual([cardB.id]);

    expect((await swipe(a.token, cardB.id, 'right')).body.match).toBeNull();
    const liked = await swipe(b.token, cardA.id, 'super');
    expect(liked.body.match).toMatchObject({ userId: a.userId });
    const list = (await t.rest('GET', '/api/ext/swiper/matches', { token: a.token })).body;
    expect(list.items).toEqual([expect.objectContaining({ id: liked.body.match.id, userId: b.userId, username: b.account.username, kind: 'mutual' })]);
    const events = await t.db.knex('events').where({ type: 'match.created' }).whereRaw("data->>'matchId' = ?", [liked.body.match.id]);
    expect(events).toHaveLength(1);

    // Blocking ends the match, and neither sees the other's card again.
    expect((await t.rest('POST', '/api/ext/swiper/blocks', { token: a.token, body: { userId: b.userId } })).status).toBe(204);
    expect((await t.rest('GET', '/api/ext/swiper/matches', { token: b.token })).body.items).toEqual([]);
    const afterBlock = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: b.token, body: { count: 5 } });
    expect(afterBlock.body.cards).toEqual([]);
    expect((await swipe(b.token, cardA.id, 'right')).status).toBe(404);
    expect((await t.rest('POST', '/api/ext/swiper/blocks', { token: a.token, body: { userId: a.userId } })).status).toBe(400);
  });

  it("matches when a card's owner likes back someone who liked it", async () => {
    const deck = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: 'Owner cards' } })).body;
    const card = (await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/cards`, { token: owner.token, body: { profile: { name: 'Owner' } } })).body;
    const [fan, passer] = [await signUp(t), await signUp(t)];
    await swipe(fan.token, card.id, 'right');
    await swipe(passer.token, card.id, 'left');
    const likes = await t.rest('GET', `/api/ext/swiper/cards/${card.id}/likes`, { token: owner.token });
    expect(likes.body.items.map((l: { userId: string }) => l.userId)).toEqual([fan.userId]);
    expect((await t.rest('GET', `/api/ext/swiper/cards/${card.id}/likes`, { token: fan.token })).status).toBe(404);
    const match = await t.rest('POST', `/api/ext/swiper/cards/${card.id}/like-back`, { token: owner.token, body: { userId: fan.userId } });
    expect(match.status).toBe(201);
    expect(match.body).toMatchObject({ userId: fan.userId, kind: 'like_back' });
    const again = await t.rest('POST', `/api/ext/swiper/cards/${card.id}/like-back`, { token: owner.token, body: { userId: fan.userId } });
    expect(again.body.id).toBe(match.body.id);
    expect((await t.rest('POST', `/api/ext/swiper/cards/${card.id}/like-back`, { token: owner.token, body: { userId: passer.userId } })).status).toBe(404);
    expect((await t.rest('POST', `/api/ext/swiper/cards/${card.id}/like-back`, { token: fan.token, body: { userId: owner.userId } })).status).toBe(404);
  });

  it('takes a report once and hides the card from the reporter', async () => {
    const deck = await generated(2);
    const user = await signUp(t);
    const [card] = await cardIds(deck.id);
    const report = await t.rest('POST', '/api/ext/swiper/reports', { token: user.token, body: { cardId: card!.id, reason: 'fake' } });
    expect(report.status).toBe(201);
    expect((await t.rest('POST', '/api/ext/swiper/reports', { token: user.token, body: { cardId: card!.id, reason: 'spam' } })).status).toBe(409);
    const drawn = await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: user.token, body: { count: 5 } });
    expect(drawn.body.cards.map((c: { id: string }) => c.id)).not.toContain(card!.id);
  });
});

describe('analytics and exports', () => {
  it('counts per card and attribute value with Wilson intervals, and streams CSV and JSON to the owner only', async () => {
    const deck = await generated(2);
    const [c1, c2] = await cardIds(deck.id);
    const users = await Promise.all([signUp(t), signUp(t), signUp(t)]);
    await swipe(users[0]!.token, c1!.id, 'right');
    await swipe(users[1]!.token, c1!.id, 'left');
    await swipe(users[2]!.token, c1!.id, 'super');
    await swipe(users[0]!.token, c2!.id, 'left');
    const res = await t.rest('GET', `/api/ext/swiper/decks/${deck.id}/analytics?days=3`, { token: owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const first = res.body.cards.find((c: { cardId: string }) => c.cardId === c1!.id);
    expect(first).toMatchObject({ swipes: 3, left: 1, right: 1, super: 1, likeRate: 0.666667 });
    expect(first.interval.low).toBeCloseTo(0.207658, 4);
    expect(first.interval.high).toBeCloseTo(0.938510, 4);
    expect(res.body.totals).toMatchObject({ swipes: 4, left: 2 });
    expect(res.body.series).toHaveLength(3);
    expect(res.body.series.at(-1)).toMatchObject({ left: 2, right: 1, super: 1 });
    const values = res.body.attributes.filter((a: { key: string }) => a.key === 'city');
    expect(values.reduce((n: number, a: { swipes: number }) => n + a.swipes, 0)).toBe(4);
    expect((await t.rest('GET', `/api/ext/swiper/decks/${deck.id}/analytics`, { token: users[0]!.token })).status).toBe(404);

    const csv = await t.app.inject({ method: 'GET', url: `/api/ext/swiper/decks/${deck.id}/swipes.csv`, headers: { authorization: `Bearer ${owner.token}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,createdAt,cardId,cardName,swiper,swiperKind,direction,pass');
    expect(lines).toHaveLength(5);
    expect(csv.body).not.toContain(users[0]!.userId); // swipers are pseudonyms
    const json = await t.app.inject({ method: 'GET', url: `/api/ext/swiper/decks/${deck.id}/swipes.json`, headers: { authorization: `Bearer ${owner.token}` } });
    const rows = JSON.parse(json.body);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ swiperKind: 'user', pass: 1 });
    const stranger = await t.app.inject({ method: 'GET', url: `/api/ext/swiper/decks/${deck.id}/swipes.csv`, headers: { authorization: `Bearer ${users[0]!.token}` } });
    expect(stranger.statusCode).toBe(404);
    expect(JSON.parse(stranger.body).error.code).toBe('NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: `/api/ext/swiper/decks/${deck.id}/swipes.json` })).statusCode).toBe(401);
  });

  it('pages a large export through several calls', async () => {
    const deck = await generated(1);
    const [card] = await cardIds(deck.id);
    const rows = Array.from({ length: 2500 }, (_, i) => ({ deck_id: deck.id, card_id: card!.id, realm: 'live', swiper: `v:x:visitor${i}`, pass: 1, direction: i % 2 ? 'left' : 'right' }));
    for (let i = 0; i < rows.length; i += 500) await t.db.knex('swiper_swipes').insert(rows.slice(i, i + 500));
    const csv = await t.app.inject({ method: 'GET', url: `/api/ext/swiper/decks/${deck.id}/swipes.csv`, headers: { authorization: `Bearer ${owner.token}` } });
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2501);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(2500);
  });
});

describe('publishable keys and the widget routes', () => {
  async function publishable(mode: 'live' | 'test' = 'live', token = owner.token) {
    const app = await createApplication(t, token, 'Widget site');
    const res = await t.rest('POST', `/api/apps/${app.id}/publishable-keys`, { token, body: { name: 'site', mode, allowedOrigins: [ORIGIN] } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.key).toMatch(/^calos_pk_[0-9A-Za-z]{38}$/);
    return { app, key: res.body.key as string, id: res.body.id as string };
  }
  const pkHeaders = (key: string, origin?: string) => ({ authorization: `Bearer ${key}`, ...(origin ? { origin } : {}) });

  it('draws and swipes for a visitor from an allowed origin, with CORS headers and no XP', async () => {
    const deck = await generated(3);
    const { key } = await publishable();
    const drawn = await t.app.inject({ method: 'POST', url: `/api/ext/swiper/decks/${deck.id}/draw`, headers: pkHeaders(key, ORIGIN), payload: { visitorId: 'visitor-0001', count: 1 } });
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(drawn.headers.vary).toMatch(/Origin/);
    const cardId = JSON.parse(drawn.body).cards[0].id;
    const swiped = await t.app.inject({ method: 'POST', url: '/api/ext/swiper/swipes', headers: pkHeaders(key, ORIGIN), payload: { cardId, direction: 'right', visitorId: 'visitor-0001' } });
    expect(swiped.statusCode, swiped.body).toBe(201);
    expect(JSON.parse(swiped.body)).toMatchObject({ xpAwarded: 0, replayed: false });
    const row = await t.db.knex('swiper_swipes').where({ id: JSON.parse(swiped.body).id }).first();
    expect(row).toMatchObject({ user_id: null, realm: 'live' });
    expect(row.swiper).toMatch(/^v:.+:visitor-0001$/);
  });

  it('honours Idempotency-Key on a visitor\'s draw: a retry replays the same cards, a malformed key is 400', async () => {
    const deck = await generated(3);
    const { key } = await publishable();
    const url = `/api/ext/swiper/decks/${deck.id}/draw`;
    const headers = { ...pkHeaders(key, ORIGIN), 'idempotency-key': 'draw-retry-1' };
    const first = await t.app.inject({ method: 'POST', url, headers, payload: { visitorId: 'visitor-idem', count: 1 } });
    const again = await t.app.inject({ method: 'POST', url, headers, payload: { visitorId: 'visitor-idem', count: 1 } });
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(again.body).cards).toEqual(JSON.parse(first.body).cards);
    const other = await t.app.inject({ method: 'POST', url, headers, payload: { visitorId: 'visitor-idem', count: 2 } });
    expect(other.statusCode).toBe(422);
    const odd = await t.app.inject({ method: 'POST', url, headers: { ...pkHeaders(key, ORIGIN), 'idempotency-key': 'x'.repeat(300) }, payload: { visitorId: 'visitor-idem', count: 1 } });
    expect(odd.statusCode).toBe(400);
    expect(JSON.parse(odd.body).error.details.issues[0].path).toBe('header.Idempotency-Key');
  });

  it('refuses a publishable key without Origin, from another origin, without visitorId, on another owner\'s deck, and on other routes', async () => {
    const deck = await generated(1);
    const { key } = await publishable();
    const url = `/api/ext/swiper/decks/${deck.id}/draw`;
    const payload = { visitorId: 'visitor-0002' };
    const none = await t.app.inject({ method: 'POST', url, headers: pkHeaders(key), payload });
    expect(none.statusCode).toBe(403);
    expect(JSON.parse(none.body).error.details.reason).toBe('ORIGIN_MISSING');
    for (const origin of ['http://localhost:5106', 'https://localhost:5105', 'http://localhost:5105.evil.test', 'null']) {
      const other = await t.app.inject({ method: 'POST', url, headers: pkHeaders(key, origin), payload });
      expect(other.statusCode, origin).toBe(403);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    }
    const noVisitor = await t.app.inject({ method: 'POST', url, headers: pkHeaders(key, ORIGIN), payload: {} });
    expect(noVisitor.statusCode).toBe(400);
    expect(JSON.parse(noVisitor.body).error.details.issues[0].path).toBe('body.visitorId');
    const stranger = await signUp(t);
    const strangersDeck = await generated(1, stranger.token);
    expect((await t.app.inject({ method: 'POST', url: `/api/ext/swiper/decks/${strangersDeck.id}/draw`, headers: pkHeaders(key, ORIGIN), payload })).statusCode).toBe(404);
    for (const [method, path] of [['GET', '/api/ext/swiper/matches'], ['GET', '/api/ext/swiper/decks'], ['GET', '/api/progress']] as const) {
      expect((await t.app.inject({ method, url: path, headers: pkHeaders(key, ORIGIN) })).statusCode, path).toBe(401);
    }
    // Not on the tRPC door either (a page uses REST), and the webhook catalogue lists the events.
    await expect(t.caller({ token: key, origin: ORIGIN }).swiper.draw({ deckId: deck.id, visitorId: 'visitor-0002' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.caller({ token: key }).swiper.draw({ deckId: deck.id, visitorId: 'visitor-0002' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const types = (await t.rest('GET', '/api/events/types')).body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['swipe.recorded', 'match.created']));
    const forged = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect((await t.app.inject({ method: 'POST', url, headers: pkHeaders(forged, ORIGIN), payload })).statusCode).toBe(401);
  });

  it('answers the CORS preflight for allowed origins only, and stops a revoked key at once', async () => {
    const deck = await generated(1);
    const { app, key, id } = await publishable();
    const url = `/api/ext/swiper/decks/${deck.id}/draw`;
    const preflight = await t.app.inject({ method: 'OPTIONS', url, headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(preflight.headers['access-control-allow-methods']).toBe('POST');
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/);
    const refused = await t.app.inject({ method: 'OPTIONS', url, headers: { origin: 'http://localhost:5199', 'access-control-request-method': 'POST' } });
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('FORBIDDEN');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    // Routes that do not opt in have no preflight.
    expect((await t.app.inject({ method: 'OPTIONS', url: '/api/ext/swiper/matches', headers: { origin: ORIGIN } })).statusCode).toBe(404);

    const other = await signUp(t);
    expect((await t.rest('DELETE', `/api/apps/${app.id}/publishable-keys/${id}`, { token: other.token })).status).toBe(404);
    const listed = await t.rest('GET', `/api/apps/${app.id}/publishable-keys`, { token: owner.token });
    expect(listed.body.items.map((k: { key: string }) => k.key)).toEqual([key]);
    expect((await t.rest('DELETE', `/api/apps/${app.id}/publishable-keys/${id}`, { token: owner.token })).status).toBe(204);
    expect((await t.app.inject({ method: 'POST', url, headers: pkHeaders(key, ORIGIN), payload: { visitorId: 'visitor-0003' } })).statusCode).toBe(401);
  });

  it('validates allowed origins exactly and lets the owner change them', async () => {
    const app = await createApplication(t, owner.token, 'Origins');
    for (const origin of ['*', 'http://localhost:5105/', 'ftp://x.test', 'https://x.test/path', 'HTTPS://X.TEST']) {
      const res = await t.rest('POST', `/api/apps/${app.id}/publishable-keys`, { token: owner.token, body: { name: 'x', allowedOrigins: [origin] } });
      expect(res.status, origin).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('body.allowedOrigins.0');
    }
    const created = (await t.rest('POST', `/api/apps/${app.id}/publishable-keys`, { token: owner.token, body: { name: 'x', allowedOrigins: [ORIGIN] } })).body;
    const updated = await t.caller({ token: owner.token }).developer.updatePublishableKey({ applicationId: app.id, keyId: created.id, allowedOrigins: ['https://shop.example'] });
    expect(updated.allowedOrigins).toEqual(['https://shop.example']);
    const deck = await generated(1);
    expect((await t.app.inject({ method: 'POST', url: `/api/ext/swiper/decks/${deck.id}/draw`, headers: pkHeaders(created.key, ORIGIN), payload: { visitorId: 'visitor-0004' } })).statusCode).toBe(403);
  });

  it('keeps a test key in its application\'s sandbox and limits a visitor per day', async () => {
    const deck = await generated(40);
    const { app, key } = await publishable('test');
    const cards = await cardIds(deck.id);
    const statuses: number[] = [];
    for (const card of cards.slice(0, 31)) {
      const res = await t.app.inject({ method: 'POST', url: '/api/ext/swiper/swipes', headers: pkHeaders(key, ORIGIN), payload: { cardId: card.id, direction: 'left', visitorId: 'visitor-limit' } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(await t.db.knex('swiper_swipes').where({ realm: `test:${app.id}` }).count({ n: '*' }).then((r) => Number(r[0]!.n))).toBe(30);
    const summary = await t.rest('GET', `/api/apps/${app.id}/test-data`, { token: owner.token });
    expect(JSON.stringify(summary.body)).toMatch(/"swipes":30/);
    // Test swipes stay out of the live analytics.
    expect((await t.rest('GET', `/api/ext/swiper/decks/${deck.id}/analytics`, { token: owner.token })).body.totals.swipes).toBe(0);
  });

  it('limits what one address may do with one publishable key per minute', async () => {
    const { key } = await publishable();
    const statuses: number[] = [];
    for (let i = 0; i < 301; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/ext/swiper/swipes', headers: pkHeaders(key, ORIGIN), payload: { cardId: '00000000-0000-4000-8000-000000000000', direction: 'left', visitorId: 'visitor-flood' } });
      statuses.push(res.statusCode);
      if (i === 300) {
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.headers['access-control-allow-origin']).toBe(ORIGIN); // the page can read why
      }
    }
    expect(statuses.slice(0, 300).every((s) => s === 404)).toBe(true);
    expect(statuses[300]).toBe(429);
  });

  it('serves the widget script and avatars for other origins to load', async () => {
    const script = await t.app.inject({ method: 'GET', url: '/api/ext/swiper/widget.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.body).toContain('CalosSwiper');
    expect(script.body.length).toBeLessThan(20_000);
    const avatar = await t.app.inject({ method: 'GET', url: '/api/ext/swiper/avatar.svg?name=%3Cscript%3E&hue=12' });
    expect(avatar.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(avatar.body).not.toContain('<script>');
    expect(avatar.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });
});

describe('races', () => {
  raceTest('parallel identical swipes record one swipe and one execution', async () => {
    const deck = await generated(1);
    const user = await signUp(t);
    const [card] = await cardIds(deck.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => swipe(user.token, card!.id, 'right')));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => !r.body.replayed)).toHaveLength(1);
    const executions = await t.db.knex('user_action_log').where({ user_id: user.userId }).whereNull('failure_reason').count({ n: '*' });
    expect(Number(executions[0]!.n)).toBe(1);
  });

  raceTest('parallel draws never hand out a card twice in a pass', async () => {
    const deck = await generated(12);
    const user = await signUp(t);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.rest('POST', `/api/ext/swiper/decks/${deck.id}/draw`, { token: user.token, body: { count: 2 } })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await t.db.knex('swiper_draws').where({ deck_id: deck.id, swiper: user.userId });
    expect(new Set(rows.map((r: { card_id: string }) => r.card_id)).size).toBe(rows.length);
  });

  raceTest('two users liking each other at the same instant make exactly one match', async () => {
    for (let round = 0; round < 5; round++) {
      const deck = (await t.rest('POST', '/api/ext/swiper/decks', { token: owner.token, body: { name: `Race ${round}`, kind: 'users' } })).body;
      const [a, b] = [await signUp(t), await signUp(t)];
      const cardA = (await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/join`, { token: a.token, body: {} })).body;
      const cardB = (await t.rest('POST', `/api/ext/swiper/decks/${deck.id}/join`, { token: b.token, body: {} })).body;
      const [x, y] = await Promise.all([swipe(a.token, cardB.id, 'right'), swipe(b.token, cardA.id, 'right')]);
      expect([x.status, y.status]).toEqual([201, 201]);
      expect([x.body.match, y.body.match].filter(Boolean)).toHaveLength(1);
      expect(await t.db.knex('swiper_matches').where({ deck_id: deck.id })).toHaveLength(1);
    }
  });
});
