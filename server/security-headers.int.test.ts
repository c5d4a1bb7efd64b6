// Security headers on every kind of response: API JSON, errors, the web client's index.html (a fresh
// style nonce each time), /api/docs, /metrics, /healthz; HSTS only for an https public URL; and the
// `security` route flag for routes other origins may load or frame.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, newAccount, type TestApp } from './testing/harness';

const API_POLICY = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

let t: TestApp;
let token: string;
let clientDir: string;
beforeAll(async () => {
  // A built client as Vite writes it (vite.config.ts, html.cspNonce), so the test needs no build.
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-client-'));
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(
    path.join(clientDir, 'index.html'),
    [
      '<!doctype html><html><head>',
      '<meta property="csp-nonce" nonce="CALOS_CSP_NONCE">',
      '<script type="module" crossorigin src="/assets/index.js" nonce="CALOS_CSP_NONCE"></script>',
      '<link rel="stylesheet" crossorigin href="/assets/index.css" nonce="CALOS_CSP_NONCE">',
      '</head><body><div id="root"></div></body></html>',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(clientDir, 'assets/index.js'), 'console.log("calos")');
  t = await createTestApp({ CALOS_CLIENT_DIR: clientDir });
  token = (await t.rest('POST', '/api/auth/register', { body: newAccount() })).body.token;
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

/** The headers every response carries, whatever its policy. */
function expectBaseHeaders(res: LightMyRequestResponse, what: string) {
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['cross-origin-resource-policy'], what).toBe('same-origin');
  expect(res.headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(res.headers['strict-transport-security'], what).toBeUndefined();
  expect(res.headers['x-powered-by'], what).toBeUndefined();
  const policy = String(res.headers['content-security-policy']);
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).not.toContain('unsafe-inline');
  expect(policy, what).not.toContain('unsafe-eval');
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('API answers', () => {
  it.each([
    ['JSON from a procedure', () => t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: `Bearer ${token}` } }), 200],
    ['tRPC', () => t.app.inject({ method: 'GET', url: '/trpc/auth.session', headers: { authorization: `Bearer ${token}` } }), 200],
    ['/healthz', () => t.app.inject({ method: 'GET', url: '/healthz' }), 200],
    ['/readyz', () => t.app.inject({ method: 'GET', url: '/readyz' }), 200],
    ['/metrics', () => t.app.inject({ method: 'GET', url: '/metrics' }), 200],
    ['/api/openapi.json', () => t.app.inject({ method: 'GET', url: '/api/openapi.json' }), 200],
    ['a static asset', () => t.app.inject({ method: 'GET', url: '/assets/index.js' }), 200],
    ['404 for an unknown route', () => t.app.inject({ method: 'GET', url: '/api/nope' }), 404],
    ['404 for a missing asset', () => t.app.inject({ method: 'GET', url: '/assets/nope.js' }), 404],
    ['400 for malformed JSON', () => t.app.inject({ method: 'POST', url: '/api/auth/register', headers: { 'content-type': 'application/json' }, payload: '{"username":' }), 400],
    ['400 for invalid input', () => t.app.inject({ method: 'POST', url: '/api/auth/register', headers: { 'content-type': 'application/json' }, payload: '{}' }), 400],
    ['400 for an unreadable URL', () => t.app.inject({ method: 'GET', url: '/api/%zz' }), 400],
    ['401 without a session', () => t.app.inject({ method: 'GET', url: '/api/auth/session' }), 401],
    ['415 for a text body', () => t.app.inject({ method: 'POST', url: '/api/auth/register', headers: { 'content-type': 'text/plain' }, payload: 'x' }), 415],
  ])('%s carries the strict policy and the other headers', async (what, send, status) => {
    const res = await send();
    expect(res.statusCode, what).toBe(status);
    expectBaseHeaders(res, what);
    expect(directives(res.headers['content-security-policy']), what).toEqual(API_POLICY);
  });
});

describe('answers Fastify gives before any hook runs', () => {
  it('carry exactly the headers helmet gives any other API answer', async () => {
    const securityHeaders = (res: LightMyRequestResponse) =>
      Object.fromEntries(
        Object.entries(res.headers).filter(([name]) => !['content-type', 'content-length', 'date', 'connection', 'x-request-id'].includes(name)),
      );
    const hooked = await t.app.inject({ method: 'GET', url: '/api/nope' });
    const unreadable = await t.app.inject({ method: 'GET', url: '/api/%zz' });
    expect(unreadable.statusCode).toBe(400);
    expect(securityHeaders(unreadable)).toEqual(securityHeaders(hooked));
  });
});

