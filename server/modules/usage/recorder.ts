// Counts API-key requests in memory per key, route and UTC day, and adds them to api_usage_daily
// every few seconds (and at shutdown). One upsert per flush instead of a write per request; a
// crash loses at most one flush interval of counts.
import type { Knex } from 'knex';

/** Upper bounds (ms) of the latency buckets; the last one is open. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, Infinity];

export interface UsageRecorder {
  record(keyId: string, route: string, status: number, durationMs: number): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

interface Tally {
  day: string;
  keyId: string;
  route: string;
  requests: number;
  errors: number;
  buckets: number[];
}

export function bucketOf(durationMs: number): number {
  return LATENCY_BUCKETS_MS.findIndex((bound) => durationMs <= bound);
}

export function createUsageRecorder(db: Knex, flushIntervalMs: number, onError: (err: unknown) => void): UsageRecorder {
  let pending = new Map<string, Tally>();
  let flushing: Promise<void> = Promise.resolve();

  async function write(batch: Tally[]) {
    const values = batch.map(() => '(?::date, ?::uuid, ?, ?::int, ?::int, ?::int[])').join(', ');
    const bindings = batch.flatMap((t) => [t.day, t.keyId, t.route, t.requests, t.errors, t.buckets]);
    // Joined to api_keys so that counts for a key deleted meanwhile are dropped, not an error.
    await db.raw(
      `INSERT INTO api_usage_daily AS u (day, api_key_id, route, requests, errors, latency_buckets)
       SELECT v.day, v.key, v.route, v.requests, v.errors, v.buckets
       FROM (VALUES ${values}) AS v(day, key, route, requests, errors, buckets)
       JOIN api_keys k ON k.id = v.key
       ON CONFLICT (day, api_key_id, route) DO UPDATE SET
         requests = u.requests + excluded.requests,
         errors = u.errors + excluded.errors,
         latency_buckets = ARRAY(
           SELECT a + b FROM unnest(u.latency_buckets, excluded.latency_buckets) WITH ORDINALITY AS x(a, b, i) ORDER BY i)`,
      bindings,
    );
  }

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      if (!pending.size) return;
      const batch = [...pending.values()];
      pending = new Map();
      await write(batch).catch(onError);
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  return {
    record(keyId, route, status, durationMs) {
      const day = new Date().toISOString().slice(0, 10);
      const id = `${day}|${keyId}|${route}`;
      let tally = pending.get(id);
      if (!tally) {
        tally = { day, keyId, route, requests: 0, errors: 0, buckets: LATENCY_BUCKETS_MS.map(() => 0) };
        pending.set(id, tally);
      }
      tally.requests++;
      if (status >= 400) tally.errors++;
      tally.buckets[bucketOf(durationMs)]!++;
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
