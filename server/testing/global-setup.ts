// Vitest global set-up: migrates (and fills with the reference catalogues) one template database per run, which every test file copies
// (CREATE DATABASE … TEMPLATE on PostgreSQL, a data-dir dump on PGlite) instead of migrating again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { loadConfig } from '../config';
import { loadPlatformExtensions } from '../platform';
import { seedReferenceData } from '../../database/seeds/index';
import { testDatabaseKind, testPostgresUrl, withDatabaseName } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'postgres';
    pgTemplate: string;
    pgliteTemplate: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const kind = testDatabaseKind();
  // Every bundled extension: the template database holds their tables too.
  const extensions = await loadPlatformExtensions(loadConfig({}));
  const runId = `${Date.now().toString(36)}${process.pid}`;
  project.provide('dbKind', kind);
  project.provide('runId', runId);
  if (kind === 'postgres') {
    const adminUrl = testPostgresUrl();
    const admin = openDatabase({ url: adminUrl, poolMax: 2 });
    const template = `calos_tpl_${runId}`;
    await admin.knex.raw(`CREATE DATABASE ${template}`);
    const db = openDatabase({ url: withDatabaseName(adminUrl, template), poolMax: 2 });
    await migrateToLatest(db.knex, extensions.migrations);
    await seedReferenceData(db.knex, extensions);
    await db.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      const { rows } = await admin.knex.raw(`SELECT datname FROM pg_database WHERE datname LIKE ?`, [`calos_%_${runId}%`]);
      for (const { datname } of rows as Array<{ datname: string }>) {
        await admin.knex.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
      await admin.close();
    };
  }
  const pglite = await PGlite.create();
  const db = openDatabase({ pglite });
  await migrateToLatest(db.knex, extensions.migrations);
  await seedReferenceData(db.knex, extensions);
  const dump = await pglite.dumpDataDir('none');
  await db.close();
  const dumpFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'calos-test-')), 'template.tar');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgTemplate', '');
  project.provide('pgliteTemplate', dumpFile);
  return () => fs.rmSync(path.dirname(dumpFile), { recursive: true, force: true });
}
