// award_credits: credits on the user's balance (what the original's unpaid money rewards become).
import { z } from 'zod';
import { defineEffect } from './effect';

export const awardCreditsEffect = defineEffect({
  code: 'award_credits',
  name: 'Award credits',
  description: 'Adds `amount` credits to the user’s balance, with a ledger entry.',
  params: z.strictObject({ amount: z.number().int().min(1).max(1_000_000_000), reason: z.string().max(200).optional() }),
  async apply(ctx, p) {
    // The balance and its ledger entry are written by one statement, under the balance row's lock.
    const { rows } = await ctx.trx.raw(
      `WITH b AS (
         INSERT INTO user_credit_balances AS b (mode, user_id, balance) VALUES (?, ?, ?)
         ON CONFLICT (mode, user_id) DO UPDATE SET balance = b.balance + EXCLUDED.balance
         RETURNING balance)
       INSERT INTO credit_ledger (mode, user_id, amount, balance_after, reason, execution_id)
       SELECT ?, ?, ?, b.balance, ?, ? FROM b RETURNING balance_after`,
      [ctx.realm, ctx.userId, p.amount, ctx.realm, ctx.userId, p.amount, p.reason ?? `action:${ctx.action.code}`, ctx.executionId],
    );
    return { status: 'applied', result: { amount: p.amount, balance: Number(rows[0].balance_after) } };
  },
});
