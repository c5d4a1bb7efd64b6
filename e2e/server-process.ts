// Starts the real CalOS server for browser tests, on the process helpers the integration tests
// use: a free port, a fresh data folder, the built web client, extra environment if a test needs
// it; ready when /readyz answers 200. stop() ends it with SIGTERM and removes the folder.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startServer, waitUntilReady } from '../server/testing/server-process';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface CalosServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** `env`: settings on top of the defaults, e.g. { CALOS_USAGE_FLUSH_MS: '200' }. */
export async function startCalosServer(options: { env?: Record<string, string> } = {}): Promise<CalosServer> {
  await fs.access(path.join(root, 'dist/client/index.html')).catch(() => {
    throw new Error('dist/client is missing: run `npx vite build` first (npm run test:e2e does).');
  });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'calos-e2e-'));
  const process = startServer(await freePort(), { CALOS_DATA_DIR: dataDir, CALOS_CLIENT_DIR: 'dist/client', ...options.env });
  const server: CalosServer = {
    url: process.url,
    output: process.output,
    async stop() {
      const kill = setTimeout(() => process.child.kill('SIGKILL'), 15_000);
      await process.stop('SIGTERM');
      clearTimeout(kill);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitUntilReady(process, 90_000);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}
