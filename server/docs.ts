// The browsable API reference at /api/docs: Swagger UI in a CalOS page. Every file it loads is served
// from here: Swagger UI as @fastify/swagger-ui bundles it, and the CalOS header, stylesheet and logo
// from ./api-docs. No font, script or image comes from elsewhere (docs.int.test.ts walks them).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { pageDirectives, serializePolicy } from './security-headers';

const ownFiles = path.join(import.meta.dirname, 'api-docs');
const read = (file: string) => fs.readFileSync(path.join(ownFiles, file), 'utf8');

/**
 * Swagger UI's rules that name a sans-serif font, given the web client's instead (their selectors
 * read from its stylesheet, so an upgrade that adds rules keeps the look).
 */
function fontRule(): string {
  const swaggerCss = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static', 'swagger-ui.css'), 'utf8');
  const selectors = new Set<string>();
  for (const [, list] of swaggerCss.matchAll(/([^{}]+)\{[^}]*font-family:sans-serif[^}]*\}/g)) {
    for (const selector of list!.split(',')) if (!selector.trim().startsWith('@')) selectors.add(selector.trim());
  }
  return selectors.size ? `${[...selectors].join(',')}{font-family:var(--calos-font)}\n` : '';
}

export async function registerApiDocs(app: FastifyInstance, document: OpenAPIObject): Promise<void> {
  await app.register(fastifySwagger, {
    mode: 'static',
    specification: { document: document as never },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: {
      // Without Swagger's top bar (its logo, and a box to load any other document).
      layout: 'BaseLayout',
      docExpansion: 'list',
      deepLinking: true,
      displayRequestDuration: true,
      filter: true,
      defaultModelsExpandDepth: -1,
    },
    // No badge from validator.swagger.io.
    validatorUrl: false,
    theme: {
      title: 'CalOS API reference',
      favicon: [{ filename: 'calos-logo.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: read('logo.svg') }],
      css: [{ filename: 'calos.css', content: read('reference.css') + fontRule() }],
      js: [{ filename: 'calos.js', content: read('reference.js') }],
    },
    // The web client's policy: everything from this server, nothing inline.
    staticCSP: serializePolicy(pageDirectives()),
  });
}
