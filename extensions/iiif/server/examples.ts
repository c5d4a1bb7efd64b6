// Example requests and responses of the IIIF routes, for the API reference (server/openapi-examples.ts).
import * as s from '../schemas';
import { at, exampleIds, examples } from '../../../server/extensions/api';

// The API reference links to no other site (server/docs.int.test.ts): the examples use the sample app's origin, and
// leave out the JSON-LD context and selector URIs (the README shows them).
const base = 'https://puzzles.example.com';
const manifestId = '5b7d9f1a-2c4e-4a6b-8d0f-1a3c5e7b9d2f';
const collectionId = '6c8e0a2b-3d5f-4b7c-9e1a-2b4d6f8a0c3e';
const canvasId = '7d9f1b3c-4e6a-4c8d-8f2b-3c5e7a9b1d4f';
const canvas2 = '8e0a2c4d-5f7b-4d9e-9a3c-4d6f8b0c2e5a';
const annotationId = '9f1b3d5e-6a8c-4e0f-8b4d-5e7a9c1d3f6b';

const image = {
  id: 'night-watch',
  width: 14_000,
  height: 11_600,
  format: 'tiff' as const,
  byteSize: 48_211_334,
  pyramid: 'ready' as const,
  pyramidTiles: 841,
  infoUrl: `${base}/iiif/3/night-watch/info.json`,
  createdAt: at('2026-12-07T09:12:44.102Z'),
};
const manifest = {
  id: manifestId,
  label: 'The Night Watch',
  summary: 'Rembrandt, 1642: the whole canvas and a detail.',
  canvases: [
    { id: canvasId, position: 0, imageId: 'night-watch', label: 'Recto', width: 14_000, height: 11_600, annotations: 3 },
    { id: canvas2, position: 1, imageId: 'night-watch-detail', label: 'Detail', width: 4000, height: 3000, annotations: 0 },
  ],
  manifestUrl: `${base}/iiif/presentation/3/manifests/${manifestId}`,
  createdAt: at('2026-12-07T09:20:00.000Z'),
  updatedAt: at('2026-12-07T09:20:00.000Z'),
};
const collection = {
  id: collectionId,
  label: 'Dutch Golden Age',
  summary: null,
  items: [{ id: manifestId, kind: 'manifest' as const, label: 'The Night Watch' }],
  collectionUrl: `${base}/iiif/presentation/3/collections/${collectionId}`,
  createdAt: at('2026-12-07T09:30:00.000Z'),
  updatedAt: at('2026-12-07T09:30:00.000Z'),
};
const annotation = {
  id: `${base}/iiif/presentation/3/annotations/${annotationId}`,
  type: 'Annotation',
  motivation: 'commenting',
  body: { type: 'TextualBody', value: 'The captain’s hand casts this shadow.', format: 'text/plain' },
  target: {
    type: 'SpecificResource',
    source: `${base}/iiif/presentation/3/canvases/${canvasId}`,
    selector: { type: 'FragmentSelector', value: 'xywh=6200,5400,900,700' },
  },
  creator: { id: `${base}/users/${exampleIds.grace}`, type: 'Person', name: 'grace' },
  created: '2026-12-07T10:02:11.000Z',
  modified: '2026-12-07T10:02:11.000Z',
};

export const images = examples({ input: s.listImagesInput, output: s.imagesOutput }, { request: { limit: 20 }, response: { items: [image], nextCursor: null } });
export const image_ = examples({ input: s.imageIdInput, output: s.imageOutput }, { request: { imageId: 'night-watch' }, response: image });
export { image_ as image };
export const deleteImage = examples({ input: s.imageIdInput }, { request: { imageId: 'night-watch-detail' } });
export const createManifest = examples(
  { input: s.manifestInput, output: s.manifestOutput },
  {
    request: { label: 'The Night Watch', summary: manifest.summary, canvases: [{ imageId: 'night-watch', label: 'Recto' }, { imageId: 'night-watch-detail', label: 'Detail' }] },
    response: { ...manifest, canvases: manifest.canvases.map((c) => ({ ...c, annotations: 0 })) },
  },
);
export const updateManifest = examples(
  { input: s.updateManifestInput, output: s.manifestOutput },
  { request: { manifestId, label: 'The Night Watch', summary: null, canvases: [{ id: canvasId, imageId: 'night-watch', label: 'Recto' }] }, response: { ...manifest, summary: null, canvases: [manifest.canvases[0]!] } },
);
export const manifests = examples(
  { input: s.listInputOnly, output: s.manifestsOutput },
  { request: { limit: 20 }, response: { items: [{ id: manifestId, label: manifest.label, summary: manifest.summary, manifestUrl: manifest.manifestUrl, canvasCount: 2, createdAt: manifest.createdAt, updatedAt: manifest.updatedAt }], nextCursor: null } },
);
export const manifest_ = examples({ input: s.manifestIdInput, output: s.manifestOutput }, { request: { manifestId }, response: manifest });
export { manifest_ as manifest };
export const deleteManifest = examples({ input: s.manifestIdInput }, { request: { manifestId } });
export const createCollection = examples({ input: s.collectionInput, output: s.collectionOutput }, { request: { label: 'Dutch Golden Age', items: [manifestId] }, response: collection });
export const updateCollection = examples({ input: s.updateCollectionInput, output: s.collectionOutput }, { request: { collectionId, label: 'Dutch Golden Age', items: [manifestId] }, response: collection });
export const collections = examples(
  { input: s.listInputOnly, output: s.collectionsOutput },
  { request: { limit: 20 }, response: { items: [{ id: collectionId, label: collection.label, summary: null, collectionUrl: collection.collectionUrl, itemCount: 1, createdAt: collection.createdAt, updatedAt: collection.updatedAt }], nextCursor: null } },
);
export const collection_ = examples({ input: s.collectionIdInput, output: s.collectionOutput }, { request: { collectionId }, response: collection });
export { collection_ as collection };
export const deleteCollection = examples({ input: s.collectionIdInput }, { request: { collectionId } });
export const annotations = examples(
  { input: s.canvasIdInput, output: s.jsonLd },
  { request: { canvasId }, response: { id: `${base}/iiif/presentation/3/canvases/${canvasId}/annotations`, type: 'AnnotationPage', items: [annotation] } },
);
export const createAnnotation = examples(
  { input: s.createAnnotationInput, output: s.createAnnotationOutput },
  { request: { canvasId, motivation: 'commenting', body: 'The captain’s hand casts this shadow.', xywh: { x: 6200, y: 5400, w: 900, h: 700 } }, response: { annotation, xpAwarded: 5, actionRefused: null } },
);
export const updateAnnotation = examples(
  { input: s.updateAnnotationInput, output: s.jsonLd },
  { request: { annotationId, body: 'The captain’s left hand casts this shadow.' }, response: { ...annotation, body: { ...annotation.body, value: 'The captain’s left hand casts this shadow.' }, modified: '2026-12-07T10:05:40.000Z' } },
);
export const deleteAnnotation = examples({ input: s.annotationIdInput }, { request: { annotationId } });
