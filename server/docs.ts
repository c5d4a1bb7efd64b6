// The browsable API reference at /api/docs: Swagger UI, served from our own package (no network).
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { pageDirectives, serializePolicy } from './security-headers';

/** sha256 of `.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`. */
const SWAGGER_LOGO_STYLE_HASH = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';

export async function registerApiDocs(app: FastifyInstance, document: OpenAPIObject): Promise<void> {
  await app.register(fastifySwagger, {
    mode: 'static',
    specification: { document: document as never },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, displayRequestDuration: true },
    // No badge from validator.swagger.io: the page loads nothing from outside this server.
    validatorUrl: false,
    // The web client's policy, with one inline style allowed by its hash: the <style> inside Swagger
    // UI's logo. e2e/pages.e2e.test.ts fails on any violation, should a new version change it.
    staticCSP: serializePolicy(pageDirectives({ styleHashes: [SWAGGER_LOGO_STYLE_HASH] })),
  });
}
