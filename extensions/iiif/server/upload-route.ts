// POST /api/ext/iiif/images?id=…: an image's bytes as the raw body (a route of its own: the REST
// door reads JSON). The caller is checked first (authorizeUpload: an administrator or an API key
// with iiif:write, and a free identifier), before one byte is read; then the body is read as a
// stream, up to CALOS_IIIF_UPLOAD_MAX_BYTES (413 past it), and checked by its bytes (images.ts
// inspect). Nothing is written unless it is accepted.
import type { Readable } from 'node:stream';
import type { OperationObject } from 'openapi3-ts/oas31';
import { z } from 'zod';
import { DomainError, type HttpRoute } from '../../../server/extensions/api';
import * as s from '../schemas';
import { imageOut, runtimeOf, storeImage } from './images';
import { baseOf, sendError } from './http-errors';

export const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/tiff'];

/** Reads a stream up to `max` bytes; past it, stops keeping what arrives and refuses with 413. */
function readLimited(stream: Readable, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const tooLarge = () => new DomainError('PAYLOAD_TOO_LARGE', `The image is larger than ${max} bytes.`, { maxBytes: max });
    stream.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > max) {
        // The rest is discarded as it arrives; the answer closes the connection.
        stream.removeAllListeners('data');
        stream.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks, length)));
    stream.on('error', reject);
  });
}

/** The image's JSON Schema, without the `$schema` URI (the document links to no other site). */
function imageSchema(): object {
  const { $schema: _, ...schema } = z.toJSONSchema(s.imageOutput, { io: 'output', unrepresentable: 'any', override: (ctx) => {
    if ((ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'date') ctx.jsonSchema.type = 'string';
  } }) as Record<string, unknown>;
  return schema;
}

const errorRef = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const error = (description: string) => ({ description, content: errorRef });

const operation: OperationObject = {
  operationId: 'iiif-uploadImage',
  tags: ['iiif'],
  summary: 'Upload an image',
  description:
    'The image’s bytes are the body (`Content-Type` `image/png`, `image/jpeg`, `image/webp` or `image/tiff`; the type is read ' +
    'from the bytes themselves). It is served at once over the IIIF Image API at `infoUrl`; its tile pyramid is made in the ' +
    'background. Images larger than CALOS_IIIF_UPLOAD_MAX_BYTES (413) or with more than CALOS_IIIF_MAX_PIXELS pixels (422 ' +
    'TOO_MANY_PIXELS, read from the header before decoding) are refused, and nothing is kept.\n\n' +
    '**Who may call:** an administrator, or an API key with the `iiif:write` scope.',
  security: [{ bearerAuth: [] }, { apiKey: ['iiif:write'] }],
  parameters: [{ name: 'id', in: 'query', required: true, description: 'The image’s identifier: letters, digits, - and _, at most 128, unique.', schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$' }, example: 'night-watch' }],
  requestBody: { required: true, content: Object.fromEntries(UPLOAD_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) },
  responses: {
    '201': {
      description: 'Stored; `Location` is its info.json.',
      content: { 'application/json': { schema: imageSchema() } },
    },
    '400': error('No identifier, or one that is not URL-safe (VALIDATION_FAILED, naming query.id).'),
    '401': error('Not signed in, or the token or API key is not valid.'),
    '403': error('Neither an administrator nor an API key with iiif:write (details.requiredScope).'),
    '409': error('The identifier is taken (CONFLICT, reason IDENTIFIER_TAKEN).'),
    '413': error('The body is larger than CALOS_IIIF_UPLOAD_MAX_BYTES (PAYLOAD_TOO_LARGE).'),
    '415': error('The Content-Type is not one of the four, or the bytes are not such an image (UNSUPPORTED_MEDIA_TYPE, reason NOT_AN_IMAGE).'),
    '422': error('Too many pixels (reason TOO_MANY_PIXELS), or damaged data (reason UNREADABLE) (UNPROCESSABLE).'),
    '429': error('Rate limited (RATE_LIMITED); see Retry-After.'),
    '500': error('Internal error (INTERNAL); no details are given.'),
  },
};

export const uploadRoute: HttpRoute = {
  method: 'POST',
  url: '/api/ext/iiif/images',
  rawBody: true,
  openapi: operation,
  async handler(req, reply, call, kernel) {
    const body = req.body as Readable | undefined;
    try {
      const { userId } = (await call('authorizeUpload', { id: (req.query as { id?: unknown }).id })) as { userId: string | null };
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!UPLOAD_TYPES.includes(type)) {
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the image as ${UPLOAD_TYPES.join(', ')}.`, { reason: 'CONTENT_TYPE' });
      }
      const { settings } = runtimeOf(kernel);
      if (Number(req.headers['content-length'] ?? 0) > settings.uploadMaxBytes) {
        throw new DomainError('PAYLOAD_TOO_LARGE', `The image is larger than ${settings.uploadMaxBytes} bytes.`, { maxBytes: settings.uploadMaxBytes });
      }
      const bytes = body ? await readLimited(body, settings.uploadMaxBytes) : Buffer.alloc(0);
      const row = await storeImage(kernel, { id: (req.query as { id: string }).id, bytes, userId });
      const out = imageOut(row, baseOf(req, settings.publicUrl));
      return reply.code(201).header('location', out.infoUrl).send(out);
    } catch (err) {
      // A body not read in full is discarded; the connection closes after the answer.
      if (body && !body.readableEnded) {
        body.resume();
        reply.header('connection', 'close');
      }
      return sendError(req, reply, err);
    }
  },
};
