// The swiper's inputs and outputs, shared by its router, its client pages and the widget's types.
import { z } from 'zod';
import { listInput, page, text, timestamp, uuid } from '../../shared/schemas/primitives';

export const direction = z.enum(['left', 'right', 'super']).describe('`left` passes, `right` likes, `super` likes strongly (few a day).');
export type Direction = z.infer<typeof direction>;
export const deckKind = z.enum(['cards', 'users']).describe('`cards`: profiles the owner adds; `users`: users who opt in, one card each.');

const attributeKey = z.string().min(1).max(40).regex(/^[\p{L}\p{N}_ .-]+$/u, 'letters, digits, spaces, dots, dashes and underscores');
const attributeValue = z.union([z.string().max(200), z.number().finite(), z.boolean()]);
const attributes = z
  .record(attributeKey, attributeValue)
  .refine((a) => Object.keys(a).length <= 30, 'at most 30 attributes')
  .describe('What the profile says: `{ "city": "Lyon", "age": 31 }`, analysed per value.');

/** A picture: an https/http URL, or a path on this server (the generator's avatars). */
const picture = z
  .string()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) || /^\/api\/[^\s]*$/.test(v), 'an http(s) URL or a path on this server (/api/…)');

export const profile = z.strictObject({
  name: text(100, 1),
  picture: picture.optional(),
  attributes: attributes.default({}),
});
export type Profile = z.output<typeof profile>;

export const weight = z.number().positive().max(1_000_000).describe('How likely the card is drawn, relative to the others (default 1).');

export const deckOutput = z.object({
  id: uuid(),
  ownerId: uuid(),
  name: z.string(),
  description: z.string(),
  kind: deckKind,
  synthetic: z.boolean().describe('Made by the generator: synthetic profiles, not people.'),
  cards: z.number().int().describe('Active cards.'),
  createdAt: timestamp(),
});
export const decksOutput = page(deckOutput);
export const decksInput = z.strictObject({ ...listInput, mine: z.boolean().optional().describe('Only decks you own.') });
export const deckIdInput = z.strictObject({ deckId: uuid() });
export const createDeckInput = z.strictObject({ name: text(100, 1), description: text(500).optional(), kind: deckKind.default('cards') });

const weightedValue = z.strictObject({ value: attributeValue, weight: weight.default(1) });
export const generateDeckInput = z.strictObject({
  name: text(100, 1),
  description: text(500).optional(),
  seed: text(100, 1).describe('The same seed and lists make the same profiles.'),
  count: z.number().int().min(1).max(500),
  names: z.array(weightedValue.extend({ value: text(60, 1) })).min(1).max(200).optional().describe('Weighted first names (a default list otherwise).'),
  attributes: z
    .array(z.strictObject({ key: attributeKey, values: z.array(weightedValue).min(1).max(100) }))
    .max(20)
    .default([])
    .describe('Each profile takes one value of each attribute, drawn by weight.'),
});

export const cardOutput = z.object({
  id: uuid(),
  deckId: uuid(),
  ownerId: uuid().nullable().describe('The user the card is, or who may like back; null for none.'),
  weight: z.number(),
  profile: z.object({ name: z.string(), picture: z.string().optional(), attributes: z.record(z.string(), attributeValue) }),
  active: z.boolean(),
  createdAt: timestamp(),
});
export type Card = z.infer<typeof cardOutput>;
export const cardsInput = z.strictObject({ deckId: uuid(), ...listInput });
export const cardsOutput = page(cardOutput);
export const addCardInput = z.strictObject({ deckId: uuid(), profile, weight: weight.default(1) });
export const cardIdInput = z.strictObject({ cardId: uuid() });
export const joinDeckInput = z.strictObject({ deckId: uuid(), attributes: attributes.default({}), picture: picture.optional() });

const visitorId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, dashes or underscores')
  .describe('With a publishable key: the anonymous visitor (the widget keeps one per browser). Not used by signed-in users.');

export const drawInput = z.strictObject({
  deckId: uuid(),
  count: z.number().int().min(1).max(20).default(1).describe('How many cards (those drawn and not yet swiped come first).'),
  visitorId: visitorId.optional(),
});
export const drawnCard = z.object({ id: uuid(), deckId: uuid(), profile: cardOutput.shape.profile, position: z.number().int() });
export const drawOutput = z.object({
  pass: z.number().int().describe('1 on the first pass through the deck; a new pass starts once every card was drawn and swiped.'),
  cards: z.array(drawnCard),
});

export const swipeInput = z.strictObject({ cardId: uuid(), direction, visitorId: visitorId.optional() });
export const swipeOutput = z.object({
  id: uuid(),
  cardId: uuid(),
  deckId: uuid(),
  direction,
  pass: z.number().int(),
  replayed: z.boolean().describe('True when this swipe was recorded before (the first answer is repeated; nothing runs again).'),
  xpAwarded: z.number().int(),
  match: z.object({ id: uuid(), userId: uuid() }).nullable().describe('The match this swipe made, if any.'),
  createdAt: timestamp(),
});

export const matchOutput = z.object({
  id: uuid(),
  deckId: uuid(),
  userId: uuid().describe('The other user.'),
  username: z.string(),
  kind: z.enum(['mutual', 'like_back']),
  createdAt: timestamp(),
});
export const matchesInput = z.strictObject({ ...listInput });
export const matchesOutput = page(matchOutput);
export const likeBackInput = z.strictObject({ cardId: uuid(), userId: uuid() });
export const likesInput = z.strictObject({ cardId: uuid(), ...listInput });
export const likesOutput = page(z.object({ userId: uuid(), username: z.string(), direction, likedAt: timestamp() }));
export const blockInput = z.strictObject({ userId: uuid() });
export const reportInput = z.strictObject({
  cardId: uuid(),
  reason: z.enum(['spam', 'abuse', 'fake', 'inappropriate', 'other']),
  note: text(500).optional(),
});
export const reportOutput = z.object({ id: uuid(), cardId: uuid(), reason: z.string(), createdAt: timestamp() });

const interval = z.object({ low: z.number(), high: z.number() }).describe('Wilson score interval (95%) of the like rate.');
const tally = {
  swipes: z.number().int(),
  left: z.number().int(),
  right: z.number().int(),
  super: z.number().int(),
  likeRate: z.number().nullable().describe('(right + super) / swipes; null without swipes.'),
  interval,
};
export const analyticsInput = z.strictObject({
  deckId: uuid(),
  days: z.number().int().min(1).max(365).default(30).describe('How many days the time series covers (UTC days, today included).'),
});
export const analyticsOutput = z.object({
  deckId: uuid(),
  totals: z.object(tally),
  cards: z.array(z.object({ cardId: uuid(), name: z.string(), weight: z.number(), ...tally })),
  attributes: z.array(z.object({ key: z.string(), value: z.string(), cards: z.number().int(), ...tally })),
  series: z.array(z.object({ day: z.string().describe('YYYY-MM-DD (UTC).'), left: z.number().int(), right: z.number().int(), super: z.number().int() })),
});

export const exportPageInput = z.strictObject({ deckId: uuid(), after: z.string().max(100).optional(), limit: z.number().int().min(1).max(5000).default(1000) });
export const exportRow = z.object({
  id: uuid(),
  createdAt: timestamp(),
  cardId: uuid(),
  cardName: z.string(),
  swiper: z.string().describe('A pseudonym of the swiper, stable within the deck.'),
  swiperKind: z.enum(['user', 'visitor']),
  direction,
  pass: z.number().int(),
});
export const exportPageOutput = z.object({ rows: z.array(exportRow), next: z.string().nullable() });
