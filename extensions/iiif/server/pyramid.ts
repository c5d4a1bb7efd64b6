// The pyramid job (queue ext-iiif-pyramid): once per image, in the background, renders every tile
// OpenSeadragon asks for (grammar.ts pyramidRequests: each scale factor, 512 px tiles, default.jpg)
// and stores them in the database beside the original, so every instance serves them without
// rendering.

import type { JobDefinition, Kernel } from '../../../server/extensions/api';
import { parseRequest, pyramidRequests } from './grammar';
import { runtimeOf, TILE } from './images';
import { render } from './render';

export async function buildPyramid(kernel: Kernel, imageId: string): Promise<number> {
  const row = (await kernel.db('iiif_images').where({ id: imageId }).first('id', 'width', 'height', 'original', 'pyramid_state')) as
    | { id: string; width: number; height: number; original: Buffer; pyramid_state: string }
    | undefined;
  if (!row || row.pyramid_state === 'ready') return 0;
  const { maxWidth, maxPixels } = runtimeOf(kernel).settings;
  // Each tile through the same render() as a request: a tile from the pyramid is byte-identical to
  // one rendered on demand.
  const limits = { maxWidth, maxHeight: maxWidth };
  let count = 0;
  for (const { region, size } of pyramidRequests(row.width, row.height, TILE)) {
    const plan = parseRequest({ region, size, rotation: '0', file: 'default.jpg' }, row.width, row.height, limits);
    const bytes = await render(row.original, plan, maxPixels);
    await kernel.db('iiif_tiles').insert({ image_id: row.id, canonical: plan.canonical, bytes }).onConflict(['image_id', 'canonical']).ignore();
    count++;
  }
  await kernel.db('iiif_images').where({ id: row.id }).update({ pyramid_state: 'ready', pyramid_tiles: count });
  runtimeOf(kernel).rows.delete(row.id);
  return count;
}

export const pyramidJob: JobDefinition = {
  name: 'pyramid',
  async run(kernel, data) {
    const { imageId } = data as { imageId: string };
    try {
      const tiles = await buildPyramid(kernel, imageId);
      kernel.log.info({ imageId, tiles }, 'IIIF pyramid made');
    } catch (err) {
      kernel.log.error({ err, imageId }, 'IIIF pyramid failed');
      await kernel.db('iiif_images').where({ id: imageId }).update({ pyramid_state: 'failed' });
    }
  },
};


