// Renders a plan (grammar.ts) from an original with sharp (libvips): extract, resize, then mirror
// and rotate on the resized pixels (sharp would rotate before resizing in one pipeline), then the
// quality and the format. The same plan on the same original gives the same bytes (no timestamps or
// metadata are written), so a derivative's ETag is known before it is made.
import sharp from 'sharp';
import type { Format, Plan } from './grammar';

/** Bumped when the output for a plan changes (it is part of every derivative's ETag and cache key). */
export const RENDER_VERSION = '1';

export const MEDIA_TYPES: Record<Format, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };
const CLEAR = { r: 0, g: 0, b: 0, alpha: 0 };

export async function render(source: Buffer | string, plan: Plan, maxPixels: number): Promise<Buffer> {
  const { region, size } = plan;
  let image = sharp(source, { limitInputPixels: maxPixels, failOn: 'error' })
    .extract({ left: region.x, top: region.y, width: region.w, height: region.h })
    .resize(size.w, size.h, { fit: 'fill' });
  if (plan.mirror || plan.rotation !== 0) {
    const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    if (plan.mirror) image = image.flop();
    // Corners that arbitrary rotation uncovers are transparent, or white where the format has no alpha.
    if (plan.rotation !== 0) image = image.rotate(plan.rotation, { background: plan.format === 'jpg' ? WHITE : CLEAR });
  }
  if (plan.quality === 'gray') image = image.greyscale();
  else if (plan.quality === 'bitonal') image = image.threshold(128, { greyscale: true });
  if (plan.format === 'jpg') return image.flatten({ background: WHITE }).jpeg({ quality: 85 }).toBuffer();
  if (plan.format === 'png') return image.png({ compressionLevel: 6 }).toBuffer();
  return image.webp({ quality: 82 }).toBuffer();
}
