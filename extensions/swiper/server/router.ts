// The swiper's procedures: decks and cards, the generator, draws and swipes (a signed-in user, or a
// web page with a publishable key), matches, blocks and reports, analytics and the export pages.
import * as s from '../schemas';
import { noContent } from '../../../shared/schemas/auth';
import { kernelOf, router, userOrPublishableKeyProcedure, userProcedure, type Context } from '../../../server/extensions/api';
import { swiperSettings } from '../settings';
import * as decks from './decks';
import { draw } from './draw';
import * as swipes from './swipes';
import { identify } from './caller';
import { deckAnalytics, exportPage } from './analytics';
import * as ex from './examples';

const kernel = (ctx: Pick<Context, 'platform'>) => kernelOf(ctx, 'swiper');
const settings = (ctx: Pick<Context, 'platform'>) => kernel(ctx).settings(swiperSettings);
const tags = ['swiper'];

export const swiperRouter = router({
  createDeck: userProcedure
    .meta({
      openapi: { method: 'POST', path: '/ext/swiper/decks', tags, summary: 'Create a deck', description: 'Creates an empty deck you own: a `cards` deck takes the profiles you add; a `users` deck takes users who join it themselves (one card each).', protect: true },
      successStatus: 201,
      examples: ex.createDeck,
    })
    .input(s.createDeckInput)
    .output(s.deckOutput)
    .mutation(({ ctx, input }) => decks.createDeck(ctx.db, ctx.auth.user.id, input)),

  generateDeck: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ext/swiper/decks/generate',
        tags,
        summary: 'Generate a synthetic deck from weighted lists',
        description:
          'Creates a deck of `count` synthetic profiles (marked `synthetic`): each takes a name and one value of each attribute, drawn by weight from a stream the `seed` fixes, so the same seed and lists make the same profiles. Pictures are generated avatars (`/api/ext/swiper/avatar.svg`).',
        protect: true,
      },
      successStatus: 201,
      examples: ex.generateDeck,
    })
    .input(s.generateDeckInput)
    .output(s.deckOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => decks.generateDeck(tx, ctx.auth.user.id, input))),

  decks: userProcedure
    .meta({
      openapi: { method: 'GET', path: '/ext/swiper/decks', tags, summary: 'Decks, newest first', description: 'Every deck (anyone signed in may draw one), or only yours with `mine`.', protect: true },
      examples: ex.decks,
    })
    .input(s.decksInput)
    .output(s.decksOutput)
    .query(({ ctx, input }) => decks.listDecks(ctx.db, ctx.auth.user.id, input)),

  deck: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/swiper/decks/{deckId}', tags, summary: 'A deck', description: 'A deck with its number of active cards; any signed-in user may see and draw it.', protect: true }, examples: ex.deck })
    .input(s.deckIdInput)
    .output(s.deckOutput)
    .query(({ ctx, input }) => decks.getDeck(ctx.db, input.deckId)),

  cards: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/swiper/decks/{deckId}/cards', tags, summary: "A deck's active cards, newest first", description: 'The active cards of a deck with their weights and profiles (removed cards are left out).', protect: true }, examples: ex.cards })
    .input(s.cardsInput)
    .output(s.cardsOutput)
    .query(({ ctx, input }) => decks.listCards(ctx.db, input)),

  addCard: userProcedure
    .meta({
      openapi: { method: 'POST', path: '/ext/swiper/decks/{deckId}/cards', tags, summary: 'Add a card to your deck', description: 'Adds a profile (any name, picture and attributes) with a weight to a `cards` deck you own; you answer for it (you may like back those who like it). 409 on a users deck.', protect: true },
      successStatus: 201,
      errors: ['CONFLICT'],
      examples: ex.addCard,
    })
    .input(s.addCardInput)
    .output(s.cardOutput)
    .mutation(({ ctx, input }) => decks.addCard(ctx.db, ctx.auth.user.id, input)),

  removeCard: userProcedure
    .meta({ openapi: { method: 'DELETE', path: '/ext/swiper/cards/{cardId}', tags, summary: 'Remove a card (or leave a users deck)', description: "The deck's owner removes any card; a member removes their own. Its swipes stay in the analytics.", protect: true }, successStatus: 204, examples: ex.removeCard })
    .input(s.cardIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => decks.removeCard(ctx.db, ctx.auth.user.id, input.cardId)),

  join: userProcedure
    .meta({
      openapi: { method: 'POST', path: '/ext/swiper/decks/{deckId}/join', tags, summary: 'Opt in to a users deck', description: 'Puts you in a users deck: one card with your username and the attributes you choose. 409 when you are in already, or on a cards deck.', protect: true },
      successStatus: 201,
      errors: ['CONFLICT'],
      examples: ex.join,
    })
    .input(s.joinDeckInput)
    .output(s.cardOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => decks.joinDeck(kernel(ctx), tx, ctx.auth.user.id, input))),

  draw: userOrPublishableKeyProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ext/swiper/decks/{deckId}/draw',
        tags,
        summary: 'Draw cards (weighted, without replacement)',
        description:
          'Draws up to `count` cards by weighted random without replacement: no card comes twice in a pass; cards drawn and not yet swiped come back first; once every card was drawn and swiped a new pass starts. Your own card, blocked users and cards you reported are left out. With a publishable key: for the anonymous `visitorId`, on decks of the key application\'s owner only.',
        protect: true,
      },
      examples: ex.draw,
    })
    .input(s.drawInput)
    .output(s.drawOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => draw(tx, settings(ctx).seed, identify(ctx, input.visitorId), input))),

  swipe: userOrPublishableKeyProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ext/swiper/swipes',
        tags,
        summary: 'Swipe a card (left, right or super)',
        description:
          'Records a swipe, once per swiper, card and pass: the same request again answers the first swipe with `replayed: true` and runs nothing twice; another direction is 409 ALREADY_SWIPED. A signed-in user\'s swipe executes `swipe_card` (`super_swipe` for super), so XP, cooldowns and daily limits apply (429 and no swipe when refused); an anonymous visitor\'s swipes are limited per visitor and per client address and day (429 RATE_LIMITED). A like makes a match when the card\'s user liked one of yours in a users deck. Emits `swipe.recorded` (and `match.created`).',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND', 'CONFLICT', 'DAILY_LIMIT', 'COOLDOWN', 'RATE_LIMITED'],
      examples: ex.swipe,
    })
    .input(s.swipeInput)
    .output(s.swipeOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => swipes.swipe(kernel(ctx), tx, settings(ctx).visitorDailySwipes, identify(ctx, input.visitorId), input))),

  matches: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/swiper/matches', tags, summary: 'Your matches, newest first', description: 'Your matches in every deck, with the other user; a block ends a match.', protect: true }, examples: ex.matches })
    .input(s.matchesInput)
    .output(s.matchesOutput)
    .query(({ ctx, input }) => swipes.listMatches(kernel(ctx), ctx.db, ctx.auth.user.id, input)),

  likes: userProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/swiper/cards/{cardId}/likes', tags, summary: 'Who liked your card', description: 'The users who liked a card you answer for, newest first, to like them back.', protect: true }, examples: ex.likes })
    .input(s.likesInput)
    .output(s.likesOutput)
    .query(({ ctx, input }) => swipes.listLikes(kernel(ctx), ctx.db, ctx.auth.user.id, input)),

  likeBack: userProcedure
    .meta({
      openapi: { method: 'POST', path: '/ext/swiper/cards/{cardId}/like-back', tags, summary: 'Like back a user who liked your card (a match)', description: 'Matches you with a user who liked a card you answer for (once per pair and deck; again answers the same match). Emits `match.created`.', protect: true },
      successStatus: 201,
      examples: ex.likeBack,
    })
    .input(s.likeBackInput)
    .output(s.matchOutput)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => swipes.likeBack(kernel(ctx), tx, ctx.auth.user.id, input))),

  block: userProcedure
    .meta({ openapi: { method: 'POST', path: '/ext/swiper/blocks', tags, summary: 'Block a user', description: 'Neither of you is shown the other\'s cards again and your matches end. Blocking again changes nothing.', protect: true }, successStatus: 204, examples: ex.block })
    .input(s.blockInput)
    .output(noContent)
    .mutation(({ ctx, input }) => kernel(ctx).transaction((tx) => swipes.block(kernel(ctx), tx, ctx.auth.user.id, input.userId))),

  report: userProcedure
    .meta({ openapi: { method: 'POST', path: '/ext/swiper/reports', tags, summary: 'Report a card', description: 'Reports a card for the operators; you are not shown it again. 409 when you reported it already.', protect: true }, successStatus: 201, errors: ['CONFLICT'], examples: ex.report })
    .input(s.reportInput)
    .output(s.reportOutput)
    .mutation(({ ctx, input }) => swipes.report(ctx.db, ctx.auth.user.id, input)),

  analytics: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ext/swiper/decks/{deckId}/analytics',
        tags,
        summary: "Your deck's analytics",
        description: 'Per card and per attribute value: swipes, like rate ((right + super) / swipes) and its 95% Wilson interval; and swipes per UTC day over `days`. Live swipes only. The swipes themselves: `GET /api/ext/swiper/decks/{deckId}/swipes.csv` or `.json` (streamed).',
        protect: true,
      },
      examples: ex.analytics,
    })
    .input(s.analyticsInput)
    .output(s.analyticsOutput)
    .query(({ ctx, input }) => deckAnalytics(ctx.db, ctx.auth.user.id, input)),

  // tRPC only: the pages the CSV and JSON exports stream (server/downloads.ts).
  exportPage: userProcedure
    .input(s.exportPageInput)
    .output(s.exportPageOutput)
    .query(({ ctx, input }) => exportPage(ctx.db, ctx.auth.user.id, input)),
});
