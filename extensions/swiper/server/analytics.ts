// Analytics of a deck for its owner: per card and per attribute value, the swipes, the like rate
// ((right + super) / swipes) with its Wilson interval, and a daily series. Live swipes only (a test
// key's sandbox is for trying the widget); the database does the counting, in three queries.
import type { z } from 'zod';
import { invalidField, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { ownedDeck } from './decks';
import { wilsonInterval } from './wilson';

interface Counts {
  left: number | string;
  right: number | string;
  super: number | string;
}

function tally(c: Counts) {
  const left = Number(c.left);
  const right = Number(c.right);
  const sup = Number(c.super);
  const swipes = left + right + sup;
  const likes = right + sup;
  return { swipes, left, right, super: sup, likeRate: swipes ? Math.round((likes / swipes) * 1e6) / 1e6 : null, interval: wilsonInterval(likes, swipes) };
}

const COUNTS = `count(*) FILTER (WHERE s.direction = 'left') AS "left", count(*) FILTER (WHERE s.direction = 'right') AS "right", count(*) FILTER (WHERE s.direction = 'super') AS "super"`;

export async function deckAnalytics(tx: Tx, ownerId: string, input: z.output<typeof s.analyticsInput>) {
  const deck = await ownedDeck(tx, ownerId, input.deckId);
  const cards = (await tx.raw(
    `SELECT c.id, c.profile->>'name' AS name, c.weight, ${COUNTS}
     FROM swiper_cards c LEFT JOIN swiper_swipes s ON s.card_id = c.id AND s.realm = 'live'
     WHERE c.deck_id = ? AND c.active
     GROUP BY c.id ORDER BY c.created_at, c.id`,
    [deck.id],
  )).rows as Array<Counts & { id: string; name: string; weight: number }>;
  const attributes = (await tx.raw(
    `SELECT a.key, a.value, count(DISTINCT c.id) AS cards, ${COUNTS}
     FROM swiper_cards c CROSS JOIN LATERAL jsonb_each_text(c.profile->'attributes') AS a(key, value)
     LEFT JOIN swiper_swipes s ON s.card_id = c.id AND s.realm = 'live'
     WHERE c.deck_id = ? AND c.active
     GROUP BY a.key, a.value ORDER BY a.key, a.value`,
    [deck.id],
  )).rows as Array<Counts & { key: string; value: string; cards: number | string }>;
  const series = (await tx.raw(
    `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, ${COUNTS.replaceAll('count(*)', 'count(s.id)')}
     FROM generate_series((now() AT TIME ZONE 'UTC')::date - (?::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d(day)
     LEFT JOIN swiper_swipes s ON s.deck_id = ? AND s.realm = 'live'
       AND s.created_at >= d.day AT TIME ZONE 'UTC' AND s.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC'
     GROUP BY d.day ORDER BY d.day`,
    [input.days, deck.id],
  )).rows as Array<Counts & { day: string }>;
  const cardTallies = cards.map((c) => ({ cardId: c.id, name: c.name, weight: Number(c.weight), ...tally(c) }));
  const sum = (k: keyof Counts) => cards.reduce((n, c) => n + Number(c[k]), 0);
  return {
    deckId: deck.id,
    totals: tally({ left: sum('left'), right: sum('right'), super: sum('super') }),
    cards: cardTallies,
    attributes: attributes.map((a) => ({ key: a.key, value: a.value, cards: Number(a.cards), ...tally(a) })),
    series: series.map((d) => ({ day: d.day, left: Number(d.left), right: Number(d.right), super: Number(d.super) })),
  };
}

/** One page of the deck's swipes for the exports, oldest first, keyed by (created_at, id). */
export async function exportPage(tx: Tx, ownerId: string, input: z.output<typeof s.exportPageInput>) {
  const deck = await ownedDeck(tx, ownerId, input.deckId);
  const query = tx('swiper_swipes as s')
    .join('swiper_cards as c', 'c.id', 's.card_id')
    // Keyed by the deck's secret salt: stable within the deck, unlinkable across decks, and not
    // rebuildable from the (public) user ids.
    .join('swiper_decks as d', 'd.id', 's.deck_id')
    .where({ 's.deck_id': deck.id, 's.realm': 'live' })
    .orderBy([{ column: 's.created_at' }, { column: 's.id' }])
    .limit(input.limit + 1)
    .select('s.id', 's.created_at', 's.card_id', 's.direction', 's.pass', 's.user_id', tx.raw(`c.profile->>'name' AS card_name`), tx.raw(`substr(md5(d.salt::text || ':' || s.swiper), 1, 16) AS pseudonym`));
  if (input.after) {
    const [at, id] = decodeAfter(input.after);
    query.whereRaw('(s.created_at, s.id) > (?, ?)', [at, id]);
  }
  const rows = (await query) as Array<{ id: string; created_at: Date; card_id: string; direction: 'left' | 'right' | 'super'; pass: number; user_id: string | null; card_name: string; pseudonym: string }>;
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ id: r.id, createdAt: r.created_at, cardId: r.card_id, cardName: r.card_name, swiper: r.pseudonym, swiperKind: r.user_id ? ('user' as const) : ('visitor' as const), direction: r.direction, pass: r.pass })),
    next: rows.length > input.limit && last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

function decodeAfter(after: string): [Date, string] {
  const [at, id] = Buffer.from(after, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw invalidAfter();
  return [date, id!];
}

const invalidAfter = () => invalidField('after', 'not a cursor from a previous page');
