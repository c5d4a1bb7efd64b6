// The database from the command line, for people who migrate by hand rather than at start-up:
//   npm run db:migrate        applies the pending migrations (the kernel's, then the enabled
//                             extensions') to the configured database, then exits
//   npm run -s db:sql > calos.sql && psql calos < calos.sql
//                             prints every migration as plain SQL, knex's bookkeeping included, so
//                             a later start finds the schema current and migrates nothing
// Both read .env and the same variables as the server (DATABASE_URL or DB_*; unset is PGlite).
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import { loadConfig, loadEnvFile } from '../config';
import { loadPlatformExtensions } from '../platform';
import { openDatabase, oneInstanceAtATime, waitForDatabase } from './index';
import { migrateToLatest, type MigrationList } from './migrate';

/** A statement as knex ran it, its `$n` parameters written out as literals (knex's own escaping). */
function literalSql(knex: Knex, sql: string, bindings: readonly unknown[] | undefined): string {
  if (!bindings?.length) return sql;
  return sql.replace(/\$(\d+)\b/g, (token, n: string) => {
    const index = Number(n) - 1;
    return index < bindings.length ? knex.raw('?', [bindings[index] as Knex.Value]).toQuery() : token;
  });
}

/**
 * Every migration of `migrations` as one SQL script: they run on an empty in-memory PostgreSQL
 * (PGlite) while each statement that changes something is recorded, reads left out.
 */
export async function migrationSql(migrations: MigrationList): Promise<string> {
  const db = openDatabase({ pglite: await PGlite.create() });
  const statements: string[] = [];
  db.knex.on('query', (query: { sql: string; bindings?: unknown[] }) => {
    const sql = query.sql.trim();
    if (/^select\b/i.test(sql)) return;
    statements.push(literalSql(db.knex, sql, query.bindings).replace(/;\s*$/, ''));
  });
  try {
    await migrateToLatest(db.knex, migrations);
  } finally {
    await db.close();
  }
  const header = [
    '-- CalOS schema: every migration, written by `npm run -s db:sql`. Apply to an empty database:',
    '--   psql calos < calos.sql',
    "-- It includes knex's own tables (knex_migrations), so CalOS finds the schema current at start.",
    '\\set ON_ERROR_STOP on',
    '',
  ];
  return `${header.join('\n')}${statements.map((s) => `${s};`).join('\n\n')}\n`;
}

async function main(command: string | undefined): Promise<void> {
  loadEnvFile(path.resolve('.env'));
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const extensions = await loadPlatformExtensions(config);
  if (command === 'sql') {
    process.stdout.write(await migrationSql(extensions.migrations));
    return;
  }
  if (command !== 'migrate') throw new Error('usage: tsx server/db/cli.ts migrate|sql');
  const db = config.databaseUrl ? openDatabase({ url: config.databaseUrl, poolMax: 2 }) : openDatabase({ dataDir: config.dataDir });
  try {
    await waitForDatabase(db, config.dbConnectTimeoutSeconds * 1000, () => console.error('waiting for the database…'));
    const applied = await oneInstanceAtATime(db, 'calos:migrate', () => migrateToLatest(db.knex, extensions.migrations));
    console.log(applied.length ? `applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'the schema is up to date');
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
