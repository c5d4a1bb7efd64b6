// Rows of the swiper's tables and their API shapes.
import type { Card } from '../schemas';

export interface DeckRow {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  kind: 'cards' | 'users';
  synthetic: boolean;
  created_at: Date;
  cards?: number | string;
}

export interface CardRow {
  id: string;
  deck_id: string;
  owner_id: string | null;
  weight: number;
  profile: Card['profile'];
  active: boolean;
  created_at: Date;
}

export const toDeck = (row: DeckRow) => ({
  id: row.id,
  ownerId: row.owner_id,
  name: row.name,
  description: row.description,
  kind: row.kind,
  synthetic: row.synthetic,
  cards: Number(row.cards ?? 0),
  createdAt: row.created_at,
});

export const toCard = (row: CardRow): Card => ({
  id: row.id,
  deckId: row.deck_id,
  ownerId: row.owner_id,
  weight: Number(row.weight),
  profile: row.profile,
  active: row.active,
  createdAt: row.created_at,
});
