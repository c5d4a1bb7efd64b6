// The job queue: pg-boss over the same database. On PostgreSQL it has its own small pool; on
// PGlite it runs in process through the one knex connection (notes/STACK.md S4).
import PgBoss from 'pg-boss';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Database, Tx } from './db/index';
import type { Config } from './config';

export type JobQueue = PgBoss;

interface RawConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec?(text: string): Promise<Array<{ rows: unknown[] }>>;
}

/** Runs pg-boss's SQL on a knex connection; PGlite needs exec() for multi-statement scripts. */
async function runOn(conn: RawConnection, text: string, values?: unknown[]) {
  if (values?.length || !conn.exec) return conn.query(text, values);
  return { rows: (await conn.exec(text)).at(-1)?.rows ?? [] };
}

interface ConnectionSource {
  acquireConnection(): Promise<RawConnection>;
  releaseConnection(conn: RawConnection): Promise<void>;
}

/** A pg-boss `db` running on knex: inside a transaction, its jobs commit or roll back with it. */
export function inTransaction(tx: Tx): PgBoss.Db {
  // A transaction's client hands out its own connection and ignores releases; the root client
  // lends a pooled one that must go back.
  const client = tx.client as unknown as ConnectionSource;
  return {
    async executeSql(text, values) {
      const conn = await client.acquireConnection();
      try {
        return (await runOn(conn, text, values)) as { rows: never[] };
      } finally {
        if (!(tx as Knex.Transaction).isTransaction) await client.releaseConnection(conn);
      }
    },
  };
}

export async function startJobQueue(db: Database, config: Config, log: Logger): Promise<JobQueue> {
  const url = config.databaseUrl;
  const common = {
    // Completed jobs are history we keep in our own tables; clear them out of the queue soon.
    deleteAfterHours: 24,
    maintenanceIntervalSeconds: config.jobs.maintenanceSeconds,
  };
  let boss: PgBoss;
  if (url) {
    boss = new PgBoss({ connectionString: url, max: 4, application_name: 'calos-jobs', ...common });
  } else {
    boss = new PgBoss({ ...common, db: inTransaction(db.knex) });
  }
  // pg-boss reports transient errors (e.g. a lost connection) here and retries on its own.
  boss.on('error', (err: Error) => log.warn({ err }, 'job queue error'));
  await boss.start();
  return boss;
}
