// IIIF benchmark (see bench/README.md): tile requests per second over HTTP with a cold and with a
// warm derivative cache, each beside its reference measured in the same run:
//   cold: a distinct 512 px tile per request (never cached, not in the pyramid) rendered by the
//         server, beside sharp alone doing the same extract + resize + JPEG in this process;
//   warm: one tile again and again (streamed from the disk cache), beside the same bytes as a
//         static file served by the same server (@fastify/static).
//
//   npm run bench:iiif                  # PGlite (the database is not on the tile path once warm)
//   npm run bench:iiif -- --pg          # PostgreSQL
//   npm run bench:iiif -- --seconds 10 --connections 4
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { DEFAULT_PG_URL, ROOT, gitInfo, startBenchServer, type BenchServer } from './bench-setup';
import { load } from './load';
import { stopAll } from './processes';
import { syntheticPixels } from '../extensions/iiif/server/synthetic';

const { values: flags } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '4' },
    port: { type: 'string', default: '5201' },
    size: { type: 'string', default: '2048' },
    'pg-url': { type: 'string', default: DEFAULT_PG_URL },
  },
});
let bench: BenchServer | undefined;
const SIDE = Number(flags.size);
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);

/** The n-th cold tile's region: a 512 px square on a 1-pixel grid, in an order that never repeats within a run. */
const coldRegion = (n: number) => {
  const span = SIDE - 512;
  return { x: (n * 7919) % span, y: Math.floor(n / span) % span };
};

/** sharp alone: `connections` renders in flight for `seconds`, each a distinct tile, as the server renders it. */
async function sharpAlone(file: string): Promise<{ rps: number; p50Ms: number }> {
  let n = 1_000_000;
  const times: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const { x, y } = coldRegion(n++);
        const started = performance.now();
        await sharp(file, { limitInputPixels: 100_000_000, failOn: 'error' }).extract({ left: x, top: y, width: 512, height: 512 }).resize(512, 512, { fit: 'fill' }).flatten({ background: '#fff' }).jpeg({ quality: 85 }).toBuffer();
        times.push(performance.now() - started);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { rps: Math.round(times.length / SECONDS), p50Ms: Math.round(times[Math.floor(times.length / 2)]!) };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-bench-iiif-'));
  const clientDir = path.join(work, 'client');
  fs.mkdirSync(clientDir);
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>bench</title>');
  bench = await startBenchServer({
    name: 'calos_bench_iiif',
    pglite: !flags.pg,
    port: flags.port!,
    pgUrl: flags['pg-url'],
    env: { CALOS_CLIENT_DIR: clientDir, CALOS_IIIF_CACHE_DIR: path.join(work, 'cache'), CALOS_IIIF_CACHE_MAX_BYTES: String(4 * 1024 ** 3), CALOS_IIIF_UPLOAD_MAX_BYTES: String(200 * 1024 ** 2) },
  });
  const { base, adminToken } = bench;
  const original = await sharp(syntheticPixels(SIDE, SIDE), { raw: { width: SIDE, height: SIDE, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  const originalFile = path.join(work, 'original.jpg');
  fs.writeFileSync(originalFile, original);
  const uploaded = await fetch(`${base}/api/ext/iiif/images?id=bench`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(original) });
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  // The first request copies the original from the database into this instance's cache.
  await fetch(`${base}/iiif/3/bench/0,0,16,16/max/0/default.jpg`);
  const pid = bench.server.proc.pid;
  const withPostgres = Boolean(flags.pg);

  // Cold: a new tile per request.
  let n = 0;
  const cold = await load({
    url: `${base}/iiif/3/bench/1,1,512,512/max/0/default.jpg`,
    connections: CONNECTIONS,
    serverPid: pid,
    warmupSeconds: 0,
    durationSeconds: SECONDS,
    withPostgres,
    setupRequest: (request) => {
      const { x, y } = coldRegion(n++);
      return { ...request, path: `/iiif/3/bench/${x},${y},512,512/max/0/default.jpg` };
    },
  });
  const alone = await sharpAlone(originalFile);

  // Warm: one tile (cached by the first request), beside the same bytes as a static file.
  const tileUrl = `${base}/iiif/3/bench/1024,1024,512,512/max/0/default.jpg`;
  const tile = Buffer.from(await (await fetch(tileUrl)).arrayBuffer());
  fs.writeFileSync(path.join(clientDir, 'tile.jpg'), tile);
  const warm = await load({ url: tileUrl, connections: CONNECTIONS * 4, serverPid: pid, warmupSeconds: 1, durationSeconds: SECONDS, withPostgres });
  const staticFile = await load({ url: `${base}/tile.jpg`, connections: CONNECTIONS * 4, serverPid: pid, warmupSeconds: 1, durationSeconds: SECONDS, withPostgres });

  const result = {
    at: new Date().toISOString(),
    ...gitInfo(ROOT),
    database: flags.pg ? 'postgres' : 'pglite',
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
    image: `${SIDE}×${SIDE} JPEG (${original.length} bytes)`,
    tileBytes: tile.length,
    cold: { http: cold, sharpAlone: alone, ratio: Math.round((cold.rps / alone.rps) * 100) / 100 },
    warm: { http: warm, staticFile, ratio: Math.round((warm.rps / staticFile.rps) * 100) / 100 },
  };
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/iiif-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`cold tile over HTTP ${cold.rps}/s (p50 ${cold.p50Ms} ms) vs sharp alone ${alone.rps}/s (p50 ${alone.p50Ms} ms): ${result.cold.ratio}`);
  console.log(`warm tile over HTTP ${warm.rps}/s (p50 ${warm.p50Ms} ms) vs static file ${staticFile.rps}/s (p50 ${staticFile.p50Ms} ms): ${result.warm.ratio}`);
  fs.rmSync(work, { recursive: true, force: true });
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await bench?.cleanup();
    stopAll();
  });
