// Starts the real CalOS server (server/main.ts) for browser tests: a free port in 5201–5210, a
// fresh data folder, extra environment if a test needs it, ready when /readyz answers 200; stop()
// ends it with SIGTERM and cleans up.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface CalosServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function freePort(from = 5201, to = 5210): Promise<number> {
  for (let port = from; port <= to; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}-${to}`);
}

/** `env`: settings on top of the defaults, e.g. { CALOS_USAGE_FLUSH_MS: '200' }. */
export async function startCalosServer(options: { env?: Record<string, string> } = {}): Promise<CalosServer> {
  const clientIndex = path.join(root, 'dist/client/index.html');
  await fs.access(clientIndex).catch(() => {
    throw new Error('dist/client is missing: run `npx vite build` first (npm run test:e2e does).');
  });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'calos-e2e-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CALOS_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: CalosServer = {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timeout);
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await server.stop();
      throw new Error(`the server exited during start-up:\n${output}`);
    }
    const ready = await fetch(`${server.url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`the server was not ready within 90 s:\n${output}`);
}
