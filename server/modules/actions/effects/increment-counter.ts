// increment_counter: a named per-user counter (votes cast, puzzles solved …), atomic under races.
import { z } from 'zod';
import { defineEffect } from './effect';

export const incrementCounterEffect = defineEffect({
  code: 'increment_counter',
  name: 'Increment counter',
  description: 'Adds `by` (default 1) to the user’s counter `counter`.',
  params: z.strictObject({ counter: z.string().regex(/^[a-z0-9_.:-]{1,64}$/), by: z.number().int().min(1).max(1_000_000).default(1) }),
  async apply(ctx, p) {
    // One upsert: the increment happens under the row's lock, so parallel executions all count.
    const { rows } = await ctx.trx.raw(
      `INSERT INTO user_counters AS c (mode, user_id, counter, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (mode, user_id, counter) DO UPDATE SET value = c.value + EXCLUDED.value, updated_at = now()
       RETURNING value`,
      [ctx.realm, ctx.userId, p.counter, p.by],
    );
    return { status: 'applied', result: { counter: p.counter, value: Number(rows[0].value) } };
  },
});
