// The seed's deployment path, as a process: `.env` in the working directory (the environment wins),
// DB_HOST/DB_PORT/DB_NAME/DB_USER with an empty DB_PASSWORD (trust authentication) instead of
// DATABASE_URL, and a database that comes up after CalOS does (Compose's depends_on does not wait).
// PostgreSQL only: the DB_* variables name a PostgreSQL server, which the PGlite run does not use.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './testing/harness';
import { testDatabaseKind } from './testing/databases';
import { freePort } from './testing/server-process';

const root = path.resolve(import.meta.dirname, '..');
const tsxLoader = createRequire(import.meta.url).resolve('tsx');
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  // In order: the folder, then CalOS (closing its connections), then the proxy they went through.
  for (const cleanup of cleanups) await cleanup();
});

/** Forwards a local port to PostgreSQL, from when it is started: until then, connections are refused. */
function proxyToPostgres(port: number): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(5432, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const close = () => (client.destroy(), upstream.destroy());
    client.on('error', close);
    upstream.on('error', close);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

describe.runIf(testDatabaseKind() === 'postgres')('starting from a .env with DB_* variables', () => {
  it('reads .env, builds the connection from DB_*, waits for the database, and serves', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase();
    const name = new URL(database.url!).pathname.slice(1);
    await database.close();
    const [port, dbPort] = [await freePort(), await freePort()];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-dotenv-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(
      path.join(dir, '.env'),
      [
        '# cp .env.example .env, then edit',
        `PORT=${port}`,
        'HOST=127.0.0.1',
        'DB_HOST=127.0.0.1',
        `DB_PORT=${dbPort}`,
        `DB_NAME=${name}`,
        'DB_USER=postgres',
        'DB_PASSWORD=',
        'CALOS_CLIENT_DIR=/nonexistent',
        'LOG_LEVEL=debug',
        'CALOS_LOG_FORMAT=json',
      ].join('\n'),
    );
    // The environment wins over .env: LOG_LEVEL here, not .env's debug.
    const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? dir, LOG_LEVEL: 'info', CALOS_SEED_DEMO: 'false' };
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'server/main.ts')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    cleanups.push(() => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : (child.once('exit', resolve), child.kill('SIGTERM')))));

    // PostgreSQL "comes up" two seconds after CalOS has read its .env and is trying to connect.
    const started = Date.now();
    while (!output.includes('read .env') && Date.now() - started < 60_000 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const proxy = await proxyToPostgres(dbPort);
    cleanups.push(() => new Promise((resolve) => proxy.close(resolve)));

    const deadline = Date.now() + 90_000;
    let ready = false;
    while (!ready && Date.now() < deadline && child.exitCode === null) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(ready, output).toBe(true);
    const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; level: number; variables?: string[] });
    expect(lines.find((l) => l.msg === 'read .env')?.variables).toEqual(expect.arrayContaining(['PORT', 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD']));
    expect(lines.some((l) => l.msg === 'waiting for the database')).toBe(true);
    expect(lines.some((l) => l.level === 20), 'no debug lines: the environment’s LOG_LEVEL=info won').toBe(false);
    const skills = (await (await fetch(`http://127.0.0.1:${port}/api/skills`)).json()) as { items: unknown[] };
    expect(skills.items).toHaveLength(10);
  });
});
