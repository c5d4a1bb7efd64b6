// Shared by the IIIF tests: an app with its cache in a folder of its own, an administrator, and
// uploads of synthetic images.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUp } from '../../../server/testing/factories';
import { placeOf, syntheticPng } from '../server/synthetic';

export async function iiifApp(env: Record<string, string> = {}) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-iiif-'));
  const t = await createTestApp({ CALOS_IIIF_CACHE_DIR: cacheDir, CALOS_IIIF_ANNOTATION_XP: 'on', ...env });
  const admin = await signUp(t);
  await t.db.knex('users').where({ id: admin.userId }).update({ role: 'admin' });
  return { t, admin, cacheDir };
}

export const upload = (t: TestApp, token: string | undefined, id: string, bytes: Buffer, type = 'image/png', extra: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/ext/iiif/images?id=${encodeURIComponent(id)}`,
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    payload: bytes,
  });

export async function uploadSynthetic(t: TestApp, token: string, id: string, width: number, height: number) {
  const res = await upload(t, token, id, await syntheticPng(width, height));
  if (res.statusCode !== 201) throw new Error(`upload ${res.statusCode}: ${res.body}`);
  return JSON.parse(res.body) as { id: string; infoUrl: string };
}

/** The decoded pixels of a derivative, and the place each pixel's colour names. */
export async function pixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + info.channels)];
  return { width: info.width, height: info.height, channels: info.channels, at, place: (x: number, y: number) => placeOf(at(x, y)) };
}
