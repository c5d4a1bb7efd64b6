// The Image API 3.0 on a real database: the request grammar case by case (every region, size,
// rotation, quality and format form, and each error status), the pixels of derivatives of a
// synthetic image whose colours encode their coordinates, info.json, headers (Link, CORS, CORP,
// JSON-LD, ETag/304), byte-identical derivatives, the cache and the pyramid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { TestApp } from '../../../server/testing/harness';
import { buildPyramid } from '../server/pyramid';
import { iiifApp, pixels, uploadSynthetic } from './iiif-test-app';

let t: TestApp;
let token: string;
const W = 1000;
const H = 600;

beforeAll(async () => {
  const made = await iiifApp();
  t = made.t;
  token = made.admin.token;
  await uploadSynthetic(t, token, 'grid', W, H);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const image = async (path: string) => {
  const res = await get(`/iiif/3/grid/${path}`);
  expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(200);
  return { res, px: await pixels(res.rawPayload) };
};
const status = async (path: string) => (await get(`/iiif/3/grid/${path}`)).statusCode;

describe('base URI and info.json', () => {
  it('redirects the base URI to info.json with 303', async () => {
    const res = await get('/iiif/3/grid');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('http://localhost:80/iiif/3/grid/info.json'); // the request's own origin
  });

  it('describes the image: level 2, sizes, tiles to one tile, the extras', async () => {
    const res = await get('/iiif/3/grid/info.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json; ?profile="http:\/\/iiif\.io\/api\/image\/3\/context\.json"/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers.link).toBe('<http://iiif.io/api/image/3/level2.json>;rel="profile"');
    const info = res.json();
    expect(info).toMatchObject({
      '@context': 'http://iiif.io/api/image/3/context.json',
      id: 'http://localhost:80/iiif/3/grid',
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level2',
      width: W,
      height: H,
      maxWidth: 1600,
      tiles: [{ width: 512, height: 512, scaleFactors: [1, 2] }],
      extraFormats: ['webp'],
      extraQualities: ['color', 'gray', 'bitonal'],
    });
    expect(info.sizes).toEqual([{ width: 500, height: 300 }, { width: 1000, height: 600 }]);
    expect(info.extraFeatures).toEqual(expect.arrayContaining(['mirroring', 'rotationArbitrary', 'sizeUpscaling', 'canonicalLinkHeader', 'profileLinkHeader']));
  });

  it('uses CALOS_PUBLIC_URL for ids when set', async () => {
    const other = await iiifApp({ CALOS_PUBLIC_URL: 'https://images.example.org' });
    await uploadSynthetic(other.t, other.admin.token, 'p', 20, 10);
    const info = (await other.t.app.inject({ method: 'GET', url: '/iiif/3/p/info.json' })).json();
    expect(info.id).toBe('https://images.example.org/iiif/3/p');
    await other.t.close();
  });

  it('answers 304 to a repeat with the ETag, and 404 for an unknown image', async () => {
    const first = await get('/iiif/3/grid/info.json');
    const again = await get('/iiif/3/grid/info.json', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect((await get('/iiif/3/nope/info.json')).statusCode).toBe(404);
    expect((await get('/iiif/3/nope')).statusCode).toBe(404);
    expect((await get('/iiif/3/nope/full/max/0/default.jpg')).statusCode).toBe(404);
    expect((await get('/iiif/3/..%2Fetc/info.json')).statusCode).toBe(404);
  });
});

describe('region', () => {
  it('full: the whole image', async () => {
    const { px } = await image('full/max/0/default.png');
    expect([px.width, px.height]).toEqual([W, H]);
    expect(px.place(0, 0)).toEqual({ x: 0, y: 0 });
    expect(px.place(999, 599)).toEqual({ x: 999, y: 599 });
  });
  it('square: the centred square', async () => {
    const { px } = await image('square/max/0/default.png');
    expect([px.width, px.height]).toEqual([600, 600]);
    expect(px.place(0, 0)).toEqual({ x: 200, y: 0 });
  });
  it('x,y,w,h: exact pixels, cut at the edges', async () => {
    const { px } = await image('300,200,40,30/max/0/default.png');
    expect([px.width, px.height]).toEqual([40, 30]);
    expect(px.place(0, 0)).toEqual({ x: 300, y: 200 });
    expect(px.place(39, 29)).toEqual({ x: 339, y: 229 });
    const edge = await image('990,590,50,50/max/0/default.png');
    expect([edge.px.width, edge.px.height]).toEqual([10, 10]);
    expect(edge.px.place(9, 9)).toEqual({ x: 999, y: 599 });
  });
  it('pct:x,y,w,h: rounded to the nearest pixel', async () => {
    const { px } = await image('pct:10,50,5.55,10/max/0/default.png');
    expect([px.width, px.height]).toEqual([56, 60]); // 55.5 → 56, 60
    expect(px.place(0, 0)).toEqual({ x: 100, y: 300 });
  });
  it('refuses a region outside the image, empty, or malformed with 400', async () => {
    for (const region of ['1000,0,10,10', '0,600,10,10', '0,0,0,10', 'pct:0,0,0,10', 'pct:101,0,1,1', '1,2,3', 'a,b,c,d', '-1,0,10,10', 'pct:1,2,3', 'fulll', '1.5,0,10,10']) {
      expect(await status(`${region}/max/0/default.jpg`), region).toBe(400);
    }
  });
});

describe('size', () => {
  const sizeOf = async (size: string, region = 'full') => {
    const { px } = await image(`${region}/${size}/0/default.png`);
    return [px.width, px.height];
  };
  it('max and ^max', async () => {
    expect(await sizeOf('max')).toEqual([1000, 600]);
    expect(await sizeOf('^max')).toEqual([1600, 960]); // up to maxWidth
  });
  it('w, and ^w, (height rounded)', async () => {
    expect(await sizeOf('333,')).toEqual([333, 200]); // 199.8 → 200
    expect(await sizeOf('^1200,')).toEqual([1200, 720]);
  });
  it(',h and ^,h', async () => {
    expect(await sizeOf(',101')).toEqual([168, 101]); // 168.33 → 168
    expect(await sizeOf('^,700')).toEqual([1167, 700]);
  });
  it('pct:n and ^pct:n', async () => {
    expect(await sizeOf('pct:25')).toEqual([250, 150]);
    expect(await sizeOf('pct:33.3')).toEqual([333, 200]);
    expect(await sizeOf('^pct:150')).toEqual([1500, 900]);
  });
  it('w,h and ^w,h (distorted)', async () => {
    expect(await sizeOf('100,100')).toEqual([100, 100]);
    expect(await sizeOf('^1100,50')).toEqual([1100, 50]);
  });
  it('!w,h and ^!w,h (confined, aspect kept)', async () => {
    expect(await sizeOf('!200,200')).toEqual([200, 120]);
    expect(await sizeOf('!2000,2000')).toEqual([1000, 600]); // never larger than the region without ^
    expect(await sizeOf('^!1500,1500')).toEqual([1500, 900]);
  });
  it('scales pixels where the coordinates say', async () => {
    const { px } = await image('0,0,200,200/100,100/0/default.png');
    const p = px.place(50, 50);
    expect(Math.abs(p.x - 101)).toBeLessThanOrEqual(2);
    expect(Math.abs(p.y - 101)).toBeLessThanOrEqual(2);
  });
  it('refuses upscaling without ^, sizes over the limits, zero and malformed with 400', async () => {
    for (const size of ['1001,', ',601', 'pct:101', '1100,50', '^1601,', '^,1601', '^max,', '0,', ',0', 'pct:0', '!0,10', ',', 'abc', '10,10,10', 'full', '^pct:1000', '+10,', '10.5,']) {
      expect(await status(`full/${size}/0/default.jpg`), size).toBe(400);
    }
  });
});

describe('rotation', () => {
  it('90, 180, 270 turn the image clockwise', async () => {
    const r90 = await image('0,0,40,20/max/90/default.png');
    expect([r90.px.width, r90.px.height]).toEqual([20, 40]);
    expect(r90.px.place(19, 0)).toEqual({ x: 0, y: 0 }); // top-left goes to top-right
    const r180 = await image('0,0,40,20/max/180/default.png');
    expect(r180.px.place(39, 19)).toEqual({ x: 0, y: 0 });
    const r270 = await image('0,0,40,20/max/270/default.png');
    expect(r270.px.place(0, 39)).toEqual({ x: 0, y: 0 });
  });
  it('!n mirrors before rotating', async () => {
    const mirrored = await image('0,0,40,20/max/!0/default.png');
    expect(mirrored.px.place(39, 0)).toEqual({ x: 0, y: 0 });
    const both = await image('0,0,40,20/max/!90/default.png');
    expect(both.px.place(19, 39)).toEqual({ x: 0, y: 0 });
  });
  it('any degree: the bounding box grows, the corners are transparent in png', async () => {
    const { px } = await image('0,0,100,100/max/45/default.png');
    expect(px.width).toBeGreaterThanOrEqual(141);
    expect(px.width).toBeLessThanOrEqual(143);
    expect(px.channels).toBe(4);
    expect(px.at(0, 0)[3]).toBe(0);
    expect((await image('0,0,100,100/max/22.5/default.jpg')).res.statusCode).toBe(200);
    expect((await image('0,0,100,100/max/360/default.jpg')).res.headers.link).toContain('/0,0,100,100/max/0/default.jpg>');
  });
  it('refuses a rotation out of range or malformed with 400', async () => {
    for (const rotation of ['361', '-90', 'abc', '!!90', '90deg', '1e2']) expect(await status(`full/max/${rotation}/default.jpg`), rotation).toBe(400);
  });
});

describe('quality and format', () => {
  it('default and color keep the colours; gray is the luminance of greyscale(); bitonal thresholds it at 128', async () => {
    const color = await image('200,100,20,20/max/0/color.png');
    expect(color.px.place(0, 0)).toEqual({ x: 200, y: 100 });
    const gray = await image('200,100,20,20/max/0/gray.png');
    const bitonal = await image('200,100,20,20/max/0/bitonal.png');
    const expected = await pixels(await sharp(color.res.rawPayload).greyscale().png().toBuffer());
    for (const [x, y] of [[0, 0], [5, 7], [19, 19]] as const) {
      expect(gray.px.at(x, y)[0]).toBe(expected.at(x, y)[0]);
      expect(bitonal.px.at(x, y)[0]).toBe(expected.at(x, y)[0]! >= 128 ? 255 : 0);
    }
  });
  it('serves jpg, png and webp with their media types', async () => {
    for (const [format, type] of [['jpg', 'image/jpeg'], ['png', 'image/png'], ['webp', 'image/webp']]) {
      const { res } = await image(`full/100,/0/default.${format}`);
      expect(res.headers['content-type']).toBe(type);
      expect((await sharp(res.rawPayload).metadata()).format).toBe(format === 'jpg' ? 'jpeg' : format);
    }
  });
  it('refuses a format it does not offer and an unknown quality with 400', async () => {
    for (const file of ['default.jp2', 'default.tif', 'default.gif', 'default.pdf', 'default', 'native.jpg', 'grey.jpg', '.jpg']) {
      expect(await status(`full/max/0/${file}`), file).toBe(400);
    }
  });
  it('says which part is wrong, in the contract’s error shape', async () => {
    const res = await get('/iiif/3/grid/full/max/0/default.jp2');
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'path.format' }] } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
  it('answers 400 to paths that are not IIIF requests', async () => {
    expect((await get('/iiif/3/grid/full/max/0')).statusCode).toBe(400);
    expect((await get('/iiif/3/grid/full/max/0/default.jpg/extra')).statusCode).toBe(400);
  });
});

describe('headers, caching and identity', () => {
  it('sends the canonical and profile Link headers', async () => {
    const { res } = await image('pct:0,0,100,100/pct:50/0/color.jpg');
    expect(res.headers.link).toBe('<http://localhost:80/iiif/3/grid/full/500,300/0/color.jpg>;rel="canonical", <http://iiif.io/api/image/3/level2.json>;rel="profile"');
    const up = await image('0,0,10,10/^20,/!0/default.jpg');
    expect(up.res.headers.link).toContain('/0,0,10,10/^20,20/!0/default.jpg>;rel="canonical"');
    expect(up.res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(up.res.headers['access-control-allow-origin']).toBe('*');
  });
  it('gives the same bytes and ETag for the same derivative, however it is asked, and 304 on a repeat', async () => {
    const a = await get('/iiif/3/grid/full/500,/0/default.jpg');
    const b = await get('/iiif/3/grid/pct:0,0,100,100/pct:50/0/default.jpg'); // from the cache
    expect(a.headers.etag).toBe(b.headers.etag);
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    const again = await get('/iiif/3/grid/full/500,/0/default.jpg', { 'if-none-match': String(a.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });
  it('serves the same bytes from a second instance on the same database (its own cache, the original from the database)', async () => {
    const { createTestApp } = await import('../../../server/testing/harness');
    const os = await import('node:os');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const second = await createTestApp({ CALOS_IIIF_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'calos-iiif-2-')) }, { db: t.db });
    const url = '/iiif/3/grid/100,100,300,200/150,/0/default.webp';
    const [a, b] = [await get(url), await second.app.inject({ method: 'GET', url })];
    expect(b.statusCode).toBe(200);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    await second.close();
  });

  it('makes the pyramid in the background, and its tiles are the bytes a render gives', async () => {
    const rendered = await get('/iiif/3/grid/512,0,488,512/488,512/0/default.jpg');
    const kernel = t.platform.kernels.get('iiif')!;
    let state = '';
    for (let i = 0; i < 100 && state !== 'ready'; i++) {
      state = (await t.db.knex('iiif_images').where({ id: 'grid' }).first('pyramid_state')).pyramid_state;
      if (state !== 'ready') await new Promise((r) => setTimeout(r, 100));
    }
    if (state !== 'ready') await buildPyramid(kernel, 'grid'); // no worker here: the job's own code
    const tiles = await t.db.knex('iiif_tiles').where({ image_id: 'grid' }).select('canonical', 'bytes');
    expect(tiles.map((x) => x.canonical).sort()).toEqual(['0,0,512,512/max/0/default.jpg', '0,512,512,88/max/0/default.jpg', '512,0,488,512/max/0/default.jpg', '512,512,488,88/max/0/default.jpg', 'full/500,300/0/default.jpg'].sort());
    const tile = tiles.find((x) => x.canonical === '512,0,488,512/max/0/default.jpg')!;
    expect(Buffer.compare(tile.bytes, rendered.rawPayload)).toBe(0);
  });
});
