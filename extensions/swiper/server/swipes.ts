// Swipes and matches. A swipe is recorded once per swiper, card and pass: a repeated request answers
// the first swipe again (a different direction is 409) and runs nothing twice. A signed-in user's
// swipe executes the swipe_card (or super_swipe) action in the same transaction, so its XP,
// cooldown and daily limit apply, and a refusal leaves no swipe behind; an anonymous visitor's
// swipes are counted against a per-visitor daily limit instead (it has no XP to earn).
//
// Matches: in a users deck, when two users liked each other's cards; in any deck, when a card's
// owner likes back a user who liked it. The pair's first like and its answer take a transaction-level
// advisory lock on the pair, so two likes at the same instant still see each other.
import type { z } from 'zod';
import { addressBucket, conflict, DomainError, invalidField, newestFirstPage, notFound, prepared, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { SUPER_SWIPE_ACTION, SWIPE_ACTION } from '../actions';
import { checkReach, type SwiperIdentity } from './caller';
import { matchCreated, swipeRecorded } from './events';

interface SwipeRow {
  id: string;
  deck_id: string;
  card_id: string;
  direction: 'left' | 'right' | 'super';
  pass: number;
  created_at: Date;
}

const VISITOR_WINDOW_SECONDS = 86_400;
/** Swipes per client address, application and day: this many visitors' daily swipes (a household or office behind one address). */
export const ADDRESS_VISITORS = 5;

const pairKey = (deckId: string, a: string, b: string) => (a < b ? `${deckId}:${a}:${b}` : `${deckId}:${b}:${a}`);

async function lockPair(tx: Tx, deckId: string, a: string, b: string) {
  await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`swiper:${pairKey(deckId, a, b)}`]);
}

async function blockedEitherWay(tx: Tx, a: string, b: string): Promise<boolean> {
  const row = await tx('swiper_blocks').where({ blocker_id: a, blocked_id: b }).orWhere({ blocker_id: b, blocked_id: a }).first('blocker_id');
  return Boolean(row);
}

/** Creates the pair's match once; emits match.created when this call made it. */
async function createMatch(kernel: Kernel, tx: Tx, deckId: string, a: string, b: string, kind: 'mutual' | 'like_back') {
  const [low, high] = a < b ? [a, b] : [b, a];
  const [row] = (await tx('swiper_matches')
    .insert({ deck_id: deckId, user_low: low, user_high: high, kind })
    .onConflict(['deck_id', 'user_low', 'user_high'])
    .ignore()
    .returning(['id', 'created_at'])) as Array<{ id: string; created_at: Date }>;
  if (row) {
    await kernel.events.emit(tx, { event: matchCreated, data: { matchId: row.id, deckId, userIds: [low, high], kind }, mode: 'live', userId: a });
    return { id: row.id, created: true };
  }
  const existing = (await tx('swiper_matches').where({ deck_id: deckId, user_low: low, user_high: high }).first('id')) as { id: string };
  return { id: existing.id, created: false };
}

async function existingMatch(tx: Tx, deckId: string, a: string, b: string) {
  const [low, high] = a < b ? [a, b] : [b, a];
  return (await tx('swiper_matches').where({ deck_id: deckId, user_low: low, user_high: high }).first('id')) as { id: string } | undefined;
}

