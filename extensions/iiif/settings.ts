// The IIIF extension's settings, read from the environment at start.
import path from 'node:path';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const iiifSettings = z
  .object({
    CALOS_DATA_DIR: z.string().min(1).default('./data'),
    CALOS_PUBLIC_URL: z.url().optional(),
    CALOS_IIIF_MAX_WIDTH: int(64, 20_000, 1600).describe('maxWidth (and maxHeight) of info.json: the largest image answered.'),
    CALOS_IIIF_UPLOAD_MAX_BYTES: int(1024, 1024 ** 3, 50 * 1024 ** 2).describe('Largest upload body (413 past it).'),
    CALOS_IIIF_MAX_PIXELS: int(1, 1_000_000_000, 100_000_000).describe('Largest image accepted, in pixels (decompression bombs are refused).'),
    CALOS_IIIF_CACHE_DIR: z.string().min(1).optional().describe('Derivative cache folder (default: <CALOS_DATA_DIR>/iiif-cache).'),
    CALOS_IIIF_CACHE_MAX_BYTES: int(1024 * 1024, Number.MAX_SAFE_INTEGER, 1024 ** 3).describe('Size bound of the derivative cache (least recently used files go first).'),
    CALOS_IIIF_ANNOTATION_XP: z.enum(['on', 'off']).default('on').describe('Whether creating an annotation executes the annotate_image action.'),
  })
  .transform((s) => ({
    publicUrl: s.CALOS_PUBLIC_URL?.replace(/\/+$/, ''),
    maxWidth: s.CALOS_IIIF_MAX_WIDTH,
    uploadMaxBytes: s.CALOS_IIIF_UPLOAD_MAX_BYTES,
    maxPixels: s.CALOS_IIIF_MAX_PIXELS,
    cacheDir: path.resolve(s.CALOS_IIIF_CACHE_DIR ?? path.join(s.CALOS_DATA_DIR, 'iiif-cache')),
    cacheMaxBytes: s.CALOS_IIIF_CACHE_MAX_BYTES,
    annotationXp: s.CALOS_IIIF_ANNOTATION_XP === 'on',
  }));
export type IiifSettings = z.output<typeof iiifSettings>;
