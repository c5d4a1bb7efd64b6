// Markets benchmark (see bench/README.md): trades ingested per second through
// POST /api/ext/markets/trades beside PostgreSQL's own COPY of the same rows (the ratio is the
// figure), and the candle query's latency over a year of one-minute data.
//
//   npm run bench:markets                                   # PostgreSQL (database calos_bench_markets)
//   npm run bench:markets -- --trades 200000 --batch 2000 --connections 4 --queries 40
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { adminApiKey, DEFAULT_PG_URL, percentile, ROOT, startBenchServer, type BenchServer } from './bench-setup';
import { stopAll } from './processes';
import { MAX_BATCH } from '../extensions/markets/schemas';

const { values: flags } = parseArgs({
  options: {
    trades: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '4' },
    queries: { type: 'string', default: '40' },
    port: { type: 'string', default: '5301' },
    'pg-url': { type: 'string', default: DEFAULT_PG_URL },
  },
});
let bench: BenchServer | undefined;

interface Row {
  id: number;
  ts: number;
  price: string;
  size: string;
}

function tradesFor(n: number, start: number, everyMs: number): Row[] {
  let price = 64_000;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    price += Math.sin(i / 97) * 3 + ((i * 7919) % 11) - 5;
    rows.push({ id: i + 1, ts: start + i * everyMs, price: price.toFixed(2), size: (((i * 104729) % 100_000) / 100_000 + 0.001).toFixed(6) });
  }
  return rows;
}

/**
 * COPY … FROM STDIN on a pg client: a minimal "submittable" (what pg-copy-streams does), so the
 * bench needs no other package. The whole CSV goes in one CopyData stream.
 */
function copyIn(client: pg.Client, sql: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
        const buffer = Buffer.from(data);
        for (let i = 0; i < buffer.length; i += 1 << 20) connection.sendCopyFromChunk(buffer.subarray(i, i + (1 << 20)));
        connection.endCopyFrom();
      },
      handleCommandComplete() {},
      handleReadyForQuery() {
        resolve();
      },
      handleError(err: Error) {
        reject(err);
      },
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

const csvOf = (symbolId: number, source: string, rows: Row[]) =>
  rows.map((r) => `${symbolId},${source},${r.id},i${String(r.id).padStart(20, '0')},${r.ts},${r.price},${r.size}`).join('\n') + '\n';
const COPY_SQL = 'COPY markets_trades (symbol_id, source, trade_id, ord, ts, price, size) FROM STDIN WITH (FORMAT csv)';

