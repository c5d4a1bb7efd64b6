// IIIF: an image server (Image API 3.0, compliance level 2, under /iiif/3/), Presentation API 3.0
// manifests and collections, and W3C Web Annotations on canvases, with sharp (libvips) for the
// pixels and a deep-zoom viewer (OpenSeadragon) in the web client.
import { defineExtension } from '../../server/extensions/api';
import { iiifRouter } from './server/router';
import { imageRoutes } from './server/image-routes';
import { uploadRoute } from './server/upload-route';
import { presentationRoutes } from './server/presentation-routes';
import { pyramidJob } from './server/pyramid';
import { annotateImage } from './actions';
import { iiifSettings } from './settings';
import { DEMO_IMAGE, DEMO_MANIFEST_LABEL, seedDemoIiif } from './demo';
import * as createIiif from './migrations/iiif_20261208002001_iiif';

export default function iiif() {
  return defineExtension({
    id: 'iiif',
    version: '1.0.0',
    description: 'IIIF image server (Image API 3.0 level 2), Presentation 3.0 manifests and collections, and annotations, with a deep-zoom viewer.',
    settings: iiifSettings,
    migrations: { iiif_20261208002001_iiif: createIiif },
    router: iiifRouter,
    // Its REST routes stay under /api/ext/iiif; /iiif covers the raw protocol routes (/iiif/3/…, /iiif/presentation/3/…).
    restPrefixes: ['/ext/iiif', '/iiif'],
    http: [uploadRoute, ...imageRoutes, ...presentationRoutes],
    actions: [annotateImage],
    jobs: [pyramidJob],
    scopes: [{ scope: 'iiif:write', description: 'Upload and delete IIIF images; create and edit manifests and collections.', privileged: true }],
    async demo(kernel, demo) {
      return seedDemoIiif(kernel, demo);
    },
    async demoNotes(kernel) {
      const manifest = (await kernel.db('iiif_manifests').where({ kind: 'manifest', label: DEMO_MANIFEST_LABEL }).first('id')) as { id: string } | undefined;
      return manifest ? [`iiif viewer     /iiif/manifests/${manifest.id} (deep zoom; images at /iiif/3/${DEMO_IMAGE}/info.json)`] : [];
    },
  });
}
