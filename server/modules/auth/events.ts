// Events of the identity module (see server/events/catalogue.ts).
import { z } from 'zod';
import { defineEvent } from '../../events/catalogue';

export const userRegistered = defineEvent({
  type: 'user.registered',
  description: 'A new account was created.',
  data: z.object({ userId: z.string(), username: z.string(), createdAt: z.string() }),
});

export const deviceAlertRaised = defineEvent({
  type: 'device.alert_raised',
  description: 'A sign-in raised a spoofing alert (time zone or hardware changed, or contradictory signals).',
  data: z.object({ userId: z.string(), deviceId: z.string().nullable(), alertId: z.string(), kind: z.string(), severity: z.string() }),
});
