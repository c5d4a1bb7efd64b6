// The live stream's caps: a client address holds at most `perClient` open streams (so one client
// cannot take every slot), the server at most `total`; both refusals are 429 RATE_LIMITED in the
// contract's shape with Retry-After, and a closed stream gives its slot back.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUpAdmin } from '../../../server/testing/factories';
import { streamLimits } from './http';

let t: TestApp;
let base: string;
const aborters: AbortController[] = [];
beforeAll(async () => {
  t = await createTestApp();
  const admin = await signUpAdmin(t);
  const push = await t.rest('POST', '/api/ext/markets/trades', { token: admin.token, body: { symbol: 'CAP', source: 'feed-cap', trades: [{ id: 1, ts: Date.now() - 60_000, price: '10', size: '1' }] } });
  expect(push.status, JSON.stringify(push.body)).toBe(200);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const a of aborters) a.abort();
  streamLimits.total = 500;
  await t.close();
});

async function open() {
  const aborter = new AbortController();
  const res = await fetch(`${base}/api/ext/markets/stream?symbol=CAP&interval=1m`, { signal: aborter.signal });
  if (res.status === 200) aborters.push(aborter);
  return { res, aborter };
}

async function expectRefused(res: Response, scope: string, limit: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe('30');
  const body = await res.json();
  expect(body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 30, scope, limit } });
  expect(typeof body.error.message).toBe('string');
}

async function closeAll() {
  for (const a of aborters.splice(0)) a.abort();
  // The server sees the sockets close asynchronously.
  for (let i = 0; i < 50; i++) {
    const probe = await open();
    if (probe.res.status === 200) {
      probe.aborter.abort();
      aborters.pop();
      return;
    }
    await probe.res.body?.cancel();
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('live stream caps', () => {
  it('refuses a client address its 11th open stream, and frees a slot when one closes', async () => {
    expect(streamLimits.perClient).toBe(10);
    const opened = await Promise.all(Array.from({ length: 10 }, () => open()));
    expect(opened.map((o) => o.res.status)).toEqual(Array(10).fill(200));
    await expectRefused((await open()).res, 'client', 10);
    // Closing one frees its slot.
    aborters.shift()!.abort();
    let again = await open();
    for (let i = 0; again.res.status !== 200 && i < 50; i++) {
      await again.res.body?.cancel();
      await new Promise((r) => setTimeout(r, 100));
      again = await open();
    }
    expect(again.res.status).toBe(200);
    await closeAll();
  });

  it('keeps the server-wide cap, with the same 429 shape', async () => {
    streamLimits.total = 2;
    try {
      expect((await open()).res.status).toBe(200);
      expect((await open()).res.status).toBe(200);
      await expectRefused((await open()).res, 'server', 2);
    } finally {
      streamLimits.total = 500;
    }
    await closeAll();
  });
});
