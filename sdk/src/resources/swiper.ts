// calos.swiper: the Profile Swiper extension (/api/ext/swiper/*): decks, the generator, draws and
// swipes, matches, analytics and the swipe exports. Pages embed the widget instead (a publishable key).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type SwiperDeck = Result<'/ext/swiper/decks/{deckId}', 'get'>;
export type SwiperDraw = Result<'/ext/swiper/decks/{deckId}/draw', 'post'>;
export type SwiperSwipe = Result<'/ext/swiper/swipes', 'post'>;
export type SwiperAnalytics = Result<'/ext/swiper/decks/{deckId}/analytics', 'get'>;
type Without<T, K extends string> = Omit<NonNullable<T>, K>;

export class SwiperApi {
  constructor(private readonly http: Transport) {}

  createDeck(input: Body<'/ext/swiper/decks', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/ext/swiper/decks', { body: input }, options);
  }

  /** A synthetic deck from weighted lists; the same seed and lists make the same profiles. */
  generateDeck(input: Body<'/ext/swiper/decks/generate', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/ext/swiper/decks/generate', { body: input }, options);
  }

  decks(query: Query<'/ext/swiper/decks', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/swiper/decks', { query }, options);
  }

  deck(deckId: string, options?: CallOptions): Promise<SwiperDeck> {
    return this.http.request('get', '/ext/swiper/decks/{deckId}', { path: { deckId } }, options);
  }

  addCard(deckId: string, input: Without<Body<'/ext/swiper/decks/{deckId}/cards', 'post'>, 'deckId'>, options?: CallOptions) {
    return this.http.request('post', '/ext/swiper/decks/{deckId}/cards', { path: { deckId }, body: input as Body<'/ext/swiper/decks/{deckId}/cards', 'post'> }, options);
  }

  draw(deckId: string, input: Without<Body<'/ext/swiper/decks/{deckId}/draw', 'post'>, 'deckId'> = {}, options?: CallOptions): Promise<SwiperDraw> {
    return this.http.request('post', '/ext/swiper/decks/{deckId}/draw', { path: { deckId }, body: input as Body<'/ext/swiper/decks/{deckId}/draw', 'post'> }, options);
  }

  /** Once per card and pass: the same call again answers the first swipe (`replayed: true`). */
  swipe(cardId: string, direction: 'left' | 'right' | 'super', options?: CallOptions): Promise<SwiperSwipe> {
    return this.http.request('post', '/ext/swiper/swipes', { body: { cardId, direction } }, options);
  }

  matches(query: Query<'/ext/swiper/matches', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/swiper/matches', { query }, options);
  }

  likeBack(cardId: string, userId: string, options?: CallOptions) {
    return this.http.request('post', '/ext/swiper/cards/{cardId}/like-back', { path: { cardId }, body: { userId } as Body<'/ext/swiper/cards/{cardId}/like-back', 'post'> }, options);
  }

  analytics(deckId: string, query: Without<Query<'/ext/swiper/decks/{deckId}/analytics', 'get'>, 'deckId'> = {}, options?: CallOptions): Promise<SwiperAnalytics> {
    return this.http.request('get', '/ext/swiper/decks/{deckId}/analytics', { path: { deckId }, query: query as Query<'/ext/swiper/decks/{deckId}/analytics', 'get'> }, options);
  }

  /** The deck's swipes as CSV (not in the OpenAPI document: it is not JSON). */
  async exportCsv(deckId: string, options?: CallOptions): Promise<string> {
    return (await this.http.untyped('get', '/ext/swiper/decks/{deckId}/swipes.csv', { path: { deckId }, text: true }, options)) as string;
  }
}
