// The test app listening on a free local port, for clients that speak real HTTP (the SDK, the
// examples and the docs' samples) instead of app.inject().
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from './harness';

export interface ListeningTestApp extends TestApp {
  /** e.g. http://127.0.0.1:43121, what the SDK takes as `endpoint`. */
  endpoint: string;
}

export async function listenTestApp(env: Record<string, string> = {}): Promise<ListeningTestApp> {
  const t = await createTestApp(env);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return Object.assign(t, { endpoint: `http://127.0.0.1:${port}` });
}