export async function swipe(kernel: Kernel, tx: Tx, visitorDailySwipes: number, who: SwiperIdentity, input: z.output<typeof s.swipeInput>) {
  // One statement: the card with its deck, and the swiper's state row in that deck, created on
  // first use and locked until the transaction ends (parallel swipes of one swiper queue here).
  const [card] = await prepared<{ id: string; deck_id: string; owner_id: string | null; deck_owner: string; kind: 'cards' | 'users'; pass: number; drawn: number }>(
    tx,
    'swiper.swipe-card',
    `WITH card AS (
       SELECT c.id, c.deck_id, c.owner_id, d.owner_id AS deck_owner, d.kind
       FROM swiper_cards c JOIN swiper_decks d ON d.id = c.deck_id WHERE c.id = $1::uuid AND c.active
     ), state AS (
       INSERT INTO swiper_draw_states (deck_id, realm, swiper) SELECT deck_id, $2::text, $3::text FROM card
       ON CONFLICT (deck_id, realm, swiper) DO UPDATE SET pass = swiper_draw_states.pass
       RETURNING pass, drawn
     )
     SELECT card.*, state.pass, state.drawn FROM card, state`,
    [input.cardId, who.realm, who.swiper],
  );
  if (!card) throw notFound('card');
  checkReach(who, { owner_id: card.deck_owner });
  const me = who.userId;
  if (me && card.owner_id === me) throw invalidField('cardId', 'this is your own card');
  if (me && card.owner_id && (await blockedEitherWay(tx, me, card.owner_id))) throw notFound('card');

  const state = { pass: card.pass, drawn: card.drawn };
  const likes = input.direction !== 'left';
  const mutualCandidate = Boolean(me && likes && card.kind === 'users' && card.owner_id);
  if (mutualCandidate) await lockPair(tx, card.deck_id, me!, card.owner_id!);

  // One statement: the swipe, once per swiper, card and pass; if it is new, the card leaves the
  // swiper's pass, drawn or not (its draw is marked, or one is added at the end of the pass).
  // Data-modifying CTEs all run, whether the final SELECT reads them or not.
  const [inserted] = await prepared<SwipeRow>(
    tx,
    'swiper.swipe-insert',
    `WITH ins AS (
       INSERT INTO swiper_swipes (deck_id, card_id, realm, swiper, user_id, pass, direction)
       VALUES ($1::uuid, $2::uuid, $3::text, $4::text, $5::uuid, $6::int, $7::text)
       ON CONFLICT (card_id, realm, swiper, pass) DO NOTHING RETURNING *
     ), marked AS (
       UPDATE swiper_draws SET swiped = true
       WHERE deck_id = $1::uuid AND realm = $3::text AND swiper = $4::text AND pass = $6::int AND card_id = $2::uuid AND EXISTS (SELECT 1 FROM ins) RETURNING 1
     ), added AS (
       INSERT INTO swiper_draws (deck_id, realm, swiper, pass, card_id, position, swiped)
       SELECT $1::uuid, $3::text, $4::text, $6::int, $2::uuid, $8::int, true WHERE EXISTS (SELECT 1 FROM ins) AND NOT EXISTS (SELECT 1 FROM marked) RETURNING 1
     ), counted AS (
       UPDATE swiper_draw_states SET drawn = drawn + 1
       WHERE deck_id = $1::uuid AND realm = $3::text AND swiper = $4::text AND EXISTS (SELECT 1 FROM added) RETURNING 1
     )
     SELECT * FROM ins`,
    [card.deck_id, card.id, who.realm, who.swiper, me, state.pass, input.direction, state.drawn],
  );

  if (!inserted) {
    const first = (await tx('swiper_swipes').where({ card_id: card.id, realm: who.realm, swiper: who.swiper, pass: state.pass }).first()) as SwipeRow;
    if (first.direction !== input.direction) {
      throw new DomainError('CONFLICT', `You swiped ${first.direction} on this card already in this pass.`, { reason: 'ALREADY_SWIPED', direction: first.direction, swipeId: first.id });
    }
    const match = me && card.owner_id ? await existingMatch(tx, card.deck_id, me, card.owner_id) : undefined;
    return { ...toSwipe(first), replayed: true, xpAwarded: 0, match: match ? { id: match.id, userId: card.owner_id! } : null };
  }

  let xpAwarded = 0;
  if (me) {
    // The execution's params name the swipe (no second write to link them).
    const executed = await kernel.actions.execute(tx, {
      scope: who.scope,
      userId: me,
      actionCode: input.direction === 'super' ? SUPER_SWIPE_ACTION : SWIPE_ACTION,
      params: { swipeId: inserted.id, cardId: card.id },
      system: true,
    });
    xpAwarded = executed.effects.reduce((sum, e) => sum + (typeof e.result?.xpAwarded === 'number' ? e.result.xpAwarded : 0), 0);
  } else {
    const hit = await kernel.limits.hit(tx, `visitor:${who.swiper}`, VISITOR_WINDOW_SECONDS);
    if (hit.count > visitorDailySwipes) {
      throw new DomainError('RATE_LIMITED', 'This visitor swiped as often as a day allows; try again later.', {
        retryAfterSeconds: hit.resetSeconds,
        nextAvailableAt: new Date(Date.now() + hit.resetSeconds * 1000),
      });
    }
    // visitorId is the client's own choice, so a fresh one would reset the limit above: the client
    // address (an IPv6 client by its /64) also has a daily budget per application, a few visitors' worth.
    if (who.address && who.applicationId) {
      const limit = visitorDailySwipes * ADDRESS_VISITORS;
      const byAddress = await kernel.limits.hit(tx, `visitor-address:${who.applicationId}:${addressBucket(who.address)}`, VISITOR_WINDOW_SECONDS);
      if (byAddress.count > limit) {
        throw new DomainError('RATE_LIMITED', 'Visitors from this address swiped as often as a day allows; try again later.', {
          retryAfterSeconds: byAddress.resetSeconds,
          nextAvailableAt: new Date(Date.now() + byAddress.resetSeconds * 1000),
        });
      }
    }
  }

  const mode = who.scope.mode;
  await kernel.events.emit(tx, {
    event: swipeRecorded,
    data: { swipeId: inserted.id, deckId: card.deck_id, cardId: card.id, userId: me, direction: input.direction, pass: state.pass },
    mode,
    userId: me,
    applicationId: who.applicationId,
  });

  let match: { id: string; userId: string } | null = null;
  if (mutualCandidate) {
    const answered = await tx('swiper_swipes as s')
      .join('swiper_cards as c', 'c.id', 's.card_id')
      .where({ 's.deck_id': card.deck_id, 's.user_id': card.owner_id, 'c.owner_id': me, 's.realm': 'live' })
      .whereNot('s.direction', 'left')
      .first('s.id');
    if (answered) match = { id: (await createMatch(kernel, tx, card.deck_id, me!, card.owner_id!, 'mutual')).id, userId: card.owner_id! };
  }
  return { ...toSwipe(inserted), replayed: false, xpAwarded, match };
}

