// The IIIF Image API 3.0 request grammar: {region}/{size}/{rotation}/{quality}.{format}, parsed
// against an image's dimensions into a plan (what to cut, how large, how to turn) and its canonical
// form (spec §4.7), which is the derivative cache's key. Rounding follows Cantaloupe: derived
// dimensions to the nearest pixel, `square` the centred square (offset rounded down).
// Errors are IiifError with the spec's status: 400 bad syntax or out of limits, 404 unknown image.

export class IiifError extends Error {
  constructor(
    readonly status: 400 | 404 | 501,
    message: string,
    readonly part?: 'identifier' | 'region' | 'size' | 'rotation' | 'quality' | 'format',
  ) {
    super(message);
  }
}

export const QUALITIES = ['default', 'color', 'gray', 'bitonal'] as const;
export const FORMATS = ['jpg', 'png', 'webp'] as const;
export type Quality = (typeof QUALITIES)[number];
export type Format = (typeof FORMATS)[number];

export interface Limits {
  maxWidth: number;
  /** The spec: when only maxWidth is given, maxHeight is maxWidth. */
  maxHeight: number;
}

export interface Plan {
  region: { x: number; y: number; w: number; h: number };
  size: { w: number; h: number };
  mirror: boolean;
  /** Degrees clockwise, 0 ≤ r < 360. */
  rotation: number;
  quality: Quality;
  format: Format;
  /** The canonical `{region}/{size}/{rotation}/{quality}.{format}`. */
  canonical: string;
}

const INT = /^\d{1,9}$/;
const DECIMAL = /^\d{1,9}(\.\d{1,12})?$/;

const bad = (part: IiifError['part'], message: string) => new IiifError(400, message, part);

export function parseRegion(text: string, width: number, height: number): Plan['region'] {
  if (text === 'full') return { x: 0, y: 0, w: width, h: height };
  if (text === 'square') {
    const side = Math.min(width, height);
    return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), w: side, h: side };
  }
  const pct = text.startsWith('pct:');
  const parts = (pct ? text.slice(4) : text).split(',');
  if (parts.length !== 4 || !parts.every((p) => (pct ? DECIMAL : INT).test(p))) {
    throw bad('region', `The region "${text}" is not full, square, x,y,w,h or pct:x,y,w,h.`);
  }
  let [x, y, w, h] = parts.map(Number) as [number, number, number, number];
  if (pct) {
    if ([x, y, w, h].some((v) => v > 100)) throw bad('region', 'A pct: region value is at most 100.');
    [x, y, w, h] = [Math.round((x * width) / 100), Math.round((y * height) / 100), Math.round((w * width) / 100), Math.round((h * height) / 100)];
  }
  if (w <= 0 || h <= 0) throw bad('region', 'The region has a zero width or height.');
  if (x >= width || y >= height) throw bad('region', 'The region lies entirely outside the image.');
  // A region partly outside the image is cut at its edges (spec §4.1).
  return { x, y, w: Math.min(w, width - x), h: Math.min(h, height - y) };
}

export function parseSize(text: string, region: { w: number; h: number }, limits: Limits): Plan['size'] & { upscaled: boolean; max: boolean } {
  const upscale = text.startsWith('^');
  const body = upscale ? text.slice(1) : text;
  const { w: rw, h: rh } = region;
  let w: number;
  let h: number;
  let max = false;
  if (body === 'max') {
    // The region at full size, scaled down into the limits; `^max`: up or down to the limits.
    const fit = Math.min(limits.maxWidth / rw, limits.maxHeight / rh);
    const scale = upscale ? fit : Math.min(1, fit);
    [w, h] = scale === 1 ? [rw, rh] : [Math.max(1, Math.round(rw * scale)), Math.max(1, Math.round(rh * scale))];
    max = true;
  } else if (body.startsWith('pct:')) {
    const n = body.slice(4);
    if (!DECIMAL.test(n) || Number(n) <= 0) throw bad('size', `The size "${text}" needs a percentage above 0.`);
    if (!upscale && Number(n) > 100) throw bad('size', 'A size above 100% needs the ^ prefix.');
    [w, h] = [Math.round((rw * Number(n)) / 100), Math.round((rh * Number(n)) / 100)];
  } else {
    const confined = body.startsWith('!');
    const parts = (confined ? body.slice(1) : body).split(',');
    if (parts.length !== 2) throw bad('size', `The size "${text}" is not one of max, w,, ,h, pct:n, w,h, !w,h (each optionally ^).`);
    const [ws, hs] = parts as [string, string];
    const read = (s: string) => {
      if (!INT.test(s) || Number(s) === 0) throw bad('size', `The size "${text}" has a width or height that is not a whole number above 0.`);
      return Number(s);
    };
    if (confined) {
      const [bw, bh] = [read(ws), read(hs)];
      const scale = Math.min(bw / rw, bh / rh, upscale ? Infinity : 1);
      [w, h] = [Math.min(bw, Math.round(rw * scale)), Math.min(bh, Math.round(rh * scale))];
    } else if (ws !== '' && hs !== '') [w, h] = [read(ws), read(hs)];
    else if (ws !== '') [w, h] = [read(ws), Math.round((read(ws) * rh) / rw)];
    else if (hs !== '') [w, h] = [Math.round((read(hs) * rw) / rh), read(hs)];
    else throw bad('size', `The size "${text}" gives neither a width nor a height.`);
  }
  if (w < 1 || h < 1) throw bad('size', 'The size comes to less than one pixel.');
  if (!upscale && (w > rw || h > rh)) throw bad('size', 'The size is larger than the region; ask for it with the ^ prefix.');
  if (w > limits.maxWidth || h > limits.maxHeight) throw bad('size', `The size is over this server's limits (${limits.maxWidth}×${limits.maxHeight}).`);
  return { w, h, upscaled: w > rw || h > rh, max };
}

