// The Image API 3.0 on raw routes under /iiif/3/ (not JSON REST): the base URI's redirect,
// info.json and the image requests, public to every origin (CORS *, CORP cross-origin), with the
// canonical and profile Link headers, ETags and 304s. A derivative is streamed from the disk cache
// when it is there, else taken from the pyramid or rendered, cached, and sent.
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpRoute, Kernel } from '../../../server/extensions/api';
import { IDENTIFIER, IiifError } from './grammar';
import { derivativeKey, findImage, infoJson, LEVEL2_PROFILE, planFor, renderDerivative, runtimeOf, type ImageRow } from './images';
import { MEDIA_TYPES } from './render';
import { baseOf, sendError } from './http-errors';

const JSON_LD = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"';
const CACHE_CONTROL = 'public, max-age=3600';

function publicHeaders(reply: FastifyReply) {
  return reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'Link, ETag');
}

async function image(kernel: Kernel, id: string): Promise<ImageRow> {
  if (!IDENTIFIER.test(id)) throw new IiifError(404, `No image "${id}".`, 'identifier');
  const row = await findImage(kernel, id);
  if (!row) throw new IiifError(404, `No image "${id}".`, 'identifier');
  return row;
}

const matches = (req: FastifyRequest, etag: string) =>
  String(req.headers['if-none-match'] ?? '')
    .split(',')
    .some((tag) => tag.trim().replace(/^W\//, '') === etag);

type Params = { id: string; region: string; size: string; rotation: string; file: string };

export const imageRoutes: HttpRoute[] = [
  {
    method: 'GET',
    url: '/iiif/3/:id',
    security: 'cross-origin-resource',
    async handler(req, reply, _call, kernel) {
      publicHeaders(reply);
      try {
        const row = await image(kernel, (req.params as Params).id);
        return reply.code(303).header('location', `${baseOf(req, runtimeOf(kernel).settings.publicUrl)}/iiif/3/${row.id}/info.json`).send();
      } catch (err) {
        return sendError(req, reply, err);
      }
    },
  },
  {
    method: 'GET',
    url: '/iiif/3/:id/info.json',
    security: 'cross-origin-resource',
    async handler(req, reply, _call, kernel) {
      publicHeaders(reply);
      try {
        const { settings } = runtimeOf(kernel);
        const row = await image(kernel, (req.params as Params).id);
        const body = JSON.stringify(infoJson(row, baseOf(req, settings.publicUrl), settings.maxWidth));
        const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
        reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('link', `<${LEVEL2_PROFILE}>;rel="profile"`);
        if (matches(req, etag)) return reply.code(304).send();
        return reply.type(JSON_LD).send(body);
      } catch (err) {
        return sendError(req, reply, err);
      }
    },
  },
  {
    method: 'GET',
    url: '/iiif/3/:id/:region/:size/:rotation/:file',
    security: 'cross-origin-resource',
    async handler(req, reply, _call, kernel) {
      publicHeaders(reply);
      try {
        const params = req.params as Params;
        const { settings, cache } = runtimeOf(kernel);
        const row = await image(kernel, params.id);
        const plan = planFor(row, params, settings.maxWidth);
        const key = derivativeKey(row, plan);
        const etag = `"${key.slice(0, 32)}"`;
        const base = baseOf(req, settings.publicUrl);
        reply
          .header('etag', etag)
          .header('cache-control', CACHE_CONTROL)
          .header('link', `<${base}/iiif/3/${row.id}/${plan.canonical}>;rel="canonical", <${LEVEL2_PROFILE}>;rel="profile"`)
          .type(MEDIA_TYPES[plan.format]);
        if (matches(req, etag)) return reply.code(304).send();
        const hit = cache.get(key);
        if (hit) {
          // The file may be evicted between the look-up and the open: then it is rendered again.
          const handle = await fsp.open(hit.file).catch(() => null);
          if (handle) return reply.header('content-length', hit.size).send(handle.createReadStream());
        }
        const bytes = await renderDerivative(kernel, row, plan, key);
        return reply.header('content-length', bytes.length).send(bytes);
      } catch (err) {
        return sendError(req, reply, err);
      }
    },
  },
  {
    // Anything else under /iiif/3/ is a request the grammar cannot read: 400, as the spec says.
    method: 'GET',
    url: '/iiif/3/*',
    security: 'cross-origin-resource',
    async handler(req, reply) {
      publicHeaders(reply);
      return sendError(req, reply, new IiifError(400, 'Not an IIIF Image API request: /iiif/3/{identifier}/{region}/{size}/{rotation}/{quality}.{format} or /iiif/3/{identifier}/info.json.', 'identifier'));
    },
  },
];
