// Uploads on a real database: who may, identifiers, the type read from the bytes, the size limit
// (413, streamed), decompression bombs and damaged files refused with nothing kept, races on one
// identifier, and the route in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { TestApp } from '../../../server/testing/harness';
import { raceTest } from '../../../server/testing/harness';
import { createApiKey, createApplication, signUp } from '../../../server/testing/factories';
import { syntheticPng } from '../server/synthetic';
import { iiifApp, upload } from './iiif-test-app';

let t: TestApp;
let admin: { token: string; userId: string };
let png: Buffer;

beforeAll(async () => {
  const made = await iiifApp({ CALOS_IIIF_UPLOAD_MAX_BYTES: '200000', CALOS_IIIF_MAX_PIXELS: '1000000' });
  t = made.t;
  admin = made.admin;
  png = await syntheticPng(64, 48);
});
afterAll(() => t.close());

const count = async () => Number((await t.db.knex('iiif_images').count({ n: '*' }))[0]!.n);

describe('who may upload', () => {
  it('an administrator: 201 with the info.json URL, the type from the bytes', async () => {
    const res = await upload(t, admin.token, 'first', png);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'first', width: 64, height: 48, format: 'png', infoUrl: 'http://localhost:80/iiif/3/first/info.json' });
    expect(res.headers.location).toBe('http://localhost:80/iiif/3/first/info.json');
    expect((await t.app.inject({ method: 'GET', url: '/iiif/3/first/info.json' })).statusCode).toBe(200);
  });

  it('an API key with iiif:write; not one without it, not a user, not anonymous', async () => {
    const app = await createApplication(t, admin.token);
    const key = await createApiKey(t, admin.token, app.id, { scopes: ['iiif:write'] });
    expect((await upload(t, key.secret, 'by-key', png)).statusCode).toBe(201);
    // A test key works in its application's sandbox; images are public and shared, so it may not write them.
    const testKey = await createApiKey(t, admin.token, app.id, { scopes: ['iiif:write'] as never, mode: 'test' });
    const sandboxed = await upload(t, testKey.secret, 'by-test-key', png);
    expect(sandboxed.statusCode).toBe(403);
    expect(sandboxed.json().error.details.reason).toBe('LIVE_KEY_REQUIRED');
    expect((await t.rest('POST', '/api/ext/iiif/manifests', { token: testKey.secret, body: { label: 'x', canvases: [{ imageId: 'first', label: 'a' }] } })).status).toBe(403);
    const other = await createApiKey(t, admin.token, app.id, { scopes: ['users:read'] as never });
    const refused = await upload(t, other.secret, 'by-other', png);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details.requiredScope).toBe('iiif:write');
    const user = await signUp(t);
    expect((await upload(t, user.token, 'by-user', png)).statusCode).toBe(403);
    expect((await upload(t, undefined, 'anon', png)).statusCode).toBe(401);
    expect(await t.db.knex('iiif_images').whereIn('id', ['by-other', 'by-user', 'anon', 'by-test-key']).first()).toBeUndefined();
  });
});

describe('identifiers', () => {
  it('must be URL-safe and never a path', async () => {
    for (const id of ['', '../etc', 'a/b', 'a.b', '-lead', 'x'.repeat(129), 'ünï', 'a%2Fb', 'a b']) {
      const res = await upload(t, admin.token, id, png);
      expect(res.statusCode, id).toBe(400);
      expect(res.json().error.details.issues[0].path).toBe('query.id');
    }
    const none = await t.app.inject({ method: 'POST', url: '/api/ext/iiif/images', headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/png' }, payload: png });
    expect(none.statusCode).toBe(400);
  });

  it('are unique: 409 for a taken one', async () => {
    expect((await upload(t, admin.token, 'dup', png)).statusCode).toBe(201);
    const again = await upload(t, admin.token, 'dup', png);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.reason).toBe('IDENTIFIER_TAKEN');
  });

  raceTest('one of ten parallel uploads to one identifier wins, the rest get 409', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => upload(t, admin.token, 'raced', png)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(Number((await t.db.knex('iiif_images').where({ id: 'raced' }).count({ n: '*' }))[0]!.n)).toBe(1);
  });
});

