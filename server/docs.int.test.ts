// The API reference at /api/docs: a CalOS page whose every file comes from this server. The page and
// each file it references (and each file those reference) load here, under a policy that allows this
// server alone, and none of them names a URL elsewhere. (e2e/pages.e2e.test.ts also watches the
// requests a browser makes while it renders, which covers Swagger UI's own bundle.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from './testing/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const ORIGIN = 'http://localhost';
/** Swagger UI's own files: too large and too full of URL-like text to read for references. */
const LIBRARY_FILE = /\/swagger-ui(-bundle|-standalone-preset)?\.js$/;

const get = (url: string) => t.app.inject({ method: 'GET', url });

interface Reference {
  url: string;
  /** Loaded with the page (a script, a stylesheet, an image), rather than a link to follow. */
  loaded: boolean;
}

/** The URLs in a page, in markup a script of ours writes, in a stylesheet or in an SVG. */
function referencesIn(body: string, contentType: string): Reference[] {
  const inMarkup = (markup: string) =>
    [...markup.matchAll(/<([a-z]+)\b[^>]*?\s(?:src|href|xlink:href)\s*=\s*["']([^"']+)["']/gi)].map((m) => ({ url: m[2]!, loaded: m[1]!.toLowerCase() !== 'a' }));
  if (contentType.startsWith('text/html') || contentType.startsWith('image/svg')) return inMarkup(body);
  if (contentType.startsWith('text/css')) {
    return [
      ...[...body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]!),
      ...[...body.matchAll(/@import\s+["']([^"']+)["']/g)].map((m) => m[1]!),
    ].map((url) => ({ url, loaded: true }));
  }
  if (contentType.includes('javascript')) {
    // Absolute URLs anywhere but in comment lines, and the markup a script writes.
    const code = body.replace(/^\s*\/\/.*$/gm, '');
    return [...[...code.matchAll(/(?:https?:)?\/\/[\w.-]+\.[a-z]{2,}[^\s"'`)]*/gi)].map((m) => ({ url: m[0], loaded: true })), ...inMarkup(code)];
  }
  return [];
}

/** Loads `start` and everything it loads, transitively; answers each URL's response. */
async function crawl(start: string): Promise<Map<string, LightMyRequestResponse>> {
  const seen = new Map<string, LightMyRequestResponse>();
  const queue = [new URL(start, ORIGIN)];
  while (queue.length) {
    const url = queue.shift()!;
    const key = url.pathname + url.search;
    if (seen.has(key)) continue;
    const res = await get(key);
    seen.set(key, res);
    const type = String(res.headers['content-type'] ?? '');
    if (LIBRARY_FILE.test(url.pathname)) continue;
    for (const reference of referencesIn(res.body, type)) {
      if (reference.url.startsWith('data:') || reference.url.startsWith('#')) continue;
      const target = new URL(reference.url, url);
      expect(target.origin, `${key} refers to ${reference.url}`).toBe(ORIGIN);
      if (reference.loaded) queue.push(target);
    }
  }
  return seen;
}

/** A policy that loads from this server alone: 'self', 'none' and data: images, nothing else. */
function expectSelfOnlyPolicy(header: unknown, url: string) {
  const directives = String(header).split(';').map((d) => d.trim().split(/\s+/));
  expect(directives.length, url).toBeGreaterThan(1);
  for (const [name, ...values] of directives) {
    const allowed = name === 'img-src' ? ["'self'", 'data:'] : ["'self'", "'none'"];
    for (const value of values) expect(allowed, `${url}: ${name} ${value}`).toContain(value);
  }
}

describe('/api/docs', () => {
  it.each(['/api/docs', '/api/docs/'])('%s is the CalOS reference, every file it loads served from here', async (start) => {
    const files = await crawl(start);
    const page = files.get(start)!;
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>CalOS API reference</title>');
    expect(page.body).not.toContain('Swagger UI</title>');
    expectSelfOnlyPolicy(page.headers['content-security-policy'], start);

    const paths = [...files.keys()];
    for (const [url, res] of files) expect(res.statusCode, url).toBe(200);
    // Swagger UI, the CalOS header, stylesheet and logo, and the document it renders.
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-initializer.js', 'theme/calos.js', 'theme/calos.css', 'theme/calos-logo.svg']) {
      expect(paths.some((p) => p.endsWith(`/static/${file}`)), file).toBe(true);
    }
    const header = [...files].find(([url]) => url.endsWith('/theme/calos.js'))![1].body;
    expect(header).toContain('CalOS');
    expect(header).toContain('viewport');
  });

  it('configures Swagger UI to fetch nothing but the document from here', async () => {
    const initializer = (await get('/api/docs/static/swagger-initializer.js')).body;
    expect(initializer).toContain('validatorUrl: null');
    expect(initializer).toContain("url: resolveUrl('./json')");
    expect(initializer).toContain('"layout":"BaseLayout"');
    expectSelfOnlyPolicy((await get('/api/docs/static/swagger-initializer.js')).headers['content-security-policy'], 'initializer');

    const document = (await get('/api/docs/json')).json();
    expect(document.info.title).toBe('CalOS API');
    expect(document.paths['/skills/award-xp'].post.requestBody.content['application/json'].example).toMatchObject({ skill: 'development' });
    // No server, link or logo of the document points elsewhere (with no public URL it names none).
    expect(JSON.stringify(document)).not.toMatch(/https?:\/\/(?!puzzles\.example\.com)/);
  });
});