async function main() {
  bench = await startBenchServer({ name: 'calos_bench_markets', pglite: false, port: flags.port!, pgUrl: flags['pg-url'], env: { CALOS_MARKETS_PRICE_EVENT_SECONDS: '10' } });
  const key = await adminApiKey(bench, ['markets:write']);
  const db = new pg.Client({ connectionString: bench.databaseUrl! });
  await db.connect();
  const total = Number(flags.trades);
  const batch = Number(flags.batch);
  if (!(batch >= 1 && batch <= MAX_BATCH)) throw new Error(`--batch must be 1–${MAX_BATCH} (the API's batch maximum)`);
  const start = Date.UTC(2026, 0, 1);
  const rows = tradesFor(total, start, 250);

  // 1. Through the API: batches of `batch` trades, `connections` requests in flight.
  await bench.api('POST', '/ext/markets/trades', key, { symbol: 'BENCH-API', source: 'bench', trades: rows.slice(0, 10) }); // warm-up, creates the symbol
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(flags.connections) }, async () => {
      while (next < total) {
        const slice = rows.slice(next, next + batch);
        next += batch;
        const res = await bench!.api('POST', '/ext/markets/trades', key, { symbol: 'BENCH-API', source: 'bench', trades: slice });
        if (res.received !== slice.length) throw new Error('short batch');
      }
    }),
  );
  const apiSeconds = (performance.now() - started) / 1000;

  // 2. The same rows by COPY, into another symbol of the same table (same indexes and constraints).
  await bench.api('POST', '/ext/markets/trades', key, { symbol: 'BENCH-COPY', source: 'bench', trades: [{ id: 'warm', ts: start, price: '1', size: '1' }] });
  const copyId = (await db.query("SELECT id FROM markets_symbols WHERE code = 'BENCH-COPY'")).rows[0].id as number;
  const csv = csvOf(copyId, 'bench', rows);
  const copyStarted = performance.now();
  await copyIn(db, COPY_SQL, csv);
  const copySeconds = (performance.now() - copyStarted) / 1000;

  // 3. A year of one-minute data (one trade a minute), loaded by COPY, then candle queries over HTTP.
  await bench.api('POST', '/ext/markets/trades', key, { symbol: 'BENCH-YEAR', source: 'bench', trades: [{ id: 'warm', ts: start - 1, price: '1', size: '1' }] });
  const yearId = (await db.query("SELECT id FROM markets_symbols WHERE code = 'BENCH-YEAR'")).rows[0].id as number;
  const minutes = 365 * 1440;
  await copyIn(db, COPY_SQL, csvOf(yearId, 'bench', tradesFor(minutes, start, 60_000)));
  await db.query('ANALYZE markets_trades');
  const yearEnd = start + minutes * 60_000;
  const randomFrom = (span: number) => start + Math.floor(Math.random() * (minutes * 60_000 - span));
  const shapes: Record<string, () => string> = {
    '1m × 1000 (random window)': () => `interval=1m&from=${randomFrom(1000 * 60_000)}&limit=1000&to=${yearEnd}`,
    '1m × 1000 fill=true': () => `interval=1m&from=${randomFrom(1000 * 60_000)}&limit=1000&fill=true&to=${yearEnd}`,
    '1h × 1000': () => `interval=1h&from=${randomFrom(1000 * 3_600_000)}&limit=1000&to=${yearEnd}`,
    '1d, whole year (365)': () => `interval=1d&from=${start}&to=${yearEnd}&limit=1000`,
    '1d tz=America/New_York, whole year': () => `interval=1d&tz=America/New_York&from=${start}&to=${yearEnd}&limit=1000`,
    '1w, whole year': () => `interval=1w&from=${start - 7 * 86_400_000}&to=${yearEnd}&limit=1000`,
  };
  const latency: Record<string, { p50: number; p95: number; max: number }> = {};
  for (const [name, query] of Object.entries(shapes)) {
    const times: number[] = [];
    for (let i = 0; i < Number(flags.queries) + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${bench.base}/api/ext/markets/candles?symbol=BENCH-YEAR&${query()}`);
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
      await res.json();
      if (i >= 3) times.push(performance.now() - t0); // three warm-ups
    }
    times.sort((a, b) => a - b);
    latency[name] = { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), max: Math.round(times.at(-1)!) };
  }
  await db.end();

  const results = {
    database: 'postgres',
    ingest: {
      trades: total,
      batch,
      connections: Number(flags.connections),
      apiSeconds: Number(apiSeconds.toFixed(2)),
      apiTradesPerSecond: Math.round(total / apiSeconds),
      copySeconds: Number(copySeconds.toFixed(2)),
      copyRowsPerSecond: Math.round(total / copySeconds),
      ratio: Number((total / apiSeconds / (total / copySeconds)).toFixed(3)),
    },
    candles: { trades: minutes, queriesPerShape: Number(flags.queries), latencyMs: latency },
  };
  console.log('\nMarkets on PostgreSQL (same box: load, server and database share the cores)');
  console.log(`  ingest via API: ${results.ingest.apiTradesPerSecond} trades/s (${total} in batches of ${batch}, ${flags.connections} in flight)`);
  console.log(`  COPY:           ${results.ingest.copyRowsPerSecond} rows/s → API/COPY = ${results.ingest.ratio}`);
  for (const [name, l] of Object.entries(latency)) console.log(`  candles ${name}: p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/markets-postgres.json'), JSON.stringify(results, null, 2) + '\n');
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    await bench?.cleanup();
  });
