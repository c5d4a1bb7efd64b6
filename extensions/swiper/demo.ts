// The demo's swiper: a synthetic deck of generated profiles (marked synthetic) owned by the demo
// account, and a few days of the synthetic players' swipes on it, so its analytics have data.
import { daysBefore, LIVE_SCOPE, type DemoContext, type Kernel } from '../../server/extensions/api';
import { generateDeck } from './server/decks';
import { swipe } from './server/swipes';
import { drawWithoutReplacement } from './server/sampler';

export const DEMO_DECK_NAME = 'Demo profiles (synthetic)';

export async function seedDemoSwiper(kernel: Kernel, demo: DemoContext): Promise<Record<string, number>> {
  const deck = await generateDeck(demo.trx, demo.demo.id, {
    name: DEMO_DECK_NAME,
    description: 'Generated profiles, not people: try the swiper and its analytics.',
    seed: 'calos-demo',
    count: 24,
    attributes: [
      { key: 'city', values: [{ value: 'Lyon', weight: 3 }, { value: 'Paris', weight: 2 }, { value: 'Berlin', weight: 1 }] },
      { key: 'hobby', values: [{ value: 'climbing', weight: 1 }, { value: 'chess', weight: 2 }, { value: 'music', weight: 2 }] },
      { key: 'age', values: [{ value: 24, weight: 1 }, { value: 31, weight: 2 }, { value: 45, weight: 1 }] },
    ],
  });
  const cards = (await demo.trx('swiper_cards').where({ deck_id: deck.id }).orderBy('id').select('id', 'weight', 'profile')) as Array<{ id: string; weight: number; profile: { attributes: Record<string, unknown> } }>;
  const random = demo.random('swiper');
  let swipes = 0;
  for (const [i, player] of demo.players.slice(0, 8).entries()) {
    const who = { realm: 'live', swiper: player.id, userId: player.id, scope: LIVE_SCOPE, deckOwner: null, applicationId: null, address: null };
    for (const card of drawWithoutReplacement(cards.map((c) => ({ ...c, weight: Number(c.weight) })), 6, () => random.next())) {
      // Chess players are liked more often: the analytics show a difference per attribute value.
      const likeChance = card.profile.attributes.hobby === 'chess' ? 0.7 : 0.35;
      const direction = random.chance(likeChance) ? 'right' : 'left';
      await swipe(kernel, demo.trx, 1_000_000, who, { cardId: card.id, direction });
      swipes += 1;
    }
    const day = daysBefore(demo.now, (i % 5) + 1);
    await demo.trx('swiper_swipes').where({ deck_id: deck.id, swiper: player.id }).update({ created_at: day });
    await demo.backdate(day);
  }
  return { decks: 1, swipes };
}
