// The IIIF part of the demo data: a synthetic image (colours that encode coordinates, made with
// sharp), a smaller second one, a manifest painting both, a collection holding it, and one
// annotation by the demo user. The pyramid is queued as for any upload.
import type { DemoContext, Kernel } from '../../server/extensions/api';
import { storeImage } from './server/images';
import { createCollection, createManifest } from './server/presentation';
import { syntheticPng } from './server/synthetic';

export const DEMO_IMAGE = 'calos-synthetic';
export const DEMO_MANIFEST_LABEL = 'Synthetic coordinates';

export async function seedDemoIiif(kernel: Kernel, demo: DemoContext): Promise<Record<string, number>> {
  await storeImage(kernel, { id: DEMO_IMAGE, bytes: await syntheticPng(2048, 1536), userId: demo.operator.userId });
  await storeImage(kernel, { id: `${DEMO_IMAGE}-small`, bytes: await syntheticPng(640, 480), userId: demo.operator.userId });
  const manifest = await createManifest(
    kernel,
    demo.operator.userId,
    {
      label: DEMO_MANIFEST_LABEL,
      summary: 'Each pixel’s colour encodes its place: red = x mod 256, green = y mod 256, blue = the high bits of both.',
      canvases: [
        { imageId: DEMO_IMAGE, label: 'Large (2048 × 1536)' },
        { imageId: `${DEMO_IMAGE}-small`, label: 'Small (640 × 480)' },
      ],
    },
    '',
  );
  await createCollection(kernel, demo.operator.userId, { label: 'Demo collection', summary: null, items: [manifest.id] }, '');
  await demo.trx('iiif_annotations').insert({
    canvas_id: manifest.canvases[0]!.id,
    author_id: demo.demo.id,
    motivation: 'commenting',
    body: 'Top left: red and green both start at 0 here.',
    x: 0,
    y: 0,
    w: 256,
    h: 256,
  });
  return { iiifImages: 2, iiifManifests: 1, iiifAnnotations: 1 };
}
