// Swiper benchmark (see bench/README.md): swipes per second over HTTP beside action executions per
// second in the same run, by the same users with the same session tokens and concurrency. A swipe
// is one action execution (swipe_card: one award_xp effect) plus its own rows (the swipe, the draw
// mark, the swiper's locked state row, a swipe.recorded event), so the ratio execution/swipe time
// says what the swiper adds. The phases alternate (executions, swipes, executions, swipes) so that
// a drift of the shared box touches both alike.
//
//   npm run bench:swiper                               # PostgreSQL (database calos_bench_swiper)
//   npm run bench:swiper -- --pglite                   # embedded PGlite
//   npm run bench:swiper -- --users 100 --connections 8 --duration 8
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PG_URL, ROOT, percentile, startBenchServer, type BenchServer } from './bench-setup';
import { stopAll } from './processes';

const { values: flags } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    users: { type: 'string', default: '64' },
    cards: { type: 'string', default: '400' },
    connections: { type: 'string', default: '8' },
    duration: { type: 'string', default: '8' },
    port: { type: 'string', default: '5109' },
    'pg-url': { type: 'string', default: DEFAULT_PG_URL },
  },
});
let bench: BenchServer | undefined;

const ACTION = { actionCode: 'bench_swipe_equivalent', actionName: 'Same effects as swipe_card', actionCategory: 'social', cooldownSeconds: 0, dailyLimit: null, effects: [{ effectCode: 'award_xp', effectParams: { skillId: 'social', xpAmount: 1 } }] };

interface Phase {
  requests: number;
  failures: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** `connections` workers issuing `request(worker, n)` for `seconds`; worker w owns its own users. */
async function phase(seconds: number, connections: number, request: (worker: number, n: number) => Promise<Response>): Promise<Phase> {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        const res = await request(worker, n);
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t0);
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, failures, perSecond: Math.round(latencies.length / elapsed), p50: +percentile(latencies, 50).toFixed(1), p99: +percentile(latencies, 99).toFixed(1) };
}

async function main() {
  const users = Number(flags.users);
  const connections = Number(flags.connections);
  const seconds = Number(flags.duration);
  bench = await startBenchServer({
    name: 'calos_bench_swiper',
    pglite: flags.pglite!,
    port: flags.port!,
    pgUrl: flags['pg-url'],
    // Neither door should be stopped by the per-user limit: both would measure the refusal.
    env: { CALOS_ACTIONS_PER_USER_PER_MINUTE: '0' },
  });
  const { api, adminToken, base } = bench;
  await api('POST', '/actions/register', adminToken, ACTION);
  const deck = await api('POST', '/ext/swiper/decks/generate', adminToken, { name: 'Bench deck', seed: 'bench', count: Number(flags.cards), attributes: [{ key: 'city', values: [{ value: 'Lyon', weight: 1 }, { value: 'Paris', weight: 1 }] }] });
  const cardIds: string[] = [];
  for (let cursor: string | null = null; ; ) {
    const page: { items: Array<{ id: string }>; nextCursor: string | null } = await api('GET', `/ext/swiper/decks/${deck.id}/cards?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, adminToken);
    cardIds.push(...page.items.map((c) => c.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const tokens: string[] = [];
  for (let i = 0; i < users; i += 8) {
    const made = await Promise.all(
      Array.from({ length: Math.min(8, users - i) }, async (_, j) =>
        (await api('POST', '/auth/register', undefined, { username: `swipe_${i + j}_${Date.now().toString(36)}`, email: `s${i + j}_${Date.now()}@bench.local`, password: 'bench user password' })).token as string,
      ),
    );
    tokens.push(...made);
  }

  const post = (token: string, url: string, body: unknown) =>
    fetch(`${base}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // Worker w cycles through its own users; each (user, card) pair is swiped once.
  const mine = (worker: number) => tokens.filter((_, i) => i % connections === worker);
  const swipeCursor = new Map<string, number>();
  const execute = (worker: number, n: number) => {
    const own = mine(worker);
    return post(own[n % own.length]!, '/api/actions/execute', { actionCode: ACTION.actionCode });
  };
  const swipe = (worker: number, n: number) => {
    const own = mine(worker);
    const token = own[n % own.length]!;
    const next = swipeCursor.get(token) ?? 0;
    swipeCursor.set(token, next + 1);
    return post(token, '/api/ext/swiper/swipes', { cardId: cardIds[next % cardIds.length], direction: next % 3 ? 'left' : 'right' });
  };
  // Warm-up, not counted.
  await phase(1, connections, execute);
  await phase(1, connections, swipe);
  const rounds: Array<{ executions: Phase; swipes: Phase }> = [];
  for (let round = 0; round < 2; round++) rounds.push({ executions: await phase(seconds, connections, execute), swipes: await phase(seconds, connections, swipe) });

  const mean = (pick: (r: (typeof rounds)[number]) => number) => Math.round(rounds.reduce((s, r) => s + pick(r), 0) / rounds.length);
  const executionsPerSecond = mean((r) => r.executions.perSecond);
  const swipesPerSecond = mean((r) => r.swipes.perSecond);
  const results = {
    database: flags.pglite ? 'pglite' : 'postgres',
    users,
    connections,
    secondsPerPhase: seconds,
    rounds,
    executionsPerSecond,
    swipesPerSecond,
    costRatio: +(executionsPerSecond / swipesPerSecond).toFixed(2),
  };
  console.log(`\nSwiper on ${results.database}: ${users} users, ${connections} in flight, ${seconds} s per phase, 2 rounds (same box: load, server and database share the cores)`);
  for (const [i, r] of rounds.entries()) {
    console.log(`  round ${i + 1}: executions ${r.executions.perSecond}/s (p50 ${r.executions.p50} ms, p99 ${r.executions.p99}, ${r.executions.failures} failed) · swipes ${r.swipes.perSecond}/s (p50 ${r.swipes.p50} ms, p99 ${r.swipes.p99}, ${r.swipes.failures} failed)`);
  }
  console.log(`  a swipe costs ${results.costRatio}× an execution (target ≤ 1.3×)`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `bench/results/swiper-${results.database}.json`), JSON.stringify(results, null, 2) + '\n');
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
