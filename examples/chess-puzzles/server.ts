// A chess puzzle app built on CalOS (the seed's example): players solve mate-in-one puzzles and the
// app awards them XP through @calos/sdk. CalOS does the rest: levels, achievements, leaderboards,
// webhooks. Run it with `npm run example:chess` against a local CalOS (see README.md).
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CalOS, CalOSError } from '@calos/sdk';
import { puzzles, solves } from './puzzles';
import { sandboxClient } from '../sandbox-client';

const SKILL = process.env.CHESS_SKILL ?? 'development';

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  try {
    return JSON.parse(body || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** POST /puzzle/complete: checks the move, then awards the puzzle's XP once per player and puzzle. */
async function complete(calos: CalOS, input: Record<string, unknown>) {
  const puzzle = puzzles.find((p) => p.id === input.puzzleId);
  if (!puzzle) return { status: 404, body: { error: 'unknown puzzle' } };
  if (typeof input.userId !== 'string' || typeof input.move !== 'string') return { status: 400, body: { error: 'userId and move are required' } };
  if (!solves(puzzle, input.move)) return { status: 200, body: { solved: false } };
  // The Idempotency-Key makes a repeat (a double click, a retry) award nothing new for 24 hours.
  const award = await calos.skills.awardXP(input.userId, SKILL, puzzle.xp, { reason: `solved chess puzzle ${puzzle.id}` }, {
    idempotencyKey: `chess-puzzle:${puzzle.id}:${input.userId}`,
  });
  return { status: 200, body: { solved: true, skill: award.skill, xpAwarded: award.xpAwarded, xp: award.xp, level: award.level, levelsGained: award.levelsGained } };
}

const page = `<!doctype html><meta charset="utf-8"><title>Chess puzzles on CalOS</title>
<style>body{font-family:system-ui;max-width:40rem;margin:2rem auto}li{margin:1rem 0}code{background:#eee;padding:0 .3rem}</style>
<h1>Mate in one</h1><p>Your CalOS user id: <input id="user" size="38"></p><ul id="list"></ul>
<script type="module">
const list = document.getElementById('list');
for (const p of await (await fetch('/puzzles')).json()) {
  const li = document.createElement('li');
  li.innerHTML = '<b></b> (' + p.difficulty + ', ' + p.xp + ' XP)<br><code></code><br><input placeholder="your move, e.g. Qh5#"> <button>Submit</button> <span></span>';
  li.querySelector('b').textContent = p.title;
  li.querySelector('code').textContent = p.fen;
  li.querySelector('button').onclick = async () => {
    const r = await fetch('/puzzle/complete', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: document.getElementById('user').value, puzzleId: p.id, move: li.querySelector('input').value }) });
    const b = await r.json();
    li.querySelector('span').textContent = b.solved ? 'Mate! +' + b.xpAwarded + ' XP (level ' + b.level + ')' : b.error ?? 'Not mate, try again';
  };
  list.append(li);
}
</script>`;

export function createPuzzleServer(calos: CalOS): http.Server {
  return http.createServer((req, res) => {
    const route = `${req.method} ${req.url?.split('?')[0]}`;
    if (route === 'GET /') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (route === 'GET /puzzles') return send(res, 200, puzzles.map(({ id, title, fen, difficulty, xp }) => ({ id, title, fen, difficulty, xp })));
    if (route === 'POST /puzzle/complete') {
      readJson(req)
        .then((input) => complete(calos, input))
        .then(({ status, body }) => send(res, status, body))
        .catch((error: unknown) => {
          // CalOS's own refusals (unknown user, rate limit …) pass through with their code.
          if (error instanceof CalOSError) send(res, error.status || 502, { error: error.message, code: error.code });
          else send(res, 500, { error: 'internal error' });
        });
      return;
    }
    send(res, 404, { error: 'not found' });
  });
}

async function main() {
  const { calos, developerId } = await sandboxClient('Chess puzzles', ['skills:award']);
  const server = createPuzzleServer(calos);
  server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(`Chess puzzles listening on http://127.0.0.1:${port}`);
    if (developerId) console.log(`Try it as yourself: your CalOS user id is ${developerId}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
