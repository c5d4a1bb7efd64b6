// calos.iiif: IIIF images (upload as raw bytes), Presentation 3.0 manifests and collections, and
// annotations on canvases (/api/ext/iiif/*). The IIIF protocols themselves (/iiif/3/…,
// /iiif/presentation/3/…) are public URLs any IIIF viewer reads directly.
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type IiifImage = Result<'/ext/iiif/images/{imageId}', 'get'>;
export type IiifManifest = Result<'/ext/iiif/manifests/{manifestId}', 'get'>;
export type IiifCollection = Result<'/ext/iiif/collections/{collectionId}', 'get'>;

export class IiifApi {
  constructor(private readonly http: Transport) {}

  /**
   * Admin, or API key with `iiif:write`: uploads an image's bytes (PNG, JPEG, WebP or TIFF; the type
   * is read from the bytes) under `id`. Answers the image with its `infoUrl`.
   */
  upload(id: string, bytes: Uint8Array | Blob, contentType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/tiff', options?: CallOptions): Promise<IiifImage> {
    return this.http.request('post', '/ext/iiif/images', { query: { id }, raw: { bytes, contentType } } as never, options) as Promise<IiifImage>;
  }

  images(query: Query<'/ext/iiif/images', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/iiif/images', { query }, options);
  }

  image(imageId: string, options?: CallOptions): Promise<IiifImage> {
    return this.http.request('get', '/ext/iiif/images/{imageId}', { path: { imageId } }, options);
  }

  deleteImage(imageId: string, options?: CallOptions) {
    return this.http.request('delete', '/ext/iiif/images/{imageId}', { path: { imageId } }, options);
  }

  createManifest(input: Body<'/ext/iiif/manifests', 'post'>, options?: CallOptions): Promise<IiifManifest> {
    return this.http.request('post', '/ext/iiif/manifests', { body: input }, options);
  }

  updateManifest(manifestId: string, input: Body<'/ext/iiif/manifests/{manifestId}', 'put'>, options?: CallOptions): Promise<IiifManifest> {
    return this.http.request('put', '/ext/iiif/manifests/{manifestId}', { path: { manifestId }, body: input }, options);
  }

  manifests(query: Query<'/ext/iiif/manifests', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/iiif/manifests', { query }, options);
  }

  manifest(manifestId: string, options?: CallOptions): Promise<IiifManifest> {
    return this.http.request('get', '/ext/iiif/manifests/{manifestId}', { path: { manifestId } }, options);
  }

  /** Deletes a manifest (its canvases' annotations with it); the images stay. */
  deleteManifest(manifestId: string, options?: CallOptions) {
    return this.http.request('delete', '/ext/iiif/manifests/{manifestId}', { path: { manifestId } }, options);
  }

  createCollection(input: Body<'/ext/iiif/collections', 'post'>, options?: CallOptions): Promise<IiifCollection> {
    return this.http.request('post', '/ext/iiif/collections', { body: input }, options);
  }

  collections(query: Query<'/ext/iiif/collections', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/ext/iiif/collections', { query }, options);
  }

  collection(collectionId: string, options?: CallOptions): Promise<IiifCollection> {
    return this.http.request('get', '/ext/iiif/collections/{collectionId}', { path: { collectionId } }, options);
  }

  updateCollection(collectionId: string, input: Body<'/ext/iiif/collections/{collectionId}', 'put'>, options?: CallOptions): Promise<IiifCollection> {
    return this.http.request('put', '/ext/iiif/collections/{collectionId}', { path: { collectionId }, body: input }, options);
  }

  deleteCollection(collectionId: string, options?: CallOptions) {
    return this.http.request('delete', '/ext/iiif/collections/{collectionId}', { path: { collectionId } }, options);
  }

  annotations(canvasId: string, options?: CallOptions) {
    return this.http.request('get', '/ext/iiif/canvases/{canvasId}/annotations', { path: { canvasId } }, options);
  }

  /** A signed-in user annotates a region of a canvas (executes annotate_image). */
  annotate(canvasId: string, input: Body<'/ext/iiif/canvases/{canvasId}/annotations', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/ext/iiif/canvases/{canvasId}/annotations', { path: { canvasId }, body: input }, options);
  }

  updateAnnotation(annotationId: string, input: Body<'/ext/iiif/annotations/{annotationId}', 'patch'>, options?: CallOptions) {
    return this.http.request('patch', '/ext/iiif/annotations/{annotationId}', { path: { annotationId }, body: input }, options);
  }

  deleteAnnotation(annotationId: string, options?: CallOptions) {
    return this.http.request('delete', '/ext/iiif/annotations/{annotationId}', { path: { annotationId } }, options);
  }
}
