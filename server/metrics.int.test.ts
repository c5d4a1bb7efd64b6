// /metrics: a bounded label set whatever paths and methods clients send, closed in production without
// a token, and served on a listener of its own (not the main port) when CALOS_METRICS_ADDRESS is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from './testing/harness';
import { listenForMetrics, UNMATCHED_ROUTE } from './metrics';

const COUPON_SECRET = 'a-test-coupon-secret-that-is-long-enough';
const TOKEN = 'metrics-token-for-the-tests';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The label sets of the request-duration series /metrics lists (one `_count` line each). */
function durationSeries(metrics: string): string[] {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('calos_http_request_duration_seconds_count{'))
    .map((line) => line.replace(/ [\d.e+]+$/, ''));
}

function expectErrorShape(body: unknown, code: string) {
  expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object), requestId: expect.any(String) } });
}

describe('metric labels', () => {
  it('stay bounded under 1,000 random paths, methods and procedures', async () => {
    const before = durationSeries((await t.app.inject({ method: 'GET', url: '/metrics' })).body);
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'MKCOL', 'TRACE', 'SEARCH'] as const;
    const randomWords: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const word = randomBytes(6).toString('hex');
      randomWords.push(word);
      const url = [`/${word}`, `/api/${word}/x`, `/trpc/${word}`, `/wp-admin/${word}.php?x=${word}`][i % 4]!;
      // light-my-request 6.6 (package.json overrides) types only the common methods; any method is sent.
      const res = await t.app.inject({ method: methods[i % methods.length]! as 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
    }
    const after = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const added = durationSeries(after).filter((series) => !before.includes(series));
    // One series per (known method or "other", "unmatched", status): a handful, not a thousand.
    expect(added.length).toBeLessThanOrEqual(methods.length * 2);
    expect(after).toContain(`route="${UNMATCHED_ROUTE}"`);
    expect(after).toContain('method="other"');
    for (const word of randomWords) expect(after).not.toContain(word);
    for (const line of durationSeries(after)) {
      const { method, status } = line.match(/method="(?<method>[^"]+)".*status="(?<status>[^"]+)"/)!.groups!;
      expect(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'other']).toContain(method);
      expect(status).toMatch(/^(\d{3}|[1-5]xx)$/);
    }
  });

  it('label a known tRPC procedure by name', async () => {
    await t.app.inject({ method: 'GET', url: '/trpc/auth.session' });
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('route="/trpc/auth.session",status="401"');
  });
});

describe('access', () => {
  it('is open in development without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('answers 401 in production without CALOS_METRICS_TOKEN, whatever the request sends', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production', CALOS_COUPON_SECRET: COUPON_SECRET }, { db: t.db });
    try {
      for (const headers of [{}, { authorization: 'Bearer ' }, { authorization: 'Bearer anything-at-all-here' }]) {
        const res = await prod.app.inject({ method: 'GET', url: '/metrics', headers });
        expect(res.statusCode).toBe(401);
        expectErrorShape(res.json(), 'UNAUTHENTICATED');
        expect(res.body).not.toContain('process_cpu');
      }
    } finally {
      await prod.close();
    }
  });

  it('needs the bearer token when one is set', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production', CALOS_COUPON_SECRET: COUPON_SECRET, CALOS_METRICS_TOKEN: TOKEN }, { db: t.db });
    try {
      for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN]) {
        const res = await prod.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
        expect(res.statusCode, String(authorization)).toBe(401);
        expectErrorShape(res.json(), 'UNAUTHENTICATED');
      }
      const ok = await prod.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('process_cpu_user_seconds_total');
    } finally {
      await prod.close();
    }
  });

  it('moves to its own listener with CALOS_METRICS_ADDRESS, and the main port no longer serves it', async () => {
    const env = { NODE_ENV: 'production', CALOS_COUPON_SECRET: COUPON_SECRET, CALOS_METRICS_ADDRESS: '127.0.0.1:0' };
    const prod = await createTestApp(env, { db: t.db });
    const { listener, address } = await listenForMetrics(prod.app, prod.config.metrics, prod.app.log);
    try {
      const main = await prod.app.inject({ method: 'GET', url: '/metrics' });
      expect(main.statusCode).toBe(404);
      expectErrorShape(main.json(), 'NOT_FOUND');
      await prod.app.inject({ method: 'GET', url: '/healthz' });

      const scraped = await fetch(`${address}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/calos_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
      const elsewhere = await fetch(`${address}/api/auth/session`);
      expect(elsewhere.status).toBe(404);
      expectErrorShape(await elsewhere.json(), 'NOT_FOUND');
    } finally {
      await listener.close();
      await prod.close();
    }
  });
});
