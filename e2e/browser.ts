// Chromium for browser tests (Debian's /usr/bin/chromium through playwright-core), and a page
// watcher that collects console errors and page errors so a test fails on any of them.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** An HTTP error the test expects (e.g. 401 from auth.login for a wrong password). */
export interface ExpectedHttpError {
  procedure: string;
  status: number;
}

/**
 * Chromium logs every 4xx response as a console error ("Failed to load resource …"). The client
 * meets some on purpose, which the test names; everything else on the console counts as a failure.
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  const expected: ExpectedHttpError[] = [];
  const isExpected = (text: string, url: string) => {
    const status = Number(text.match(/status of (\d{3})/)?.[1]);
    const pathname = new URL(url, 'http://x').pathname;
    // A REST call (the SDK's) is named by its path: expectHttpError('/api/actions/execute', 429).
    if (pathname.startsWith('/api/')) return text.startsWith('Failed to load resource') && expected.some((e) => e.procedure === pathname && e.status === status);
    const procedures = new URL(url, 'http://x').pathname.replace(/^\/trpc\//, '').split(',');
    return (
      text.startsWith('Failed to load resource') &&
      url.includes('/trpc/') &&
      procedures.every((p) => expected.some((e) => e.procedure === p && e.status === status))
    );
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (!isExpected(message.text(), url)) problems.push(`console: ${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    problems,
    expectHttpError(procedure: string, status: number) {
      expected.push({ procedure, status });
    },
  };
}
