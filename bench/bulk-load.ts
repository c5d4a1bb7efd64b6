// Bulk loading for the benches: a table is filled fastest with no index to maintain and no foreign
// key to check per row. withoutIndexes() saves the definitions of the tables' indexes, primary and
// unique keys and foreign keys (theirs and those pointing at them), drops them, runs the load, and
// builds them again from the saved definitions: each index one sort instead of millions of random
// b-tree inserts, each foreign key one join instead of a trigger per row. The definitions come from
// the catalogue, so whatever the migrations made is what is rebuilt.
import type { Knex } from 'knex';

interface Saved {
  foreignKeys: Array<{ table: string; name: string; def: string }>;
  keys: Array<{ table: string; name: string; def: string }>;
  indexes: Array<{ name: string; def: string }>;
}

async function save(knex: Knex, tables: string[]): Promise<Saved> {
  const foreignKeys = (
    await knex.raw(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'f' AND (conrelid::regclass::text = ANY(?) OR confrelid::regclass::text = ANY(?)) ORDER BY 1, 2`,
      [tables, tables],
    )
  ).rows;
  const keys = (
    await knex.raw(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY(?) ORDER BY 1, 2`,
      [tables],
    )
  ).rows;
  const indexes = (
    await knex.raw(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid::regclass::text = ANY(?) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1`,
      [tables],
    )
  ).rows;
  return { foreignKeys, keys, indexes };
}

/** Runs `load` with the tables' indexes, keys and foreign keys dropped; rebuilds them after. Returns the seconds of each phase. */
export async function withoutIndexes(knex: Knex, tables: string[], load: () => Promise<void>, log: (line: string) => void) {
  const saved = await save(knex, tables);
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const fk of saved.foreignKeys) await knex.raw(`ALTER TABLE ${q(fk.table)} DROP CONSTRAINT ${q(fk.name)}`);
  for (const key of saved.keys) await knex.raw(`ALTER TABLE ${q(key.table)} DROP CONSTRAINT ${q(key.name)}`);
  for (const index of saved.indexes) await knex.raw(`DROP INDEX ${q(index.name)}`);
  log(`  dropped ${saved.indexes.length} indexes, ${saved.keys.length} keys, ${saved.foreignKeys.length} foreign keys`);
  let t0 = performance.now();
  await load();
  const loadSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  // One session for the rebuild, with memory enough to sort each index in one pass.
  await knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL maintenance_work_mem = '1GB'`);
    await trx.raw(`SET LOCAL max_parallel_maintenance_workers = 2`);
    for (const key of saved.keys) await trx.raw(`ALTER TABLE ${q(key.table)} ADD CONSTRAINT ${q(key.name)} ${key.def}`);
    for (const index of saved.indexes) await trx.raw(index.def);
  });
  const indexSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL work_mem = '512MB'`);
    for (const fk of saved.foreignKeys) await trx.raw(`ALTER TABLE ${q(fk.table)} ADD CONSTRAINT ${q(fk.name)} ${fk.def}`);
  });
  const foreignKeySeconds = (performance.now() - t0) / 1000;
  return { loadSeconds, indexSeconds, foreignKeySeconds };
}
