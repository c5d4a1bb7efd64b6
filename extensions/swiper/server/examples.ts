// Example requests and responses of the swiper's routes, for the API reference. One story: ada's
// generated deck "Meetup profiles", grace swiping it, and a users deck where grace and linus match.
import * as s from '../schemas';
import { at, exampleIds, examples } from '../../../server/extensions/api';
import { avatarPath } from './generator';
import { wilsonInterval } from './wilson';

const deckId = '7c2e5a91-3b4d-4f6e-8a1c-9d2b4e6f8a10';
const usersDeckId = '2f4a6c8e-1b3d-4f5a-9c7e-0d2f4b6a8c91';
const cardId = 'a1c3e5f7-2b4d-4e6f-8a0c-1e3a5c7e9b24';
const linus = '08aa5716-0969-47f8-97b9-8256ce6552a3';
const createdAt = at('2026-12-07T09:00:00Z');

const deck = { id: deckId, ownerId: exampleIds.ada, name: 'Meetup profiles', description: 'Synthetic people for the demo.', kind: 'cards' as const, synthetic: true, cards: 40, createdAt };
const profile = { name: 'Grace', picture: avatarPath('Grace', 212), attributes: { city: 'Lyon', hobby: 'climbing' } };
const card = { id: cardId, deckId, ownerId: null, weight: 1, profile, active: true, createdAt };

export const createDeck = examples({ input: s.createDeckInput, output: s.deckOutput }, { request: { name: 'Meetup profiles', kind: 'cards' }, response: { ...deck, synthetic: false, cards: 0 } });
export const generateDeck = examples(
  { input: s.generateDeckInput, output: s.deckOutput },
  {
    request: {
      name: 'Meetup profiles',
      seed: 'meetup-1',
      count: 40,
      attributes: [
        { key: 'city', values: [{ value: 'Lyon', weight: 3 }, { value: 'Paris', weight: 1 }] },
        { key: 'hobby', values: [{ value: 'climbing', weight: 1 }, { value: 'chess', weight: 2 }] },
      ],
    },
    response: deck,
  },
);
export const decks = examples({ input: s.decksInput, output: s.decksOutput }, { request: { limit: 20 }, response: { items: [deck], nextCursor: null } });
export const deckOne = examples({ input: s.deckIdInput, output: s.deckOutput }, { request: { deckId }, response: deck });
export { deckOne as deck };
export const cards = examples({ input: s.cardsInput, output: s.cardsOutput }, { request: { deckId, limit: 20 }, response: { items: [card], nextCursor: null } });
export const addCard = examples(
  { input: s.addCardInput, output: s.cardOutput },
  { request: { deckId, profile: { name: 'Ada', picture: 'https://puzzles.example.com/ada.jpg', attributes: { city: 'London' } }, weight: 2 }, response: { ...card, ownerId: exampleIds.ada, weight: 2, profile: { name: 'Ada', picture: 'https://puzzles.example.com/ada.jpg', attributes: { city: 'London' } } } },
);
export const removeCard = examples({ input: s.cardIdInput }, { request: { cardId } });
export const join = examples(
  { input: s.joinDeckInput, output: s.cardOutput },
  { request: { deckId: usersDeckId, attributes: { city: 'Lyon' } }, response: { ...card, deckId: usersDeckId, ownerId: exampleIds.grace, profile: { name: 'grace', attributes: { city: 'Lyon' } } } },
);
export const draw = examples(
  { input: s.drawInput, output: s.drawOutput },
  { request: { deckId, count: 1, visitorId: 'b7f3c1e2a9d84f60' }, response: { pass: 1, cards: [{ id: cardId, deckId, profile, position: 0 }] } },
);
export const swipe = examples(
  { input: s.swipeInput, output: s.swipeOutput },
  { request: { cardId, direction: 'right' }, response: { id: 'e4b6d8f0-1a3c-4e5a-9b7d-2f4a6c8e0b13', cardId, deckId, direction: 'right', pass: 1, replayed: false, xpAwarded: 1, match: null, createdAt: at('2026-12-07T09:05:00Z') } },
);
const match = { id: 'c9e1a3b5-7d9f-4b1d-8f3a-5c7e9a1b3d57', deckId: usersDeckId, userId: linus, username: 'linus_t', kind: 'mutual' as const, createdAt: at('2026-12-07T09:06:00Z') };
export const matches = examples({ input: s.matchesInput, output: s.matchesOutput }, { request: { limit: 20 }, response: { items: [match], nextCursor: null } });
export const likes = examples({ input: s.likesInput, output: s.likesOutput }, { request: { cardId, limit: 20 }, response: { items: [{ userId: linus, username: 'linus_t', direction: 'right', likedAt: at('2026-12-07T09:04:00Z') }], nextCursor: null } });
export const likeBack = examples({ input: s.likeBackInput, output: s.matchOutput }, { request: { cardId, userId: linus }, response: { ...match, kind: 'like_back' } });
export const block = examples({ input: s.blockInput }, { request: { userId: linus } });
export const report = examples({ input: s.reportInput, output: s.reportOutput }, { request: { cardId, reason: 'fake', note: 'A stock photo' }, response: { id: 'f2a4c6e8-0b1d-4f3a-8c5e-7a9c1e3b5d68', cardId, reason: 'fake', createdAt } });

const tally = (left: number, right: number, sup: number) => ({ swipes: left + right + sup, left, right, super: sup, likeRate: Math.round(((right + sup) / (left + right + sup)) * 1e6) / 1e6, interval: wilsonInterval(right + sup, left + right + sup) });
export const analytics = examples(
  { input: s.analyticsInput, output: s.analyticsOutput },
  {
    request: { deckId, days: 2 },
    response: {
      deckId,
      totals: tally(6, 3, 1),
      cards: [{ cardId, name: 'Grace', weight: 1, ...tally(6, 3, 1) }],
      attributes: [{ key: 'city', value: 'Lyon', cards: 1, ...tally(6, 3, 1) }],
      series: [{ day: '2026-12-06', left: 2, right: 1, super: 0 }, { day: '2026-12-07', left: 4, right: 2, super: 1 }],
    },
  },
);
