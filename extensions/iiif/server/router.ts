// IIIF procedures: images (list, one, delete; the upload is a raw route, upload-route.ts, that
// runs `authorizeUpload` first), manifests and collections (operators write, anyone reads), and
// annotations (signed-in users write their own, anyone reads a canvas's page).
import { z } from 'zod';
import * as s from '../schemas';
import { noContent } from '../../../shared/schemas/auth';
import { DomainError, adminOrApiKeyProcedure, kernelOf, publicProcedure, router, userProcedure, type Actor, type Context } from '../../../server/extensions/api';
import { iiifSettings } from '../settings';
import { assertIdentifierFree, imageOut, type ImageRow } from './images';
import { decodeCursor, encodeCursor } from './cursor';
import * as presentation from './presentation';
import * as annotations from './annotations';
import * as ex from './examples';

const tags = ['iiif'];
/**
 * Operators: administrators and live keys with iiif:write. Images and manifests are public and
 * shared by every application, so a test key (its sandbox) may not write them.
 */
const writer = adminOrApiKeyProcedure('iiif:write').use(({ ctx, next }) => {
  if (ctx.actor.mode !== 'live') throw new DomainError('FORBIDDEN', 'IIIF images and manifests are public: write them with a live key.', { reason: 'LIVE_KEY_REQUIRED' });
  return next();
});
const iiif = (ctx: Context) => kernelOf(ctx, 'iiif');
/** URLs in JSON answers: absolute under CALOS_PUBLIC_URL, else from the site's root. */
const base = (ctx: Context) => iiif(ctx).settings(iiifSettings).publicUrl ?? '';
const userOf = (ctx: { actor: Actor }) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

