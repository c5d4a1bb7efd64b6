// streak: consecutive days (in the user's own zone) on which the action ran.
import { z } from 'zod';
import { DateTime } from 'luxon';
import { dayIn } from '../availability';
import { defineEffect } from './effect';

export const streakEffect = defineEffect({
  code: 'streak',
  name: 'Streak',
  description: 'Counts consecutive days (the user’s calendar days) with this action; `streak` names it (default: the action code).',
  params: z.strictObject({ streak: z.string().regex(/^[a-z0-9_.-]{1,64}$/).optional() }),
  async apply(ctx, p) {
    const name = p.streak ?? ctx.action.code;
    const today = dayIn(ctx.now, ctx.timezone);
    const yesterday = DateTime.fromISO(today, { zone: ctx.timezone }).minus({ days: 1 }).toISODate()!;
    // One upsert under the row lock: same day keeps the count, the next day adds one, a gap restarts.
    const { rows } = await ctx.trx.raw(
      `INSERT INTO user_streaks AS s (mode, user_id, streak, current, longest, last_day) VALUES (?, ?, ?, 1, 1, ?::date)
       ON CONFLICT (mode, user_id, streak) DO UPDATE SET
         current = CASE WHEN s.last_day = EXCLUDED.last_day THEN s.current
                        WHEN s.last_day = ?::date THEN s.current + 1 ELSE 1 END,
         longest = GREATEST(s.longest, CASE WHEN s.last_day = EXCLUDED.last_day THEN s.current
                                            WHEN s.last_day = ?::date THEN s.current + 1 ELSE 1 END),
         last_day = GREATEST(s.last_day, EXCLUDED.last_day)
       RETURNING current, longest`,
      [ctx.realm, ctx.userId, name, today, yesterday, yesterday],
    );
    return { status: 'applied', result: { streak: name, current: rows[0].current, longest: rows[0].longest, day: today } };
  },
});