export function parseRotation(text: string): { mirror: boolean; rotation: number } {
  const mirror = text.startsWith('!');
  const n = mirror ? text.slice(1) : text;
  if (!DECIMAL.test(n) || Number(n) > 360) throw bad('rotation', `The rotation "${text}" is not a number of degrees from 0 to 360 (optionally with ! to mirror).`);
  return { mirror, rotation: Number(n) % 360 };
}

export function parseQualityFormat(text: string): { quality: Quality; format: Format } {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) throw bad('format', `"${text}" is not {quality}.{format}.`);
  const quality = text.slice(0, dot);
  const format = text.slice(dot + 1);
  if (!(QUALITIES as readonly string[]).includes(quality)) throw bad('quality', `The quality "${quality}" is not one of ${QUALITIES.join(', ')}.`);
  if (!(FORMATS as readonly string[]).includes(format)) throw bad('format', `The format "${format}" is not offered here (${FORMATS.join(', ')}).`);
  return { quality: quality as Quality, format: format as Format };
}

/** A number as the canonical form writes it: no trailing zeros, no exponent. */
const decimal = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(10))));

export function parseRequest(parts: { region: string; size: string; rotation: string; file: string }, width: number, height: number, limits: Limits): Plan {
  const region = parseRegion(parts.region, width, height);
  const size = parseSize(parts.size, region, limits);
  const { mirror, rotation } = parseRotation(parts.rotation);
  const { quality, format } = parseQualityFormat(parts.file);
  const full = region.x === 0 && region.y === 0 && region.w === width && region.h === height;
  // `max` only when the answer is the max size: the region unscaled within the limits.
  const maxSize = parseSize('max', region, limits);
  const canonicalSize = !size.upscaled && size.w === maxSize.w && size.h === maxSize.h ? 'max' : `${size.upscaled ? '^' : ''}${size.w},${size.h}`;
  const canonical = [
    full ? 'full' : `${region.x},${region.y},${region.w},${region.h}`,
    canonicalSize,
    `${mirror ? '!' : ''}${decimal(rotation)}`,
    `${quality}.${format}`,
  ].join('/');
  return { region, size: { w: size.w, h: size.h }, mirror, rotation, quality, format, canonical };
}

/** Identifiers: URL-safe, never a path (no dots, slashes or percent signs). */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The scale factors of the tile pyramid: 1, 2, 4, … until the whole image fits one tile. */
export function scaleFactors(width: number, height: number, tile: number): number[] {
  const factors = [1];
  while (Math.ceil(width / factors.at(-1)!) > tile || Math.ceil(height / factors.at(-1)!) > tile) factors.push(factors.at(-1)! * 2);
  return factors;
}

/**
 * The tile requests OpenSeadragon makes for this image (its IIIF 3 tile source, exactly), each as
 * region/size: what the pyramid job renders ahead of the viewer.
 */
export function pyramidRequests(width: number, height: number, tile: number): Array<{ region: string; size: string }> {
  const out: Array<{ region: string; size: string }> = [];
  for (const s of scaleFactors(width, height, tile)) {
    const [lw, lh] = [Math.ceil(width / s), Math.ceil(height / s)];
    if (lw < tile && lh < tile) {
      out.push({ region: 'full', size: lw === width && lh === height ? 'max' : `${lw},${lh}` });
      continue;
    }
    const step = Math.round(tile * s);
    for (let ty = 0; ty * tile < lh; ty++) {
      for (let tx = 0; tx * tile < lw; tx++) {
        const [x, y] = [tx * step, ty * step];
        const [rw, rh] = [Math.min(step, width - x), Math.min(step, height - y)];
        const [sw, sh] = [Math.min(tile, lw - tx * tile), Math.min(tile, lh - ty * tile)];
        const region = x === 0 && y === 0 && rw === width && rh === height ? 'full' : `${x},${y},${rw},${rh}`;
        out.push({ region, size: sw === width && sh === height ? 'max' : `${sw},${sh}` });
      }
    }
  }
  return out;
}
