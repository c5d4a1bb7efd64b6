// Starts CalOS: config, database, migrations, seed data, HTTP, and a graceful shutdown on SIGTERM
// or SIGINT that drains in-flight requests and then closes the database.
import path from 'node:path';
import { loadConfig, loadEnvFile, ConfigError } from './config';
import { openDatabase, oneInstanceAtATime, waitForDatabase, DataDirLockedError, type Database } from './db/index';
import { migrateToLatest } from './db/migrate';
import { createPlatform, loadPlatformExtensions, type RunningPlatform } from './platform';
import { ExtensionError } from './extensions/loader';
import { buildApp } from './app';
import { chooseLogFormat, createLogger } from './logging';
import { listenForMetrics } from './metrics';
import { runSeeds } from '../database/seeds/index';

async function main(): Promise<void> {
  // The seed's deployment steps: `cp .env.example .env`, edit, `npm start`. The environment wins.
  const fromEnvFile = loadEnvFile(path.resolve('.env'));
  const config = loadConfig();
  const log = createLogger(
    config.logLevel,
    undefined,
    chooseLogFormat(config.logFormat, { isTTY: process.stdout.isTTY, env: process.env }),
  );
  const extensions = await loadPlatformExtensions(config);
  const db: Database = config.databaseUrl
    ? openDatabase({ url: config.databaseUrl, poolMax: config.dbPoolMax })
    : openDatabase({ dataDir: config.dataDir });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let metrics: Awaited<ReturnType<typeof listenForMetrics>> | undefined;
  let platform: RunningPlatform | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: draining in-flight requests');
    const timer = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      if (app) {
        // close() stops accepting connections and waits for in-flight requests. A keep-alive socket
        // that goes idle after its last response would hold it open for its whole timeout, so
        // sweep idle sockets until the close completes.
        const closed = app.close();
        const sweeper = setInterval(() => app!.server.closeIdleConnections(), 50);
        await closed.finally(() => clearInterval(sweeper));
      }
      await metrics?.listener.close();
      await platform?.stop();
      await db.close();
      log.info('shut down cleanly');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (fromEnvFile.length) log.info({ variables: fromEnvFile }, 'read .env');
  try {
    // A container started beside its database (Compose's depends_on) may come up first: wait for it.
    await waitForDatabase(db, config.dbConnectTimeoutSeconds * 1000, (err, attempt) =>
      log.warn({ err: { message: err.message, code: (err as { code?: string }).code }, attempt }, 'waiting for the database'),
    );
    // Instances starting together on a new database would race to create knex's own tables. Under
    // the same lock, extensions convert data that migrations cannot (they lack the settings).
    await oneInstanceAtATime(db, 'calos:migrate', () => migrateToLatest(db.knex, extensions.migrations));
    platform = await createPlatform(config, db, log, extensions);
    const running = platform;
    await oneInstanceAtATime(db, 'calos:migrate', async () => {
      for (const { definition } of extensions.list) await definition.afterMigrate?.(running.kernels.get(definition.id)!);
    });
    const seeded = await runSeeds(db.knex, platform.auth, config, platform);
    app = await buildApp(platform, log);
    const address = await app.listen({ port: config.port, host: config.host });
    if (config.metrics.address) metrics = await listenForMetrics(app, config.metrics, app.log);
    await platform.startWorkers();
    printBanner(address, db.kind, config.dataDir, seeded, metrics?.address);
  } catch (err) {
    await platform?.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  }
}

function printBanner(
  address: string,
  kind: Database['kind'],
  dataDir: string,
  seeded: Awaited<ReturnType<typeof runSeeds>>,
  metricsAddress: string | undefined,
) {
  const url = address.replace('://127.0.0.1', '://localhost');
  const lines = [
    '',
    `  CalOS is running at ${url}`,
    `    web client      ${url}/`,
    `    API reference   ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`,
    `    database        ${kind === 'pglite' ? `embedded PGlite in ${dataDir} (development and small single-node use)` : `PostgreSQL (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'DB_HOST, DB_NAME, DB_USER'})`}`,
  ];
  if (metricsAddress) lines.push(`    metrics         ${metricsAddress}/metrics`);
  for (const account of seeded.demoAccounts) lines.push(`    demo login      ${account.username} / ${account.password}`);
  const demo = seeded.demoData;
  if (demo?.seededNow) lines.push(`    demo data       seeded now in ${(demo.ms / 1000).toFixed(1)} s: ${demo.counts!.syntheticUsers} synthetic users, leagues, coupons, a webhook`);
  for (const note of demo?.notes ?? []) lines.push(`    ${note}`);
  lines.push(
    seeded.admin === 'not configured'
      ? '    admin           set CALOS_ADMIN_USERNAME, CALOS_ADMIN_EMAIL and CALOS_ADMIN_PASSWORD to create one'
      : `    admin           ${process.env.CALOS_ADMIN_USERNAME} (${seeded.admin === 'created' ? 'created now' : 'exists'})`,
  );
  console.log(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof ExtensionError) {
    console.error(`CalOS could not start.\n${err.message}`);
  } else {
    console.error('CalOS could not start:', err instanceof Error ? `${err.name}: ${err.message}` : err);
  }
  process.exit(1);
});