const toSwipe = (row: SwipeRow) => ({ id: row.id, cardId: row.card_id, deckId: row.deck_id, direction: row.direction, pass: row.pass, createdAt: row.created_at });

/** The card's owner likes back a user who liked the card: a match (once per pair and deck). */
export async function likeBack(kernel: Kernel, tx: Tx, ownerId: string, input: z.output<typeof s.likeBackInput>) {
  const card = (await tx('swiper_cards').where({ id: input.cardId, owner_id: ownerId }).first('id', 'deck_id')) as { id: string; deck_id: string } | undefined;
  if (!card) throw notFound('card');
  if (input.userId === ownerId) throw invalidField('userId', 'you cannot match yourself');
  await lockPair(tx, card.deck_id, ownerId, input.userId);
  const liked = await tx('swiper_swipes').where({ card_id: card.id, user_id: input.userId, realm: 'live' }).whereNot('direction', 'left').first('id');
  if (!liked || (await blockedEitherWay(tx, ownerId, input.userId))) throw notFound('like', 'This user has not liked this card.');
  const match = await createMatch(kernel, tx, card.deck_id, ownerId, input.userId, 'like_back');
  return matchById(kernel, tx, ownerId, match.id);
}

interface MatchRow {
  id: string;
  deck_id: string;
  user_low: string;
  user_high: string;
  kind: 'mutual' | 'like_back';
  created_at: Date;
}

