// Drawing: each swiper goes through a deck by weighted random without replacement. The cards drawn
// and not yet swiped in the current pass come back first; once every eligible card of the pass was
// drawn and swiped, the next draw starts a new pass. The swiper's state row is locked for the draw,
// so parallel draws (two tabs, two instances) never hand out the same card twice in a pass.
import type { z } from 'zod';
import type { Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { findDeck } from './decks';
import { checkReach, type SwiperIdentity } from './caller';
import { drawWithoutReplacement, randomSource } from './sampler';
import type { CardRow } from './models';

export interface DrawState {
  pass: number;
  drawn: number;
}

/**
 * The swiper's state in a deck, created on first use and locked until `tx` ends: one statement (an
 * upsert whose no-op update takes the row lock and returns the row).
 */
export async function lockState(tx: Tx, deckId: string, who: SwiperIdentity): Promise<DrawState> {
  const { rows } = await tx.raw(
    `INSERT INTO swiper_draw_states (deck_id, realm, swiper) VALUES (?, ?, ?)
     ON CONFLICT (deck_id, realm, swiper) DO UPDATE SET pass = swiper_draw_states.pass
     RETURNING pass, drawn`,
    [deckId, who.realm, who.swiper],
  );
  return rows[0] as DrawState;
}

/** Cards the swiper may get in `pass`: active, not drawn in it, not their own, no block either way, not reported by them. */
function eligibleCards(tx: Tx, deckId: string, who: SwiperIdentity, pass: number) {
  const query = tx('swiper_cards as c')
    .where({ 'c.deck_id': deckId, 'c.active': true })
    .whereNotExists(
      tx('swiper_draws as d').whereRaw('d.deck_id = c.deck_id AND d.card_id = c.id').where({ 'd.realm': who.realm, 'd.swiper': who.swiper, 'd.pass': pass }),
    )
    .orderBy('c.id')
    .select('c.id', 'c.weight');
  if (who.userId) {
    const me = who.userId;
    query
      .where((q) => q.whereNull('c.owner_id').orWhere('c.owner_id', '<>', me))
      .whereNotExists(tx('swiper_blocks as b').whereRaw('(b.blocker_id = ? AND b.blocked_id = c.owner_id) OR (b.blocked_id = ? AND b.blocker_id = c.owner_id)', [me, me]))
      .whereNotExists(tx('swiper_reports as r').whereRaw('r.card_id = c.id').where('r.reporter_id', me));
  }
  return query as unknown as Promise<Array<{ id: string; weight: number }>>;
}

export async function draw(tx: Tx, seed: string | null, who: SwiperIdentity, input: z.output<typeof s.drawInput>) {
  const deck = await findDeck(tx, input.deckId);
  checkReach(who, deck);
  const state = await lockState(tx, deck.id, who);
  const stateKey = { deck_id: deck.id, realm: who.realm, swiper: who.swiper };
  const pending = (await tx('swiper_draws').where({ ...stateKey, pass: state.pass, swiped: false }).orderBy('position').limit(input.count).select('card_id', 'position')) as Array<{
    card_id: string;
    position: number;
  }>;
  let { pass, drawn } = state;
  let fresh: Array<{ id: string; position: number }> = [];
  const need = input.count - pending.length;
  if (need > 0) {
    let pool = await eligibleCards(tx, deck.id, who, pass);
    if (!pool.length && !pending.length && drawn > 0) {
      // Everything of this pass was drawn and swiped: a new pass, if the deck still has cards for them.
      const next = await eligibleCards(tx, deck.id, who, pass + 1);
      if (next.length) {
        pass += 1;
        drawn = 0;
        pool = next;
      }
    }
    const picks = drawWithoutReplacement(
      pool.map((c) => ({ id: c.id, weight: Number(c.weight) })),
      need,
      randomSource(seed, [deck.id, who.realm, who.swiper, pass, drawn]),
    );
    fresh = picks.map((card, i) => ({ id: card.id, position: drawn + i }));
    if (fresh.length) {
      await tx('swiper_draws').insert(fresh.map((c) => ({ ...stateKey, pass, card_id: c.id, position: c.position })));
    }
    if (fresh.length || pass !== state.pass) await tx('swiper_draw_states').where(stateKey).update({ pass, drawn: drawn + fresh.length });
  }
  const order = [...pending.map((p) => ({ id: p.card_id, position: p.position })), ...fresh];
  const rows = order.length ? ((await tx('swiper_cards').whereIn('id', order.map((c) => c.id)).select('id', 'deck_id', 'profile')) as Pick<CardRow, 'id' | 'deck_id' | 'profile'>[]) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    pass,
    cards: order.map((c) => ({ id: c.id, deckId: deck.id, profile: byId.get(c.id)!.profile, position: c.position })),
  };
}
