// `npm run -s db:sql` for people who migrate by hand (`psql calos < calos.sql`): the script it prints,
// applied to an empty database, gives the same tables and columns as the migrations, and leaves
// knex's bookkeeping so that CalOS finds the schema current and migrates nothing. On PostgreSQL it
// is applied with psql itself, as the README says; on PGlite, by PGlite.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { loadPlatformExtensions } from '../platform';
import { createTestDatabase } from '../testing/harness';
import { testDatabaseKind, testPostgresUrl, withDatabaseName } from '../testing/databases';
import { migrationSql } from './cli';
import { openDatabase, type Database } from './index';
import { isSchemaCurrent, type MigrationList } from './migrate';

let migrations: MigrationList;
let script: string;
const opened: Database[] = [];
beforeAll(async () => {
  migrations = (await loadPlatformExtensions(loadConfig({ LOG_LEVEL: 'silent' }))).migrations;
  script = await migrationSql(migrations);
}, 120_000);
afterAll(async () => {
  for (const db of opened) await db.close();
});

async function columns(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS c
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`,
  );
  return rows.map((r: { c: string }) => r.c);
}

async function emptyDatabaseWithScript(): Promise<Database> {
  if (testDatabaseKind() === 'pglite') {
    const pglite = await PGlite.create();
    await pglite.exec(script.replace(/^\\.*$/gm, ''));
    return openDatabase({ pglite });
  }
  const name = `calos_sql_${randomUUID().slice(0, 8)}`;
  const admin = openDatabase({ url: testPostgresUrl(), poolMax: 1 });
  await admin.knex.raw(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = withDatabaseName(testPostgresUrl(), name);
  const psql = spawnSync('psql', ['--quiet', '--no-psqlrc', url], { input: script, encoding: 'utf8' });
  expect(psql.status, psql.stderr).toBe(0);
  expect(psql.stderr).not.toMatch(/ERROR/);
  return openDatabase({ url, poolMax: 2 });
}

describe('npm run db:sql', () => {
  it('prints a script that starts with how to apply it and stops at the first error under psql', () => {
    expect(script).toMatch(/^-- CalOS schema/);
    expect(script).toContain('psql calos < calos.sql');
    expect(script).toContain('\\set ON_ERROR_STOP on');
    expect(script).not.toMatch(/ = \$1\b/); // parameters are written out as literals
  });

  it('gives the migrations’ schema, and CalOS then has nothing to migrate', { timeout: 120_000 }, async () => {
    const byScript = await emptyDatabaseWithScript();
    opened.push(byScript);
    const migrated = await createTestDatabase();
    opened.push(migrated);
    expect(await columns(byScript.knex)).toEqual(await columns(migrated.knex));
    expect((await columns(byScript.knex)).length).toBeGreaterThan(100);
    expect(await isSchemaCurrent(byScript.knex, migrations)).toBe(true);
    const names = await byScript.knex('knex_migrations').orderBy('id').pluck('name');
    expect(names).toEqual(migrations.map(([name]) => name));
    expect(await byScript.knex('knex_migrations_lock').first('is_locked')).toEqual({ is_locked: 0 });
  });
});
