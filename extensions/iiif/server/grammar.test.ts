// The grammar alone: canonical forms (spec §4.7), the limits, and the pyramid's requests being
// exactly the tiles OpenSeadragon asks for.
import { describe, expect, it } from 'vitest';
import { parseRequest, pyramidRequests, scaleFactors } from './grammar';

const limits = { maxWidth: 1600, maxHeight: 1600 };
const canonical = (region: string, size: string, rotation = '0', file = 'default.jpg') => parseRequest({ region, size, rotation, file }, 1000, 600, limits).canonical;

describe('canonical form', () => {
  it('writes full, max, w,h, ^ and ! as the spec does', () => {
    expect(canonical('full', 'max')).toBe('full/max/0/default.jpg');
    expect(canonical('0,0,1000,600', 'pct:100')).toBe('full/max/0/default.jpg');
    expect(canonical('square', ',300')).toBe('200,0,600,600/300,300/0/default.jpg');
    expect(canonical('full', '^max')).toBe('full/^1600,960/0/default.jpg');
    expect(canonical('full', '500,')).toBe('full/500,300/0/default.jpg');
    expect(canonical('pct:50,50,50,50', 'max', '!90.50', 'gray.webp')).toBe('500,300,500,300/max/!90.5/gray.webp');
    expect(canonical('full', 'max', '360')).toBe('full/max/0/default.jpg');
  });
});

describe('the pyramid', () => {
  it('goes down to the whole image in one tile', () => {
    expect(scaleFactors(1000, 600, 512)).toEqual([1, 2]);
    expect(scaleFactors(512, 512, 512)).toEqual([1]);
    expect(scaleFactors(14_000, 11_600, 512)).toEqual([1, 2, 4, 8, 16, 32]);
  });
  it('asks for the tiles OpenSeadragon asks for (its IIIF 3 tile source)', () => {
    // OpenSeadragon 6, IIIFTileSource.getTileUrl, for a 1000 × 600 image with 512 px tiles.
    expect(pyramidRequests(1000, 600, 512)).toEqual([
      { region: '0,0,512,512', size: '512,512' },
      { region: '512,0,488,512', size: '488,512' },
      { region: '0,512,512,88', size: '512,88' },
      { region: '512,512,488,88', size: '488,88' },
      { region: 'full', size: '500,300' },
    ]);
  });
});
