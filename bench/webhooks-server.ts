// The server for `bench/webhooks.ts --in-process`: CalOS started as server/main.ts starts it, plus
// one IPC command that emits `webhook.test` events inside this process at a given rate, each in a
// transaction of its own as a module emits its events. The delivery path (outbox, wake-up, lanes)
// is then measured at rates the HTTP door cannot feed on a small box.
import { loadConfig } from '../server/config';
import { openDatabase, oneInstanceAtATime } from '../server/db/index';
import { migrateToLatest } from '../server/db/migrate';
import { createPlatform, loadPlatformExtensions } from '../server/platform';
import { buildApp } from '../server/app';
import { createLogger } from '../server/logging';
import { runSeeds } from '../database/seeds/index';
import { webhookTestEvent } from '../server/events/catalogue';

export interface EmitCommand {
  endpointIds: string[];
  rate: number;
  seconds: number;
}

async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const db = config.databaseUrl ? openDatabase({ url: config.databaseUrl, poolMax: config.dbPoolMax }) : openDatabase({ dataDir: config.dataDir });
  const extensions = await loadPlatformExtensions(config);
  await oneInstanceAtATime(db, 'calos:migrate', () => migrateToLatest(db.knex, extensions.migrations));
  const platform = await createPlatform(config, db, log, extensions);
  await runSeeds(db.knex, platform.auth, config, platform);
  const app = await buildApp(platform, log);
  await app.listen({ port: config.port, host: config.host });
  await platform.startWorkers();

  // Event id, when its transaction was begun and when it had committed.
  const events: Array<[string, number, number]> = [];
  const emit = async (endpointId: string) => {
    const began = Date.now();
    const { eventId } = await db.knex.transaction((trx) =>
      platform.events.emit(trx, { event: webhookTestEvent, data: { endpointId, message: 'bench' }, mode: 'live', endpointId }),
    );
    events.push([eventId, began, Date.now()]);
  };

  process.on('message', (command: EmitCommand) => {
    void (async () => {
      const total = command.rate * command.seconds;
      const started = Date.now();
      // At most half the pool in emitting transactions: the lanes need connections too, and a
      // rate this process cannot keep shows as a lower `produced`, not as a queue of transactions.
      const slots = Math.max(1, Math.floor(config.dbPoolMax / 2));
      const inflight = new Set<Promise<unknown>>();
      for (let i = 0; i < total; i++) {
        const wait = started + (i * 1000) / command.rate - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (inflight.size >= slots) await Promise.race(inflight);
        const one: Promise<unknown> = emit(command.endpointIds[i % command.endpointIds.length]!).finally(() => inflight.delete(one));
        inflight.add(one);
      }
      await Promise.all(inflight);
      const produced = total / ((Date.now() - started) / 1000);
      // The lanes' counters a little later, once the last deliveries are sent: rounds per delivery.
      setTimeout(() => process.send!({ produced, events, lanes: platform.deliveries?.stats }), 3000);
    })();
  });
  const stop = async () => {
    await app.close();
    await platform.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.send!({ ready: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
