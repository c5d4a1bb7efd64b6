// Who draws and swipes: a signed-in user (live), or an anonymous visitor of a site that embeds the
// widget with its application's publishable key (its realm: live, or the application's sandbox for
// a test key). A visitor reaches only decks of the application's owner.
import { invalidField, LIVE_SCOPE, notFound, type Context, type ModeScope, type PublishableKeyPrincipal } from '../../../server/extensions/api';
import type { DeckRow } from './models';

export interface SwiperIdentity {
  realm: string;
  /** The user's id, or `v:<applicationId>:<visitorId>`. */
  swiper: string;
  userId: string | null;
  scope: ModeScope;
  /** For a visitor: the only owner whose decks it may reach. */
  deckOwner: string | null;
  applicationId: string | null;
  /** For a visitor: the client address (as Fastify gives it, honouring trust-proxy), for a per-address limit. */
  address: string | null;
}

type SwipeContext = Context & { publishable: PublishableKeyPrincipal | null; auth: { user: { id: string } } | null };

export function identify(ctx: SwipeContext, visitorId: string | undefined): SwiperIdentity {
  const key = ctx.publishable;
  if (!key) return { realm: 'live', swiper: ctx.auth!.user.id, userId: ctx.auth!.user.id, scope: LIVE_SCOPE, deckOwner: null, applicationId: null, address: null };
  if (!visitorId) throw invalidField('visitorId', 'a publishable key swipes for an anonymous visitor: send visitorId');
  const test = key.mode === 'test';
  return {
    realm: test ? `test:${key.applicationId}` : 'live',
    swiper: `v:${key.applicationId}:${visitorId}`,
    userId: null,
    scope: test ? { mode: 'test', applicationId: key.applicationId } : LIVE_SCOPE,
    deckOwner: key.ownerId,
    applicationId: key.applicationId,
    address: ctx.req.ip,
  };
}

/** A visitor sees only its application owner's decks; anything else is "not found". */
export function checkReach(identity: SwiperIdentity, deck: Pick<DeckRow, 'owner_id'>): void {
  if (identity.deckOwner && deck.owner_id !== identity.deckOwner) throw notFound('deck');
}
