// The browsable API reference at /api/docs: Swagger UI, served from our own package (no network).
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { pageDirectives, serializePolicy } from './security-headers';

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
    // Swagger UI's page has no inline script or style; its policy is the web client's, minus the nonce.
    staticCSP: serializePolicy(pageDirectives()),
  });
}
