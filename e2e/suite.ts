// What every browser test file sets up: one CalOS server process and one Chromium for the file, a
// fresh browser context and page per test whose console and page errors fail the test, and a JSON
// client for arranging data over REST. The bindings below are live: tests read the current ones.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium, watchPage } from './browser';
import { startCalosServer, type CalosServer } from './server-process';

export let server: CalosServer;
export let browser: Browser;
export let context: BrowserContext;
export let page: Page;
export let watcher: ReturnType<typeof watchPage>;
/** Watchers of extra pages a test opens; their problems fail the test too. */
export const otherWatchers: Array<ReturnType<typeof watchPage>> = [];

export const PASSWORD = 'correct-horse-battery';
export const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

export interface SuiteOptions {
  /** An administrator created at start-up (CALOS_ADMIN_*). */
  admin?: { username: string; email: string; password: string };
  env?: Record<string, string>;
  context?: BrowserContextOptions;
  /** Runs before the server starts and after it stops (e.g. a webhook receiver). */
  around?: { before(): Promise<void>; after(): Promise<void> };
}

export function useBrowserSuite(options: SuiteOptions = {}) {
  beforeAll(async () => {
    await options.around?.before();
    const admin: Record<string, string> = options.admin
      ? { CALOS_ADMIN_USERNAME: options.admin.username, CALOS_ADMIN_EMAIL: options.admin.email, CALOS_ADMIN_PASSWORD: options.admin.password }
      : {};
    server = await startCalosServer({ env: { ...admin, ...options.env } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await options.around?.after();
  });

  beforeEach(async () => {
    otherWatchers.length = 0;
    context = await browser.newContext({ baseURL: server.url, ...options.context });
    page = await context.newPage();
    watcher = watchPage(page);
    // Pages ask who is signed in; the answer for a visitor is 401 UNAUTHENTICATED.
    watcher.expectHttpError('auth.session', 401);
  });

  afterEach(async () => {
    await context?.close();
    const problems = [watcher, ...otherWatchers].flatMap((w) => w.problems);
    expect(problems, `server output:\n${server.output()}`).toEqual([]);
  });
}

/** A REST call to the suite's server; throws with the answer on any 4xx/5xx. */
export async function api(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = res.status === 204 ? undefined : await res.json();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
