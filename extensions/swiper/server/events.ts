// Events of the swiper (see server/events/catalogue.ts): in the webhook catalogue with their payloads.
import { z } from 'zod';
import { eventType } from '../../../server/extensions/api';

export const swipeRecorded = eventType({
  type: 'swipe.recorded',
  description: 'A swipe was recorded (once per swiper, card and pass; a repeated request emits nothing). `userId` is null for an anonymous widget visitor.',
  data: z.object({
    swipeId: z.string(),
    deckId: z.string(),
    cardId: z.string(),
    userId: z.string().nullable(),
    direction: z.enum(['left', 'right', 'super']),
    pass: z.number().int(),
  }),
});

export const matchCreated = eventType({
  type: 'match.created',
  description: 'Two users matched in a deck: both liked each other’s card (`mutual`), or a card’s owner liked back a user who liked it (`like_back`). Emitted once per pair and deck.',
  data: z.object({
    matchId: z.string(),
    deckId: z.string(),
    userIds: z.array(z.string()).length(2),
    kind: z.enum(['mutual', 'like_back']),
  }),
});
