// Granted coupon codes kept only as hashes. A code the grant_coupon effect issues now records its
// owner and its last 4 characters (the owner's inventory lists it by them), and its plaintext is in
// the answer to the caller only. Until now the plaintext was also kept in the effect log and in
// execute's idempotent replays: the replays are cleaned here; the effect log needs the coupon secret
// to link each code to its hash, which migrations do not have, so the server does it at start-up
// (extensions/mailer/server/legacy-codes.ts), finding the rows by the partial index made here.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('coupon_codes', (t) => {
    // The user a code was issued to (grant_coupon); NULL for printed batches. SET NULL: the code is
    // a bearer coupon and stays redeemable if its owner's account goes.
    t.uuid('owner_user_id').references('users.id').onDelete('SET NULL');
    // Its last 4 characters, for its owner to tell their coupons apart; never the whole code.
    t.text('code_hint');
  });
  await knex.raw(`ALTER TABLE coupon_codes ADD CONSTRAINT coupon_codes_hint_check CHECK (code_hint IS NULL OR length(code_hint) = 4)`);
  await knex.raw(`CREATE INDEX coupon_codes_owner_idx ON coupon_codes (owner_user_id, created_at) WHERE owner_user_id IS NOT NULL`);
  // Empty once the start-up step has run, and new rows never enter it: it makes that step's look-up
  // free on every later start.
  await knex.raw(
    `CREATE INDEX effect_execution_log_plain_code_idx ON effect_execution_log (id)
       WHERE effect_code = 'grant_coupon' AND (result ->> 'code') IS NOT NULL`,
  );
  await redactGrantedCodesInReplays(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS effect_execution_log_plain_code_idx');
  await knex.schema.alterTable('coupon_codes', (t) => {
    t.dropColumn('code_hint');
    t.dropColumn('owner_user_id');
  });
}

interface StoredEffect {
  effectCode?: unknown;
  result?: Record<string, unknown>;
}

/**
 * execute's stored first answers (superjson, kept 24 h for Idempotency-Key replays) without the
 * codes grant_coupon put in them: each keeps the code's last 4 characters as `codeHint`.
 */
export async function redactGrantedCodesInReplays(knex: Knex): Promise<number> {
  const rows = (await knex('idempotency_keys')
    .where({ procedure: 'actions.execute', state: 'done' })
    .whereRaw(`response::text LIKE '%"grant_coupon"%'`)
    .select('scope', 'key', 'response')) as Array<{ scope: string; key: string; response: { json?: { effects?: StoredEffect[] } } }>;
  let changed = 0;
  for (const row of rows) {
    const effects = row.response?.json?.effects;
    if (!Array.isArray(effects)) continue;
    let redacted = false;
    for (const effect of effects) {
      const code = effect.result?.code;
      if (effect.effectCode !== 'grant_coupon' || typeof code !== 'string') continue;
      const kept = { ...effect.result };
      delete kept.code;
      effect.result = { ...kept, codeHint: code.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(-4) };
      redacted = true;
    }
    if (!redacted) continue;
    await knex('idempotency_keys').where({ scope: row.scope, key: row.key }).update({ response: JSON.stringify(row.response) });
    changed++;
  }
  return changed;
}
