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

  /** A deck's cards, a page at a time (the deck's owner or an administrator). */
  cards(deckId: string, query: Without<Query<'/ext/swiper/decks/{deckId}/cards', 'get'>, 'deckId'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/swiper/decks/{deckId}/cards', { path: { deckId }, query: query as Query<'/ext/swiper/decks/{deckId}/cards', 'get'> }, options);
  }

  /** Removes a card (its owner, the deck's owner or an administrator); in a users deck, leaving it. */
  removeCard(cardId: string, options?: CallOptions) {
    return this.http.request('delete', '/ext/swiper/cards/{cardId}', { path: { cardId } }, options);
  }

  /** Opts the signed-in user into a users deck, as one card. */
  join(deckId: string, input: Without<Body<'/ext/swiper/decks/{deckId}/join', 'post'>, 'deckId'> = {}, options?: CallOptions) {
    return this.http.request('post', '/ext/swiper/decks/{deckId}/join', { path: { deckId }, body: input as Body<'/ext/swiper/decks/{deckId}/join', 'post'> }, options);
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

  /** Who liked a card the signed-in user owns, a page at a time. */
  likes(cardId: string, query: Without<Query<'/ext/swiper/cards/{cardId}/likes', 'get'>, 'cardId'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/swiper/cards/{cardId}/likes', { path: { cardId }, query: query as Query<'/ext/swiper/cards/{cardId}/likes', 'get'> }, options);
  }

  /** Blocks a user: their cards and yours are hidden from each other, and matches between you end. */
  block(userId: string, options?: CallOptions) {
    return this.http.request('post', '/ext/swiper/blocks', { body: { userId } }, options);
  }

  /** Reports a card; it is hidden from you. */
  report(input: Body<'/ext/swiper/reports', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/ext/swiper/reports', { body: input }, options);
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
