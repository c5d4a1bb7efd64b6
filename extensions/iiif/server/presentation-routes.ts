// The public Presentation API 3.0 documents (manifests, collections, annotation pages), for
// viewers on any site: JSON-LD, CORS *, CORP cross-origin, ETags.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type HttpRoute, type Kernel } from '../../../server/extensions/api';
import { collectionDocument, manifestDocument } from './presentation';
import { annotationPage } from './annotations';
import { runtimeOf } from './images';
import { baseOf, sendError } from './http-errors';

const JSON_LD = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function serve(make: (kernel: Kernel, id: string, base: string) => Promise<unknown>, resource: string) {
  return async (req: FastifyRequest, reply: FastifyReply, _call: unknown, kernel: Kernel) => {
    reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'ETag');
    try {
      const id = (req.params as { id: string }).id;
      const { settings } = runtimeOf(kernel);
      if (!UUID.test(id)) return sendError(req, reply, new DomainError('NOT_FOUND', `${resource} not found.`, { resource }));
      const body = JSON.stringify(await make(kernel, id, baseOf(req, settings.publicUrl)));
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (String(req.headers['if-none-match'] ?? '') === etag) return reply.code(304).send();
      return reply.type(JSON_LD).send(body);
    } catch (err) {
      return sendError(req, reply, err);
    }
  };
}

export const presentationRoutes: HttpRoute[] = [
  { method: 'GET', url: '/iiif/presentation/3/manifests/:id', security: 'cross-origin-resource', handler: serve((k, id, base) => manifestDocument(k.db, id, base, runtimeOf(k).settings.maxWidth), 'manifest') },
  { method: 'GET', url: '/iiif/presentation/3/collections/:id', security: 'cross-origin-resource', handler: serve((k, id, base) => collectionDocument(k.db, id, base), 'collection') },
  { method: 'GET', url: '/iiif/presentation/3/canvases/:id/annotations', security: 'cross-origin-resource', handler: serve((k, id, base) => annotationPage(k, id, base), 'canvas') },
];