export const iiifRouter = router({
  authorizeUpload: writer
    .meta({ errors: ['CONFLICT'] })
    .input(s.uploadInput)
    .output(z.object({ userId: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      await assertIdentifierFree(iiif(ctx).db, input.id);
      return { userId: userOf(ctx) };
    }),

  images: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/iiif/images', tags, summary: 'Images, newest first', description: 'The images this server serves over the IIIF Image API, newest first.' }, examples: ex.images })
    .input(s.listImagesInput)
    .output(s.imagesOutput)
    .query(async ({ ctx, input }) => {
      const page = input ?? { limit: 20 };
      const query = iiif(ctx).db('iiif_images').select('id', 'width', 'height', 'format', 'byte_size', 'sha256', 'pyramid_state', 'pyramid_tiles', 'created_at')
        .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.limit + 1);
      if (page.cursor) {
        const after = decodeCursor(page.cursor);
        query.whereRaw('(created_at, id) < (?, ?)', [after.at, after.id]);
      }
      const fetched = (await query) as ImageRow[];
      const rows = fetched.slice(0, page.limit);
      const last = rows.at(-1);
      return { items: rows.map((r) => imageOut(r, base(ctx)) as z.infer<typeof s.imageOutput>), nextCursor: fetched.length > page.limit && last ? encodeCursor(last.created_at, last.id) : null };
    }),

  image: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/iiif/images/{imageId}', tags, summary: 'One image', description: 'An image’s size, type and whether its tile pyramid is ready.' }, errors: ['NOT_FOUND'], examples: ex.image })
    .input(s.imageIdInput)
    .output(s.imageOutput)
    .query(async ({ ctx, input }) => {
      const row = (await iiif(ctx).db('iiif_images').where({ id: input.imageId }).first('id', 'width', 'height', 'format', 'byte_size', 'sha256', 'pyramid_state', 'pyramid_tiles', 'created_at')) as ImageRow | undefined;
      if (!row) throw new DomainError('NOT_FOUND', 'image not found.', { resource: 'image' });
      return imageOut(row, base(ctx)) as z.infer<typeof s.imageOutput>;
    }),

  deleteImage: writer
    .meta({ openapi: { method: 'DELETE', path: '/ext/iiif/images/{imageId}', tags, summary: 'Delete an image', description: 'Deletes an image, its original and its tiles. An image a canvas paints is kept (409 IMAGE_IN_USE).', protect: true }, successStatus: 204, errors: ['NOT_FOUND', 'CONFLICT'], examples: ex.deleteImage })
    .input(s.imageIdInput)
    .output(noContent)
    .mutation(async ({ ctx, input }) => {
      await iiif(ctx).transaction(async (tx) => {
        const row = await tx('iiif_images').where({ id: input.imageId }).forUpdate().first('id');
        if (!row) throw new DomainError('NOT_FOUND', 'image not found.', { resource: 'image' });
        if (await tx('iiif_canvases').where({ image_id: input.imageId }).first('id')) throw new DomainError('CONFLICT', 'A canvas paints this image; remove it from its manifests first.', { reason: 'IMAGE_IN_USE' });
        await tx('iiif_images').where({ id: input.imageId }).delete();
      });
    }),

  createManifest: writer
    .meta({ openapi: { method: 'POST', path: '/ext/iiif/manifests', tags, summary: 'Create a manifest', description: 'A Presentation API 3.0 manifest: its canvases, in order, each painting one image.', protect: true }, successStatus: 201, examples: ex.createManifest })
    .input(s.manifestInput)
    .output(s.manifestOutput)
    .mutation(({ ctx, input }) => presentation.createManifest(iiif(ctx), userOf(ctx), input, base(ctx))),

  updateManifest: writer
    .meta({ openapi: { method: 'PUT', path: '/ext/iiif/manifests/{manifestId}', tags, summary: 'Replace a manifest', description: 'Replaces its label, summary and canvases. A canvas given with its `id` is kept, with its annotations; one left out is removed with them.', protect: true }, errors: ['NOT_FOUND'], examples: ex.updateManifest })
    .input(s.updateManifestInput)
    .output(s.manifestOutput)
    .mutation(({ ctx, input }) => presentation.updateManifest(iiif(ctx), input.manifestId, input, base(ctx))),

  manifests: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/iiif/manifests', tags, summary: 'Manifests, newest first', description: 'Manifests with their canvas counts and public Presentation 3.0 URLs, newest first.' }, examples: ex.manifests })
    .input(s.listInputOnly)
    .output(s.manifestsOutput)
    .query(async ({ ctx, input }) => {
      const page = await presentation.listManifests(iiif(ctx).db, 'manifest', input ?? { limit: 20 }, base(ctx));
      return { items: page.rows.map(({ n, url, ...r }) => ({ ...r, canvasCount: n, manifestUrl: url })), nextCursor: page.nextCursor };
    }),

  manifest: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/iiif/manifests/{manifestId}', tags, summary: 'One manifest', description: 'Its canvases with their images and annotation counts. The Presentation 3.0 document is at `manifestUrl`.' }, errors: ['NOT_FOUND'], examples: ex.manifest })
    .input(s.manifestIdInput)
    .output(s.manifestOutput)
    .query(({ ctx, input }) => presentation.getManifest(iiif(ctx).db, input.manifestId, base(ctx))),

  deleteManifest: writer
    .meta({ openapi: { method: 'DELETE', path: '/ext/iiif/manifests/{manifestId}', tags, summary: 'Delete a manifest', description: 'Deletes it with its canvases and their annotations (and takes it out of collections).', protect: true }, successStatus: 204, errors: ['NOT_FOUND'], examples: ex.deleteManifest })
    .input(s.manifestIdInput)
    .output(noContent)
    .mutation(async ({ ctx, input }) => {
      await presentation.deleteRow(iiif(ctx), input.manifestId, 'manifest');
    }),

  createCollection: writer
    .meta({ openapi: { method: 'POST', path: '/ext/iiif/collections', tags, summary: 'Create a collection', description: 'A Presentation API 3.0 collection of manifests and collections, in order.', protect: true }, successStatus: 201, examples: ex.createCollection })
    .input(s.collectionInput)
    .output(s.collectionOutput)
    .mutation(({ ctx, input }) => presentation.createCollection(iiif(ctx), userOf(ctx), input, base(ctx))),

  updateCollection: writer
    .meta({ openapi: { method: 'PUT', path: '/ext/iiif/collections/{collectionId}', tags, summary: 'Replace a collection', description: 'Replaces its label, summary and items. A collection cannot contain itself, however deep.', protect: true }, errors: ['NOT_FOUND'], examples: ex.updateCollection })
    .input(s.updateCollectionInput)
    .output(s.collectionOutput)
    .mutation(({ ctx, input }) => presentation.updateCollection(iiif(ctx), input.collectionId, input, base(ctx))),

  collections: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/iiif/collections', tags, summary: 'Collections, newest first', description: 'Collections with their item counts and public Presentation 3.0 URLs, newest first.' }, examples: ex.collections })
    .input(s.listInputOnly)
    .output(s.collectionsOutput)
    .query(async ({ ctx, input }) => {
      const page = await presentation.listManifests(iiif(ctx).db, 'collection', input ?? { limit: 20 }, base(ctx));
      return { items: page.rows.map(({ n, url, ...r }) => ({ ...r, itemCount: n, collectionUrl: url })), nextCursor: page.nextCursor };
    }),

  collection: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/iiif/collections/{collectionId}', tags, summary: 'One collection', description: 'Its manifests and collections, in order. The Presentation 3.0 document is at `collectionUrl`.' }, errors: ['NOT_FOUND'], examples: ex.collection })
    .input(s.collectionIdInput)
    .output(s.collectionOutput)
    .query(({ ctx, input }) => presentation.getCollection(iiif(ctx).db, input.collectionId, base(ctx))),

  deleteCollection: writer
    .meta({ openapi: { method: 'DELETE', path: '/ext/iiif/collections/{collectionId}', tags, summary: 'Delete a collection', description: 'Deletes the collection only; its manifests stay.', protect: true }, successStatus: 204, errors: ['NOT_FOUND'], examples: ex.deleteCollection })
    .input(s.collectionIdInput)
    .output(noContent)
    .mutation(async ({ ctx, input }) => {
      await presentation.deleteRow(iiif(ctx), input.collectionId, 'collection');
    }),

  annotations: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/ext/iiif/canvases/{canvasId}/annotations', tags, summary: 'A canvas’s annotations (AnnotationPage)', description: 'Every annotation on the canvas, oldest first, as a W3C/IIIF AnnotationPage.' }, errors: ['NOT_FOUND'], examples: ex.annotations })
    .input(s.canvasIdInput)
    .output(s.jsonLd)
    .query(({ ctx, input }) => annotations.annotationPage(iiif(ctx), input.canvasId, base(ctx))),

  createAnnotation: userProcedure
    .meta({ openapi: { method: 'POST', path: '/ext/iiif/canvases/{canvasId}/annotations', tags, summary: 'Annotate a region of a canvas', description: 'A comment, tag or highlight on a region (xywh, in the canvas’s pixels), owned by you. It executes annotate_image (XP, with its cooldown and daily limit); a refusal leaves the annotation made and says why in `actionRefused`.', protect: true }, successStatus: 201, errors: ['NOT_FOUND'], examples: ex.createAnnotation })
    .input(s.createAnnotationInput)
    .output(s.createAnnotationOutput)
    .mutation(({ ctx, input }) => annotations.createAnnotation(iiif(ctx), ctx.auth.user.id, input, base(ctx))),

  updateAnnotation: userProcedure
    .meta({ openapi: { method: 'PATCH', path: '/ext/iiif/annotations/{annotationId}', tags, summary: 'Edit your annotation', description: 'Changes its motivation, text or region. Only its author may (403 NOT_AUTHOR).', protect: true }, errors: ['NOT_FOUND', 'FORBIDDEN'], examples: ex.updateAnnotation })
    .input(s.updateAnnotationInput)
    .output(s.jsonLd)
    .mutation(({ ctx, input }) => annotations.updateAnnotation(iiif(ctx), ctx.actor, input, base(ctx))),

  deleteAnnotation: userProcedure
    .meta({ openapi: { method: 'DELETE', path: '/ext/iiif/annotations/{annotationId}', tags, summary: 'Delete an annotation', description: 'Its author or an administrator may.', protect: true }, successStatus: 204, errors: ['NOT_FOUND', 'FORBIDDEN'], examples: ex.deleteAnnotation })
    .input(s.annotationIdInput)
    .output(noContent)
    .mutation(async ({ ctx, input }) => {
      await annotations.deleteAnnotation(iiif(ctx), ctx.actor, input.annotationId);
    }),
});
