// The IIIF extension's images, manifests, collections and annotations, shared by server and client.
import { z } from 'zod';
import { listInput, page, text, timestamp, uuid } from '../../shared/schemas/primitives';

export const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'letters, digits, - and _ (not first), at most 128')
  .describe('The image’s IIIF identifier: URL-safe, unique.');

export const imageOutput = z.object({
  id: identifier,
  width: z.number().int(),
  height: z.number().int(),
  format: z.enum(['png', 'jpeg', 'webp', 'tiff']).describe('Read from the bytes.'),
  byteSize: z.number().int(),
  pyramid: z.enum(['pending', 'ready', 'failed']).describe('The background job that makes its tiles.'),
  pyramidTiles: z.number().int(),
  infoUrl: z.string(),
  createdAt: timestamp(),
});
export type Image = z.infer<typeof imageOutput>;

export const imageIdInput = z.strictObject({ imageId: identifier });
export const uploadInput = z.strictObject({ id: identifier });
export const listImagesInput = z.strictObject(listInput).optional();
export const imagesOutput = page(imageOutput);

const label = text(200, 1).describe('Shown by viewers (a language-neutral label).');
const summary = text(2000).nullable().optional().describe('A longer description; null for none.');

export const canvasInput = z.strictObject({
  id: uuid().optional().describe('An existing canvas of this manifest to keep (its annotations stay); none: a new canvas.'),
  imageId: identifier.describe('The image it paints.'),
  label,
});
export const manifestInput = z.strictObject({
  label,
  summary,
  canvases: z.array(canvasInput).min(1).max(200).describe('In order; each paints one image.'),
});
export const manifestIdInput = z.strictObject({ manifestId: uuid() });
export const updateManifestInput = manifestInput.extend({ manifestId: uuid() });

export const canvasOutput = z.object({
  id: uuid(),
  position: z.number().int(),
  imageId: identifier,
  label: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  annotations: z.number().int(),
});
export const manifestOutput = z.object({
  id: uuid(),
  label: z.string(),
  summary: z.string().nullable(),
  canvases: z.array(canvasOutput),
  manifestUrl: z.string().describe('Its Presentation API 3.0 document, public.'),
  createdAt: timestamp(),
  updatedAt: timestamp(),
});
export type Manifest = z.infer<typeof manifestOutput>;
export const manifestsOutput = page(manifestOutput.omit({ canvases: true }).extend({ canvasCount: z.number().int() }));
export const listInputOnly = z.strictObject(listInput).optional();

export const collectionInput = z.strictObject({
  label,
  summary,
  items: z.array(uuid()).min(1).max(500).describe('Manifests and collections, in order.'),
});
export const collectionIdInput = z.strictObject({ collectionId: uuid() });
export const updateCollectionInput = collectionInput.extend({ collectionId: uuid() });
export const collectionOutput = z.object({
  id: uuid(),
  label: z.string(),
  summary: z.string().nullable(),
  items: z.array(z.object({ id: uuid(), kind: z.enum(['manifest', 'collection']), label: z.string() })),
  collectionUrl: z.string(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
});
export const collectionsOutput = page(collectionOutput.omit({ items: true }).extend({ itemCount: z.number().int() }));

/** A Presentation API 3.0 or Web Annotation document, as JSON-LD. */
export const jsonLd = z.record(z.string(), z.unknown()).describe('A JSON-LD document (IIIF Presentation 3.0 / W3C Web Annotation).');

export const motivation = z.enum(['commenting', 'tagging', 'highlighting']);
export const xywh = z
  .strictObject({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1), h: z.number().int().min(1) })
  .describe('The region of the canvas, in its pixels (a media-fragment xywh selector).');
export const canvasIdInput = z.strictObject({ canvasId: uuid() });
export const createAnnotationInput = z.strictObject({
  canvasId: uuid(),
  motivation,
  body: text(2000).describe('The comment or tag; may be empty for a highlight.'),
  xywh,
});
export const annotationIdInput = z.strictObject({ annotationId: uuid() });
export const updateAnnotationInput = z.strictObject({
  annotationId: uuid(),
  motivation: motivation.optional(),
  body: text(2000).optional(),
  xywh: xywh.optional(),
});
export const createAnnotationOutput = z.object({
  annotation: jsonLd,
  xpAwarded: z.number().int().describe('XP the annotate_image action awarded (0 when off or refused).'),
  actionRefused: z.string().nullable().describe('Why the action did not run (COOLDOWN, DAILY_LIMIT, …), or null.'),
});
