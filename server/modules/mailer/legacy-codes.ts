// Start-up step for databases from before granted codes were kept only as hashes: the effect log of
// grant_coupon held each code in clear. Linking a code to its stored hash needs the coupon secret,
// which migrations do not get, so the server does it here after migrating: each code's row gets its
// owner and last 4 characters, the code leaves the log, and the one-code batch it came in loses its
// CSV. Idempotent: a converted row no longer matches, and the partial index of migration
// 20261206000002 makes the look-up free once nothing is left.
import type { Knex } from 'knex';
import { hashCode, parseCode, type CouponKeys } from './coupon-code';
import { codeHint } from './campaigns';

const BATCH = 500;

interface LegacyRow {
  id: string;
  result: Record<string, unknown>;
  user_id: string;
}

/** Converts every effect-log row that still holds a granted code; returns how many it converted. */
export async function convertLegacyGrantedCodes(knex: Knex, keys: CouponKeys): Promise<number> {
  let converted = 0;
  for (;;) {
    const done = await knex.transaction(async (trx) => {
      const rows = (await trx('effect_execution_log as e')
        .join('user_action_log as l', 'l.id', 'e.execution_id')
        .where('e.effect_code', 'grant_coupon')
        .whereRaw(`(e.result ->> 'code') IS NOT NULL`)
        .orderBy('e.id')
        .limit(BATCH)
        .select('e.id', 'e.result', 'l.user_id')) as LegacyRow[];
      for (const row of rows) {
        const { code, ...kept } = row.result;
        const parsed = parseCode(String(code));
        const result: Record<string, unknown> = { ...kept };
        if (parsed.kind === 'ok') {
          result.codeHint = codeHint(parsed.normalized);
          // No match: the code was issued under another secret, and is void anyway.
          const [owned] = (await trx('coupon_codes')
            .where({ code_hash: hashCode(keys, parsed.normalized) })
            .update({ owner_user_id: trx.raw('coalesce(owner_user_id, ?)', [row.user_id]), code_hint: result.codeHint })
            .returning(['id', 'batch_id'])) as Array<{ id: string; batch_id: string }>;
          if (owned) {
            result.couponId = owned.id;
            await trx('coupon_batches').where({ id: owned.batch_id }).update({ codes_ciphertext: null });
          }
        }
        await trx('effect_execution_log').where({ id: row.id }).update({ result: JSON.stringify(result) });
      }
      return rows.length;
    });
    converted += done;
    if (done < BATCH) return converted;
  }
}
