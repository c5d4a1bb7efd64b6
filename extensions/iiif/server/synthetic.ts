// A synthetic image whose colours encode their coordinates (made with sharp, nothing downloaded):
// red = x mod 256, green = y mod 256, blue = (x div 256) × 16 + (y div 256). Up to 4096 × 4096
// every pixel's colour names its place, so a test can say which pixels a derivative shows.
import sharp from 'sharp';

export const colourAt = (x: number, y: number): [number, number, number] => [x & 255, y & 255, ((x >> 8) << 4) | (y >> 8)];
export const placeOf = ([r, g, b]: readonly number[]): { x: number; y: number } => ({ x: ((b! >> 4) << 8) | r!, y: ((b! & 15) << 8) | g! });

export function syntheticPixels(width: number, height: number): Buffer {
  if (width > 4096 || height > 4096) throw new Error('The coordinate code reaches 4096 × 4096');
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colourAt(x, y);
      const i = (y * width + x) * 3;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
    }
  }
  return data;
}

/** The synthetic image as a PNG (lossless: every colour is exact). */
export function syntheticPng(width: number, height: number): Promise<Buffer> {
  return sharp(syntheticPixels(width, height), { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}
