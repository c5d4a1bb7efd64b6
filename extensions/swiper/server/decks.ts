// Decks and their cards: created by a user (cards they add, or generated), or made of users who opt
// in (one card each). Any signed-in user may see and draw a deck; only its owner changes it.
import type { z } from 'zod';
import { conflict, invalidField, isUniqueViolation, newestFirstPage, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { generateProfiles } from './generator';
import { toCard, toDeck, type CardRow, type DeckRow } from './models';

const withCardCount = (tx: Tx) =>
  tx('swiper_decks as d').select('d.*', tx.raw('(SELECT count(*) FROM swiper_cards c WHERE c.deck_id = d.id AND c.active) AS cards'));

export async function findDeck(tx: Tx, deckId: string): Promise<DeckRow> {
  const row = (await withCardCount(tx).where('d.id', deckId).first()) as DeckRow | undefined;
  if (!row) throw notFound('deck');
  return row;
}

/** The deck if `userId` owns it; NOT_FOUND otherwise, as for a deck that does not exist. */
export async function ownedDeck(tx: Tx, userId: string, deckId: string): Promise<DeckRow> {
  const deck = await findDeck(tx, deckId);
  if (deck.owner_id !== userId) throw notFound('deck');
  return deck;
}

export async function createDeck(tx: Tx, ownerId: string, input: z.output<typeof s.createDeckInput>, synthetic = false) {
  const [row] = (await tx('swiper_decks')
    .insert({ owner_id: ownerId, name: input.name, description: input.description ?? '', kind: input.kind, synthetic })
    .returning('*')) as DeckRow[];
  return toDeck({ ...row!, cards: 0 });
}

export async function listDecks(tx: Tx, userId: string, input: z.output<typeof s.decksInput>) {
  const query = withCardCount(tx);
  if (input.mine) query.where('d.owner_id', userId);
  const { rows, nextCursor } = await newestFirstPage<DeckRow>(query, input, 'd.');
  return { items: rows.map(toDeck), nextCursor };
}

export async function getDeck(tx: Tx, deckId: string) {
  return toDeck(await findDeck(tx, deckId));
}

const CARD_BATCH = 200;

/** A synthetic deck from the generator: one card per profile, weight 1. */
export async function generateDeck(tx: Tx, ownerId: string, input: z.output<typeof s.generateDeckInput>) {
  const keys = input.attributes.map((a) => a.key);
  const duplicate = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (duplicate >= 0) throw invalidField(`attributes.${duplicate}.key`, `"${keys[duplicate]}" appears twice`);
  const deck = await createDeck(tx, ownerId, { name: input.name, description: input.description, kind: 'cards' }, true);
  const profiles = generateProfiles(input);
  const rows = profiles.map((profile) => ({ deck_id: deck.id, owner_id: null, weight: 1, profile: JSON.stringify(profile) }));
  for (let i = 0; i < rows.length; i += CARD_BATCH) await tx('swiper_cards').insert(rows.slice(i, i + CARD_BATCH));
  return { ...deck, cards: profiles.length };
}

export async function addCard(tx: Tx, userId: string, input: z.output<typeof s.addCardInput>) {
  const deck = await ownedDeck(tx, userId, input.deckId);
  if (deck.kind === 'users') throw conflict('USERS_DECK', 'A users deck takes only users who join it themselves.');
  const [row] = (await tx('swiper_cards')
    .insert({ deck_id: deck.id, owner_id: userId, weight: input.weight, profile: JSON.stringify(input.profile) })
    .returning('*')) as CardRow[];
  return toCard(row!);
}

export async function listCards(tx: Tx, input: z.output<typeof s.cardsInput>) {
  await findDeck(tx, input.deckId);
  const { rows, nextCursor } = await newestFirstPage<CardRow>(tx('swiper_cards').where({ deck_id: input.deckId, active: true }), input);
  return { items: rows.map(toCard), nextCursor };
}

export async function removeCard(tx: Tx, userId: string, cardId: string) {
  const card = (await tx('swiper_cards as c').join('swiper_decks as d', 'd.id', 'c.deck_id').where('c.id', cardId).first('c.id', 'c.owner_id', 'd.owner_id as deck_owner')) as
    | { id: string; owner_id: string | null; deck_owner: string }
    | undefined;
  // The deck's owner removes any card; a member removes their own (leaving a users deck).
  if (!card || (card.deck_owner !== userId && card.owner_id !== userId)) throw notFound('card');
  await tx('swiper_cards').where({ id: cardId }).update({ active: false });
}

/** A user opts in to a users deck: one card, their username as the name. Joining again is 409. */
export async function joinDeck(kernel: Kernel, tx: Tx, userId: string, input: z.output<typeof s.joinDeckInput>) {
  const deck = await findDeck(tx, input.deckId);
  if (deck.kind !== 'users') throw conflict('NOT_A_USERS_DECK', 'Only a users deck can be joined; this deck holds cards its owner adds.');
  const name = (await kernel.users.names(tx, [userId])).get(userId) ?? 'someone';
  const profile = { name, ...(input.picture ? { picture: input.picture } : {}), attributes: input.attributes };
  const existing = (await tx('swiper_cards').where({ deck_id: deck.id, owner_id: userId, member: true }).first()) as CardRow | undefined;
  if (existing?.active) throw conflict('ALREADY_JOINED', 'You are in this deck already.');
  if (existing) {
    const [row] = (await tx('swiper_cards').where({ id: existing.id }).update({ active: true, profile: JSON.stringify(profile) }).returning('*')) as CardRow[];
    return toCard(row!);
  }
  try {
    const [row] = (await tx('swiper_cards').insert({ deck_id: deck.id, owner_id: userId, member: true, weight: 1, profile: JSON.stringify(profile) }).returning('*')) as CardRow[];
    return toCard(row!);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('ALREADY_JOINED', 'You are in this deck already.');
    throw err;
  }
}