async function toMatches(kernel: Kernel, tx: Tx, me: string, rows: MatchRow[]) {
  const others = rows.map((r) => (r.user_low === me ? r.user_high : r.user_low));
  const names = await kernel.users.names(tx, others);
  return rows.map((r, i) => ({ id: r.id, deckId: r.deck_id, userId: others[i]!, username: names.get(others[i]!) ?? '', kind: r.kind, createdAt: r.created_at }));
}

async function matchById(kernel: Kernel, tx: Tx, me: string, id: string) {
  const row = (await tx('swiper_matches').where({ id }).first()) as MatchRow;
  return (await toMatches(kernel, tx, me, [row]))[0]!;
}

export async function listMatches(kernel: Kernel, tx: Tx, me: string, input: z.output<typeof s.matchesInput>) {
  const query = tx('swiper_matches').where((q) => q.where('user_low', me).orWhere('user_high', me));
  const { rows, nextCursor } = await newestFirstPage<MatchRow>(query, input);
  return { items: await toMatches(kernel, tx, me, rows), nextCursor };
}

/** Who liked the owner's card (to like them back), newest first. */
export async function listLikes(kernel: Kernel, tx: Tx, ownerId: string, input: z.output<typeof s.likesInput>) {
  const card = await tx('swiper_cards').where({ id: input.cardId, owner_id: ownerId }).first('id');
  if (!card) throw notFound('card');
  const query = tx('swiper_swipes')
    .where({ card_id: input.cardId, realm: 'live' })
    .whereNotNull('user_id')
    .whereNot('direction', 'left')
    .whereNotExists(tx('swiper_blocks as b').whereRaw('(b.blocker_id = ? AND b.blocked_id = swiper_swipes.user_id) OR (b.blocked_id = ? AND b.blocker_id = swiper_swipes.user_id)', [ownerId, ownerId]))
    .select('id', 'user_id', 'direction', 'created_at');
  const { rows, nextCursor } = await newestFirstPage<{ id: string; user_id: string; direction: 'right' | 'super'; created_at: Date }>(query, input);
  const names = await kernel.users.names(tx, rows.map((r) => r.user_id));
  return { items: rows.map((r) => ({ userId: r.user_id, username: names.get(r.user_id) ?? '', direction: r.direction, likedAt: r.created_at })), nextCursor };
}

/** Blocks a user: neither sees the other's cards again, and their matches end. Blocking twice is fine. */
export async function block(kernel: Kernel, tx: Tx, me: string, userId: string) {
  if (userId === me) throw invalidField('userId', 'you cannot block yourself');
  if (!(await kernel.users.exists(tx, userId))) throw notFound('user');
  await tx('swiper_blocks').insert({ blocker_id: me, blocked_id: userId }).onConflict(['blocker_id', 'blocked_id']).ignore();
  const [low, high] = me < userId ? [me, userId] : [userId, me];
  await tx('swiper_matches').where({ user_low: low, user_high: high }).delete();
}

export async function report(tx: Tx, me: string, input: z.output<typeof s.reportInput>) {
  const card = await tx('swiper_cards').where({ id: input.cardId }).first('id');
  if (!card) throw notFound('card');
  const [row] = (await tx('swiper_reports')
    .insert({ reporter_id: me, card_id: input.cardId, reason: input.reason, note: input.note ?? '' })
    .onConflict(['reporter_id', 'card_id'])
    .ignore()
    .returning('*')) as Array<{ id: string; card_id: string; reason: string; created_at: Date }>;
  if (!row) throw conflict('ALREADY_REPORTED', 'You reported this card already.');
  return { id: row.id, cardId: row.card_id, reason: row.reason, createdAt: row.created_at };
}
