// Security headers on every response, through @fastify/helmet: nosniff, a referrer policy, no framing,
// HSTS when the public URL is https, and a Content-Security-Policy. API answers (JSON, CSV, errors)
// get a policy that loads nothing; the web client's index.html gets its own, with a fresh style nonce
// per response; /api/docs sets its own in server/docs.ts. Routes other origins must fetch or embed say
// so with `config: { security }` (docs/extensions.md, "Routes other sites use").
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { Config } from './config';

/**
 * - `cross-origin-resource`: other sites may load it (an IIIF image or manifest, a file, a feed):
 *   Cross-Origin-Resource-Policy: cross-origin; the API's Content-Security-Policy stays.
 * - `embeddable`: other sites may also frame it (a widget): an HTML page's policy (scripts, styles
 *   and images from this server only, nothing inline) with `frame-ancestors *`, and no X-Frame-Options.
 * CORS headers, when a route needs them, are the route's own.
 */
export type RouteSecurity = 'cross-origin-resource' | 'embeddable';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How other origins may use this route's responses; unset: same origin only, never framed. */
    security?: RouteSecurity;
  }
}

/** What Vite writes where a nonce goes (vite.config.ts, html.cspNonce); each response replaces it. */
export const CSP_NONCE_PLACEHOLDER = 'CALOS_CSP_NONCE';

type Directives = Record<string, string[]>;

/** JSON, CSV, text and errors: nothing to load or run, and never framed. */
export const apiDirectives: Directives = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * An HTML page of ours: everything from this server, nothing inline (no script, no style attribute
 * or element without the response's nonce), no plugins, never framed.
 */
export function pageDirectives(options: { styleNonce?: string; styleHashes?: string[]; frameAncestors?: string[] } = {}): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'none'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': options.frameAncestors ?? ["'none'"],
    // data: for the page's empty favicon (`<link rel="icon" href="data:,">`).
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': [
      "'self'",
      ...(options.styleNonce ? [`'nonce-${options.styleNonce}'`] : []),
      ...(options.styleHashes ?? []).map((hash) => `'${hash}'`),
    ],
  };
}

export function serializePolicy(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join(';');
}

const HSTS_MAX_AGE = 365 * 24 * 3600;

export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = isHttps(config);
  const options: FastifyHelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives: apiDirectives },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Links out of CalOS (a webhook target, an example app) do not learn which page they were on.
    referrerPolicy: { policy: 'no-referrer' },
    // Browsers ignore HSTS over plain http; behind a TLS proxy the public URL says what users see.
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  };
  await app.register(fastifyHelmet, options);

  const forRoute: Record<RouteSecurity, FastifyHelmetOptions> = {
    'cross-origin-resource': { crossOriginResourcePolicy: { policy: 'cross-origin' } },
    embeddable: {
      contentSecurityPolicy: { useDefaults: false, directives: pageDirectives({ frameAncestors: ['*'] }) },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      xFrameOptions: false,
    },
  };
  app.addHook('onRoute', (route) => {
    const security = route.config?.security;
    if (!security) return;
    if (!(security in forRoute)) throw new Error(`Route ${route.url}: unknown security '${String(security)}'`);
    // @fastify/helmet reads a route's own options from config.helmet; options the route gives itself win.
    const own = (route.config as { helmet?: FastifyHelmetOptions }).helmet;
    route.config = { ...route.config, helmet: { ...forRoute[security], ...own } } as typeof route.config;
  });

  // The web client's index.html, wherever it is served from (/, /index.html, a client-side route):
  // its style nonce is new on every response, so it is never cached or revalidated as a file. A
  // range of it (206) keeps the strict policy: it is no page.
  const clientIndex = path.join(path.resolve(config.clientDir), 'index.html');
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!(payload instanceof fs.ReadStream) || reply.statusCode !== 200 || path.resolve(String(payload.path)) !== clientIndex) {
      return payload;
    }
    const styleNonce = randomBytes(16).toString('base64');
    const html = (await readText(payload)).replaceAll(CSP_NONCE_PLACEHOLDER, styleNonce);
    reply.header('content-security-policy', serializePolicy(pageDirectives({ styleNonce })));
    reply.header('cache-control', 'no-cache');
    reply.removeHeader('content-length');
    reply.removeHeader('etag');
    reply.removeHeader('last-modified');
    return html;
  });
}

const isHttps = (config: Config) => Boolean(config.publicUrl?.startsWith('https:'));

/**
 * The headers helmet gives every API answer, for the answers Fastify sends before any hook runs
 * (its frameworkErrors: an unreadable URL). security-headers.int.test.ts keeps the two the same.
 */
export function frameworkErrorHeaders(config: Config): Record<string, string> {
  return {
    'content-security-policy': serializePolicy(apiDirectives),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(isHttps(config) ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE}; includeSubDomains` } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
}

async function readText(stream: fs.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