describe('what is refused, and nothing kept', () => {
  it('a body that is not an image, whatever its Content-Type says (415)', async () => {
    const before = await count();
    const res = await upload(t, admin.token, 'text', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(res.statusCode).toBe(415);
    expect(res.json().error.details.reason).toBe('NOT_AN_IMAGE');
    expect((await upload(t, admin.token, 'empty', Buffer.alloc(0))).statusCode).toBe(415);
    expect(await count()).toBe(before);
  });

  it('a Content-Type that is not one of the four (415), the bytes deciding the stored type', async () => {
    expect((await upload(t, admin.token, 'gif', png, 'image/gif')).statusCode).toBe(415);
    expect((await upload(t, admin.token, 'json', png, 'application/json')).statusCode).toBe(415);
    const jpeg = await sharp(png).jpeg().toBuffer();
    const res = await upload(t, admin.token, 'lying', jpeg, 'image/png');
    expect(res.statusCode).toBe(201);
    expect(res.json().format).toBe('jpeg');
  });

  it('WebP and TIFF are read as well', async () => {
    expect((await upload(t, admin.token, 'w', await sharp(png).webp().toBuffer(), 'image/webp')).json().format).toBe('webp');
    expect((await upload(t, admin.token, 'tf', await sharp(png).tiff().toBuffer(), 'image/tiff')).json().format).toBe('tiff');
  });

  it('a body over the limit (413), by its length or as it streams', async () => {
    const before = await count();
    const big = Buffer.concat([png, Buffer.alloc(250_000)]);
    const res = await upload(t, admin.token, 'big', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    // Without a length (chunked), the stream is cut off at the limit.
    const { Readable } = await import('node:stream');
    const chunked = await t.app.inject({
      method: 'POST',
      url: '/api/ext/iiif/images?id=chunked',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/png', 'transfer-encoding': 'chunked' },
      payload: Readable.from([png, Buffer.alloc(150_000), Buffer.alloc(150_000)]),
    });
    expect(chunked.statusCode).toBe(413);
    expect(await count()).toBe(before);
  });

  it('a decompression bomb: too many pixels, read from the header before decoding (422)', async () => {
    // 2000 × 2000 of one colour: a small file, 4 million pixels (the limit here is 1 million).
    const bomb = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(200_000);
    const res = await upload(t, admin.token, 'bomb', bomb);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.reason).toBe('TOO_MANY_PIXELS');
    // A header claiming 60000 × 60000: refused from the header alone.
    const forged = Buffer.from(png);
    forged.writeUInt32BE(60_000, 16);
    forged.writeUInt32BE(60_000, 20);
    expect((await upload(t, admin.token, 'forged', forged)).statusCode).toBe(422);
    expect(await t.db.knex('iiif_images').whereIn('id', ['bomb', 'forged']).first()).toBeUndefined();
  });

  it('a damaged or truncated image (422)', async () => {
    const jpeg = await sharp(await syntheticPng(300, 200)).jpeg().toBuffer();
    const res = await upload(t, admin.token, 'cut', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg');
    expect(res.statusCode).toBe(422);
    expect(await t.db.knex('iiif_images').where({ id: 'cut' }).first()).toBeUndefined();
  });

  it('leaves JSON parsing of every other route as it was', async () => {
    const res = await t.rest('POST', '/api/ext/iiif/manifests', { token: admin.token, body: '{"label":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('documentation', () => {
  it('is in the OpenAPI document with its body types and answers', async () => {
    const doc = (await t.rest('GET', '/api/openapi.json')).body;
    const op = doc.paths['/ext/iiif/images'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['image/png', 'image/jpeg', 'image/webp', 'image/tiff']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '413', '415', '422']));
    expect(doc.paths['/ext/iiif/images'].get).toBeDefined();
  });
});
