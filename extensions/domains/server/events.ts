// Events of the domain portfolio (in the webhook catalogue with their payloads).
import { z } from 'zod';
import { eventType } from '../../../server/extensions/api';

export const domainExpiring = eventType({
  type: 'domain.expiring',
  description: 'A name in the portfolio expires soon (registry data by RDAP): sent once per name, threshold (30 and 7 days before) and expiry date, by the daily check. Only the nearest threshold due is sent for a name first seen close to its expiry.',
  data: z.object({
    domainId: z.string(),
    name: z.string().describe('Unicode form.'),
    asciiName: z.string(),
    ownerId: z.string(),
    expiresAt: z.string().describe('ISO 8601.'),
    daysBefore: z.number().int().describe('The threshold reached: 30 or 7.'),
  }),
});

export const registrarUpdated = eventType({
  type: 'domain.registrar_updated',
  description: 'An RDAP look-up changed what is known of a name: its registration state, registrar or expiry date.',
  data: z.object({
    domainId: z.string(),
    name: z.string(),
    ownerId: z.string(),
    state: z.enum(['registered', 'not_registered']),
    registrar: z.string().nullable(),
    expiresAt: z.string().nullable(),
  }),
});
