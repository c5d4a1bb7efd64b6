// Start-up step for databases from before granted codes were kept only as hashes: the effect log of
// grant_coupon held each code in clear. Linking a code to its stored hash needs the coupon secret,
// which migrations do not get, so the server does it here after migrating: each code's row gets its
// owner and last 4 characters, the code leaves the log, and the one-code batch it came in loses its
// CSV. The kernel walks the old rows (kernel.actions.rewriteEffectResults); this is the mailer's
// step for each. Idempotent: a converted row no longer matches, and the partial index of migration
// 20261206000002 makes the look-up free once nothing is left.
import type { Kernel } from '../../../server/extensions/api';
import { hashCode, parseCode, type CouponKeys } from './coupon-code';
import { codeHint } from './campaigns';

/** Converts every effect-log row that still holds a granted code; returns how many it converted. */
export function convertLegacyGrantedCodes(kernel: Kernel, keys: CouponKeys): Promise<number> {
  return kernel.actions.rewriteEffectResults('grant_coupon', 'code', async (trx, row) => {
    const { code, ...kept } = row.result;
    const parsed = parseCode(String(code));
    const result: Record<string, unknown> = { ...kept };
    if (parsed.kind === 'ok') {
      result.codeHint = codeHint(parsed.normalized);
      // No match: the code was issued under another secret, and is void anyway.
      const [owned] = (await trx('coupon_codes')
        .where({ code_hash: hashCode(keys, parsed.normalized) })
        .update({ owner_user_id: trx.raw('coalesce(owner_user_id, ?)', [row.userId]), code_hint: result.codeHint })
        .returning(['id', 'batch_id'])) as Array<{ id: string; batch_id: string }>;
      if (owned) {
        result.couponId = owned.id;
        await trx('coupon_batches').where({ id: owned.batch_id }).update({ codes_ciphertext: null });
      }
    }
    return result;
  });
}
