// Runs each example the way its README says (its npm script's command, as a child process) against
// a CalOS test server: the chess app awards XP through the SDK once per solved puzzle, and the
// mailer script writes a CSV of fresh codes.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenTestApp, type ListeningTestApp } from '../server/testing/listening';
import { signUp } from '../server/testing/factories';
import { freePort } from '../server/testing/server-process';

const root = path.resolve(import.meta.dirname, '..');
const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
let t: ListeningTestApp;
let developer: Awaited<ReturnType<typeof signUp>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await listenTestApp();
  developer = await signUp(t);
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await t?.close();
});

/**
 * Runs `npm run <name>`'s command (tsx <file>) with node directly, so no npm process sits between.
 * `cwd` stands in for the repository root (npm runs scripts there), to see where files land.
 */
function runExample(name: string, env: Record<string, string>, cwd = root) {
  const [tool, file] = scripts[name]!.split(' ');
  expect(tool).toBe('tsx');
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, path.join(root, file!)], {
    cwd,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
      CALOS_ENDPOINT: t.endpoint,
      CALOS_USERNAME: developer.account.username,
      CALOS_PASSWORD: developer.account.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

describe('examples', () => {
  it('chess puzzles: a mate earns the puzzle’s XP once, a wrong move earns nothing', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const app = runExample('example:chess', { PORT: String(port) });
    const deadline = Date.now() + 45_000;
    while (!app.output().includes('listening on')) {
      if (Date.now() > deadline || app.child.exitCode !== null) throw new Error(`the chess app did not start:\n${app.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(base)).headers.get('content-type')).toContain('text/html');
    const list = (await (await fetch(`${base}/puzzles`)).json()) as Array<{ id: string; xp: number }>;
    expect(list.map((p) => p.id)).toContain('back-rank');
    const player = await signUp(t);
    const submit = async (move: string) =>
      (await fetch(`${base}/puzzle/complete`, { method: 'POST', body: JSON.stringify({ userId: player.userId, puzzleId: 'back-rank', move }) })).json();

    expect(await submit('Rd7')).toEqual({ solved: false });
    expect(await submit('Rd8#')).toMatchObject({ solved: true, skill: 'development', xpAwarded: 50, xp: 50 });
    // Solving it again replays the first award: the XP stays 50.
    expect(await submit('d1d8')).toMatchObject({ solved: true, xp: 50 });
    expect(app.output()).toContain(developer.userId);
  });

  it('mailer campaign: one command creates the campaign and writes its codes as CSV to ./data/examples', { timeout: 60_000 }, async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-mailer-'));
    const run = runExample('example:mailer', { CODES: '5', CAMPAIGN_NAME: 'Example mailer' }, project);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain('5 codes written');
    // Nothing lands beside package.json: the codes go to the git-ignored ./data, readable by the owner only.
    expect(fs.readdirSync(project)).toEqual(['data']);
    const [csv, ...others] = fs.readdirSync(path.join(project, 'data', 'examples'));
    expect(others).toEqual([]);
    expect(csv).toMatch(/^coupons-[\w-]+\.csv$/);
    const file = path.join(project, 'data', 'examples', csv!);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\r\n');
    expect(header).toBe('code,campaign,uses_per_code,expires_at');
    expect(rows).toHaveLength(5);
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('mailer campaign: OUT chooses the file', { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-mailer-'));
    const out = path.join(dir, 'codes.csv');
    const run = runExample('example:mailer', { CODES: '2', CAMPAIGN_NAME: 'Example mailer', OUT: out });
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain(`2 codes written to ${out}`);
    expect(fs.readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(3);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
