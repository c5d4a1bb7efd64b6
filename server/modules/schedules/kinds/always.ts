// `always`: open at every instant; it never opens or closes, so both "next" answers are null.
import { z } from 'zod';
import { calendarOf, defineScheduleKind } from './definition';

export const alwaysKind = defineScheduleKind({
  id: 'always',
  description: 'Open at every instant.',
  paramsSchema: z.strictObject({}),
  calendar: () => calendarOf(() => ({ open: true, reason: null, nextOpenAt: null, nextCloseAt: null })),
});