describe('the web client', () => {
  it.each([
    ['/', {}],
    ['/index.html', {}],
    ['/devices', { accept: 'text/html,application/xhtml+xml' }],
    ['/leagues/00000000-0000-4000-8000-000000000000', { accept: 'text/html' }],
  ])('%s gets a page policy whose style nonce is in the page, new on every response', async (url, headers) => {
    const [first, second] = [await t.app.inject({ method: 'GET', url, headers }), await t.app.inject({ method: 'GET', url, headers })];
    const nonces: string[] = [];
    for (const res of [first, second]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expectBaseHeaders(res, url);
      const policy = directives(res.headers['content-security-policy']);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['script-src-attr']).toEqual(["'none'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['style-src']).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)]);
      const nonce = policy['style-src']![1]!.slice(7, -1);
      nonces.push(nonce);
      expect(res.body).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      expect(res.body).not.toContain('CALOS_CSP_NONCE');
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
      // A page that changes on every response is never revalidated as a file.
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers['last-modified']).toBeUndefined();
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe('/api/docs', () => {
  it('has the web client’s policy: everything from this server, nothing inline, no validator badge', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expectBaseHeaders(page, '/api/docs/');
    const policy = directives(page.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:']);
    expect(String(page.headers['content-security-policy'])).not.toMatch(/https?:|swagger\.io/);
    // Every script of the page is a file, as its policy allows no inline one.
    for (const tag of page.body.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/ src="/);
    const initializer = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain('validatorUrl: null');
    expectBaseHeaders(initializer, 'swagger-initializer.js');
  });
});

describe('HSTS', () => {
  it.each([
    ['https://calos.example.com', 'max-age=31536000; includeSubDomains'],
    ['http://calos.example.com', undefined],
  ])('with CALOS_PUBLIC_URL=%s is %s', async (publicUrl, expected) => {
    const other = await createTestApp({ CALOS_PUBLIC_URL: publicUrl }, { db: t.db });
    try {
      for (const url of ['/healthz', '/api/nope', '/api/docs/']) {
        const res = await other.app.inject({ method: 'GET', url });
        expect(res.headers['strict-transport-security'], url).toBe(expected);
      }
    } finally {
      await other.close();
    }
  });
});

describe('routes other origins use', () => {
  it('relax only what their flag says, on a test-only route of each kind', async () => {
    const other = await createTestApp({}, { db: t.db });
    try {
      other.app.get('/test/widget', { config: { security: 'embeddable' } }, async (_req, reply) =>
        reply.type('text/html').send('<!doctype html><script src="/widget.js"></script>'),
      );
      other.app.get('/test/image.json', { config: { security: 'cross-origin-resource' } }, async () => ({ '@id': 'x' }));
      other.app.get('/test/plain', async () => ({ ok: true }));

      const widget = await other.app.inject({ method: 'GET', url: '/test/widget' });
      expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(widget.headers['x-frame-options']).toBeUndefined();
      const widgetPolicy = directives(widget.headers['content-security-policy']);
      expect(widgetPolicy['frame-ancestors']).toEqual(['*']);
      expect(widgetPolicy['script-src']).toEqual(["'self'"]);
      expect(widget.headers['x-content-type-options']).toBe('nosniff');

      const image = await other.app.inject({ method: 'GET', url: '/test/image.json' });
      expect(image.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(directives(image.headers['content-security-policy'])).toEqual(API_POLICY);
      expect(image.headers['x-frame-options']).toBe('DENY');

      const plain = await other.app.inject({ method: 'GET', url: '/test/plain' });
      expectBaseHeaders(plain, '/test/plain');
    } finally {
      await other.close();
    }
  });

  it('refuses an unknown flag when the route is declared', async () => {
    const other = await createTestApp({}, { db: t.db });
    try {
      expect(() =>
        other.app.get('/test/bad', { config: { security: 'anything' as never } }, async () => ({})),
      ).toThrow(/unknown security 'anything'/);
    } finally {
      await other.close();
    }
  });
});

describe('a request the HTTP parser cannot read', () => {
  /** Raw bytes over a socket: these never reach Fastify's routing, or even its request object. */
  async function rawAnswer(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;
    const text = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    const [head, body = ''] = text.split('\r\n\r\n');
    const [statusLine, ...lines] = head!.split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    return { status: Number(statusLine!.split(' ')[1]), headers, body };
  }

  it.each([
    ['headers over the limit', `GET /api/skills HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a malformed header line', 'GET /api/skills HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n', 400],
  ])('answers %s in the contract shape, with the security headers', async (_name, request, status) => {
    const answer = await rawAnswer(request);
    expect(answer.status).toBe(status);
    expect(answer.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'content-security-policy': expect.stringContaining("default-src 'none'") });
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'headers' }] } });
  });
});
