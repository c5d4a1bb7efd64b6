// Images: the upload (the type read from the bytes, decompression bombs refused before decoding,
// nothing kept on refusal), the originals (in the database, so every instance sees them, with a
// copy in this instance's cache), info.json and the derivatives (disk cache, then the pyramid's
// tiles in the database, then sharp), each with an ETag known before rendering.
import { createHash } from 'node:crypto';
import os from 'node:os';
import sharp, { type Metadata } from 'sharp';
import { DomainError, conflict, type Kernel, type Tx } from '../../../server/extensions/api';
import { iiifSettings, type IiifSettings } from '../settings';
import { openDiskCache, type DiskCache } from './disk-cache';
import { IiifError, parseRequest, scaleFactors, type Plan } from './grammar';
import { RENDER_VERSION, render } from './render';

export const TILE = 512;
export const IMAGE_CONTEXT = 'http://iiif.io/api/image/3/context.json';
export const LEVEL2_PROFILE = 'http://iiif.io/api/image/3/level2.json';
export const EXTRA_FEATURES = ['mirroring', 'rotationArbitrary', 'sizeUpscaling', 'canonicalLinkHeader', 'profileLinkHeader', 'regionSquare', 'baseUriRedirect', 'cors', 'jsonldMediaType'];

export interface ImageRow {
  id: string;
  width: number;
  height: number;
  format: string;
  byte_size: string | number;
  sha256: string;
  pyramid_state: 'pending' | 'ready' | 'failed';
  pyramid_tiles: number;
  created_at: Date;
}
const COLUMNS = ['id', 'width', 'height', 'format', 'byte_size', 'sha256', 'pyramid_state', 'pyramid_tiles', 'created_at'] as const;

/** What one instance keeps for one kernel: settings, the disk cache, recent image rows, renders under way. */
export interface Runtime {
  settings: IiifSettings;
  cache: DiskCache;
  rows: Map<string, { row: ImageRow; at: number }>;
  rendering: Map<string, Promise<Buffer>>;
  /** Renders running now, and those waiting for a slot (a flood of cold requests queues, it does not pile up in memory). */
  slots: { running: number; waiting: Array<() => void> };
}
/** Renders at once per instance: libvips uses every core for each, so more only adds memory. */
const MAX_RENDERS = Math.max(2, os.availableParallelism());
const runtimes = new WeakMap<Kernel, Runtime>();
/** How long an image's row is trusted without asking the database (a deleted image may be served that long). */
const ROW_TTL_MS = 5_000;

export function runtimeOf(kernel: Kernel): Runtime {
  let runtime = runtimes.get(kernel);
  if (!runtime) {
    const settings = kernel.settings(iiifSettings);
    runtime = { settings, cache: openDiskCache(settings.cacheDir, settings.cacheMaxBytes), rows: new Map(), rendering: new Map(), slots: { running: 0, waiting: [] } };
    runtimes.set(kernel, runtime);
  }
  return runtime;
}

export async function findImage(kernel: Kernel, id: string): Promise<ImageRow | null> {
  const runtime = runtimeOf(kernel);
  const cached = runtime.rows.get(id);
  if (cached && Date.now() - cached.at < ROW_TTL_MS) return cached.row;
  const row = (await kernel.db('iiif_images').where({ id }).first(COLUMNS)) as ImageRow | undefined;
  if (!row) {
    runtime.rows.delete(id);
    return null;
  }
  runtime.rows.set(id, { row, at: Date.now() });
  return row;
}

export const imageOut = (row: ImageRow, base: string) => ({
  id: row.id,
  width: row.width,
  height: row.height,
  format: row.format,
  byteSize: Number(row.byte_size),
  pyramid: row.pyramid_state,
  pyramidTiles: row.pyramid_tiles,
  infoUrl: `${base}/iiif/3/${row.id}/info.json`,
  createdAt: row.created_at,
});

// ---- upload ---------------------------------------------------------------------------------

const SIGNATURES: Array<{ format: string; test: (b: Buffer) => boolean }> = [
  { format: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { format: 'jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { format: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { format: 'tiff', test: (b) => ['II*\0', 'MM\0*'].includes(b.subarray(0, 4).toString('latin1')) },
];

/** The image type of some bytes, from their signature (never a header or a name). */
export const sniff = (bytes: Buffer): string | null => SIGNATURES.find((s) => s.test(bytes))?.format ?? null;

const refused = (code: 'UNSUPPORTED_MEDIA_TYPE' | 'UNPROCESSABLE', message: string, reason: string) =>
  new DomainError(code, message, { reason });

/**
 * Checks an upload's bytes: a PNG, JPEG, WebP or TIFF by its signature, whose header's dimensions
 * are within the pixel limit (read before any pixel is decoded: a decompression bomb stops here),
 * and that decodes in full. Returns its dimensions and type.
 */
export async function inspect(bytes: Buffer, maxPixels: number): Promise<{ width: number; height: number; format: string }> {
  const format = sniff(bytes);
  if (!format) throw refused('UNSUPPORTED_MEDIA_TYPE', 'The body is not a PNG, JPEG, WebP or TIFF image.', 'NOT_AN_IMAGE');
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw refused('UNPROCESSABLE', 'The image cannot be read.', 'UNREADABLE');
  }
  const { width, height } = meta;
  if (!width || !height) throw refused('UNPROCESSABLE', 'The image has no dimensions.', 'UNREADABLE');
  if (width * height > maxPixels) {
    throw refused('UNPROCESSABLE', `The image has ${width}×${height} pixels, more than the ${maxPixels} accepted.`, 'TOO_MANY_PIXELS');
  }
  try {
    // Decodes every pixel (truncated or corrupt data fails here), at little cost: one row out.
    await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true }).resize(1, 1, { fit: 'fill' }).raw().toBuffer();
  } catch {
    throw refused('UNPROCESSABLE', 'The image data is damaged or incomplete.', 'UNREADABLE');
  }
  return { width, height, format };
}

