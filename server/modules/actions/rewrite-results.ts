// Start-up conversions of stored effect results: an effect whose results once kept a field they no
// longer keep (a shown-once secret an older version logged) has its old rows rewritten, batch by
// batch, by a function its owner gives. Idempotent: a rewritten row no longer holds the field.
import type { Knex } from 'knex';

const BATCH = 500;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An effect-log row still holding the field, with the execution it belongs to. */
export interface StoredEffectResult {
  result: Record<string, unknown>;
  userId: string;
  executionId: string;
}

export type RewriteResult = (trx: Knex.Transaction, row: StoredEffectResult) => Promise<Record<string, unknown>>;

/**
 * Rewrites every logged result of `effectCode` that holds `field`, each batch in its own
 * transaction with the rewrite's own writes; returns how many it rewrote. The rewritten result
 * must no longer hold `field`.
 */
export async function rewriteEffectResults(knex: Knex, effectCode: string, field: string, rewrite: RewriteResult): Promise<number> {
  // Literals, not parameters, so that a partial index on this very predicate serves the look-up
  // (the mailer's 20261206000002 has one); both are checked names.
  if (!NAME.test(effectCode) || !NAME.test(field)) throw new Error(`Not an effect code and field: ${effectCode}, ${field}`);
  let rewritten = 0;
  for (;;) {
    const done = await knex.transaction(async (trx) => {
      const rows = (await trx('effect_execution_log as e')
        .join('user_action_log as l', 'l.id', 'e.execution_id')
        .whereRaw(`e.effect_code = '${effectCode}' AND (e.result ->> '${field}') IS NOT NULL`)
        .orderBy('e.id')
        .limit(BATCH)
        .select('e.id', 'e.result', 'e.execution_id', 'l.user_id')) as Array<{ id: string; result: Record<string, unknown>; execution_id: string; user_id: string }>;
      for (const row of rows) {
        const result = await rewrite(trx, { result: row.result, userId: row.user_id, executionId: row.execution_id });
        if (result[field] !== undefined && result[field] !== null) throw new Error(`The rewritten result of ${effectCode} still holds ${field}`);
        await trx('effect_execution_log').where({ id: row.id }).update({ result: JSON.stringify(result) });
      }
      return rows.length;
    });
    rewritten += done;
    if (done < BATCH) return rewritten;
  }
}
