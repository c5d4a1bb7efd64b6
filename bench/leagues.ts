// Leagues benchmark (see bench/README.md): match results recorded per second over HTTP, and the
// standings latency, for a Swiss league of 1,000 players.
//
//   npx tsx bench/leagues.ts                    # CalOS on PostgreSQL (database calos_bench_lg)
//   npx tsx bench/leagues.ts --pglite           # on embedded PGlite
//   npx tsx bench/leagues.ts --players 1000 --rounds 3 --concurrency 8 --standings 200
//
// Players are inserted straight into the users table (1,000 argon2 hashes would measure argon2),
// then registered over REST by an administrator's live API key with leagues:manage. The league is
// started (round 1: 500 fixtures), and `--concurrency` clients record every fixture of a round
// through POST /api/leagues/match (one transaction: league lock, both ratings, elo_history, the
// fixture, match.completed; the last result of a round pairs the next Swiss round in the same
// transaction). Then GET /api/leagues/standings is timed `--standings` times, one at a time.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { adminApiKey, DEFAULT_PG_URL, percentile, ROOT, startBenchServer, type BenchServer } from './bench-setup';
import { stopAll } from './processes';

const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    players: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    standings: { type: 'string', default: '200' },
    port: { type: 'string', default: '5321' },
    'pg-url': { type: 'string', default: DEFAULT_PG_URL },
  },
});
const players = Number(flags.players);
const rounds = Number(flags.rounds);
const concurrency = Number(flags.concurrency);
let bench: BenchServer | undefined;

async function pool<T>(items: T[], workers: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function main() {
  bench = await startBenchServer({ name: 'calos_bench_lg', pglite: flags.pglite!, port: flags.port!, pgUrl: flags['pg-url'] });
  const { api } = bench;
  const databaseUrl = bench.databaseUrl;
  const insertUsers = databaseUrl
    ? async (names: string[]) => {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        const res = await c.query(
          `INSERT INTO users (username, email, password_hash) SELECT u, u || '@bench.local', 'not-a-hash' FROM unnest($1::text[]) AS u RETURNING id`,
          [names],
        );
        await c.end();
        return res.rows.map((r: { id: string }) => r.id);
      }
    : // PGlite is one process: players are registered over REST instead (argon2 included).
      async (names: string[]) => {
        const ids: string[] = [];
        await pool(names, 4, async (username) => {
          const r = await api('POST', '/auth/register', undefined, { username, email: `${username}@bench.local`, password: 'bench player password' });
          ids.push(r.user.id);
        });
        return ids;
      };
  const key = await adminApiKey(bench, ['leagues:manage']);

  const stamp = Date.now().toString(36);
  const userIds = await insertUsers(Array.from({ length: players }, (_, i) => `lg_${stamp}_${i}`));
  const league = await api('POST', '/leagues/create', key, {
    game: 'chess', name: 'Bench Swiss', format: 'swiss', maxParticipants: players,
    startDate: new Date(Date.now() + 86_400_000).toISOString(), endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  let t0 = performance.now();
  await pool(userIds, concurrency, async (userId) => {
    await api('POST', '/leagues/register', key, { leagueId: league.id, userId });
  });
  const registerSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  await api('POST', `/leagues/${league.id}/start`, key);
  const startMs = performance.now() - t0;

  const latencies: number[] = [];
  let recorded = 0;
  t0 = performance.now();
  for (let round = 1; round <= rounds; round++) {
    const detail = await api('GET', `/leagues/${league.id}`);
    const fixtures = detail.fixtures.filter((f: { round: number; status: string }) => f.round === round && f.status === 'scheduled');
    await pool(fixtures, concurrency, async (f: { playerA: string; playerB: string }) => {
      const started = performance.now();
      const result = ['a', 'b', 'draw'][recorded % 3];
      await api('POST', '/leagues/match', key, { leagueId: league.id, playerA: f.playerA, playerB: f.playerB, result });
      latencies.push(performance.now() - started);
      recorded++;
    });
  }
  const matchSeconds = (performance.now() - t0) / 1000;

  const standings: number[] = [];
  for (let i = 0; i < Number(flags.standings); i++) {
    const s = performance.now();
    const out = await api('GET', `/leagues/standings?leagueId=${league.id}`);
    standings.push(performance.now() - s);
    if (out.items.length !== players) throw new Error(`standings have ${out.items.length} rows`);
  }
  latencies.sort((a, b) => a - b);
  standings.sort((a, b) => a - b);
  const figures = {
    database: flags.pglite ? 'pglite' : 'postgres',
    players,
    concurrency,
    registrationsPerSecond: Math.round(players / registerSeconds),
    startMs: Math.round(startMs),
    matchesRecorded: recorded,
    matchesPerSecond: Math.round(recorded / matchSeconds),
    matchLatencyMs: { p50: +percentile(latencies, 50).toFixed(1), p95: +percentile(latencies, 95).toFixed(1) },
    standingsLatencyMs: { p50: +percentile(standings, 50).toFixed(1), p95: +percentile(standings, 95).toFixed(1) },
  };
  console.log(JSON.stringify(figures, null, 2));
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `bench/results/leagues-latest${flags.pglite ? '-pglite' : ''}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    await bench?.cleanup();
  });