export async function storeImage(kernel: Kernel, input: { id: string; bytes: Buffer; userId: string | null }): Promise<ImageRow> {
  const { maxPixels } = runtimeOf(kernel).settings;
  const { width, height, format } = await inspect(input.bytes, maxPixels);
  return kernel.transaction(async (tx) => {
    const [row] = (await tx('iiif_images')
      .insert({
        id: input.id,
        width,
        height,
        format,
        byte_size: input.bytes.length,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        original: input.bytes,
        created_by: input.userId,
      })
      .onConflict('id')
      .ignore()
      .returning(COLUMNS)) as ImageRow[];
    if (!row) throw conflict('IDENTIFIER_TAKEN', `An image with the identifier "${input.id}" exists already.`);
    await kernel.jobs.send(tx, 'pyramid', { imageId: input.id }, { singletonKey: input.id, retryLimit: 3 });
    return row;
  });
}

export async function assertIdentifierFree(db: Tx, id: string): Promise<void> {
  if (await db('iiif_images').where({ id }).first('id')) throw conflict('IDENTIFIER_TAKEN', `An image with the identifier "${id}" exists already.`);
}

// ---- info.json --------------------------------------------------------------------------------

export function infoJson(row: Pick<ImageRow, 'id' | 'width' | 'height'>, base: string, maxWidth: number) {
  const factors = scaleFactors(row.width, row.height, TILE);
  const sizes = factors
    .map((s) => ({ width: Math.ceil(row.width / s), height: Math.ceil(row.height / s) }))
    .filter((s) => s.width <= maxWidth && s.height <= maxWidth)
    .reverse();
  return {
    '@context': IMAGE_CONTEXT,
    id: `${base}/iiif/3/${row.id}`,
    type: 'ImageService3',
    protocol: 'http://iiif.io/api/image',
    profile: 'level2',
    width: row.width,
    height: row.height,
    maxWidth,
    sizes,
    tiles: [{ width: TILE, height: TILE, scaleFactors: factors }],
    extraFormats: ['webp'],
    extraQualities: ['color', 'gray', 'bitonal'],
    extraFeatures: EXTRA_FEATURES,
  };
}

// ---- derivatives ------------------------------------------------------------------------------

export const planFor = (row: ImageRow, parts: { region: string; size: string; rotation: string; file: string }, maxWidth: number) =>
  parseRequest(parts, row.width, row.height, { maxWidth, maxHeight: maxWidth });

/** The derivative's cache key and ETag: the original's hash, the renderer's version and the canonical request. */
export const derivativeKey = (row: Pick<ImageRow, 'sha256'>, plan: Pick<Plan, 'canonical'>) =>
  createHash('sha256').update(`${row.sha256}\n${RENDER_VERSION}\n${plan.canonical}`).digest('hex');

/** The original's bytes, from this instance's cache, else the database (then cached). */
async function original(kernel: Kernel, row: ImageRow): Promise<string | Buffer> {
  const { cache } = runtimeOf(kernel);
  const key = createHash('sha256').update(`original\n${row.sha256}`).digest('hex');
  const hit = cache.get(key);
  if (hit) return hit.file;
  const stored = (await kernel.db('iiif_images').where({ id: row.id }).first('original')) as { original: Buffer } | undefined;
  if (!stored) throw new IiifError(404, `No image "${row.id}".`, 'identifier');
  await cache.put(key, stored.original);
  return stored.original;
}

/** A derivative from the pyramid, else rendered now; one render at a time per derivative. */
export function renderDerivative(kernel: Kernel, row: ImageRow, plan: Plan, key: string): Promise<Buffer> {
  const runtime = runtimeOf(kernel);
  const running = runtime.rendering.get(key);
  if (running) return running;
  const work = (async () => {
    if (row.pyramid_state === 'ready') {
      const tile = (await kernel.db('iiif_tiles').where({ image_id: row.id, canonical: plan.canonical }).first('bytes')) as { bytes: Buffer } | undefined;
      if (tile) return tile.bytes;
    }
    const { slots } = runtime;
    if (slots.running >= MAX_RENDERS) await new Promise<void>((resolve) => slots.waiting.push(resolve));
    slots.running++;
    try {
      return await render(await original(kernel, row), plan, runtime.settings.maxPixels);
    } finally {
      slots.running--;
      slots.waiting.shift()?.();
    }
  })();
  runtime.rendering.set(key, work);
  void work.then(
    (bytes) => runtime.cache.put(key, bytes).catch((err: unknown) => kernel.log.warn({ err }, 'could not write an IIIF derivative to the cache')),
    () => undefined,
  ).finally(() => runtime.rendering.delete(key));
  return work;
}

export { render };
