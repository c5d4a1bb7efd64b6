// Presentation API 3.0: manifests (canvases, each painting one image with its ImageService3) and
// collections (of manifests and collections), stored in iiif_manifests (kind manifest or
// collection), and their public JSON-LD documents.
import type { z } from 'zod';
import { invalidField, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { decodeCursor, encodeCursor } from './cursor';

export const PRESENTATION_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

type ManifestInput = z.infer<typeof s.manifestInput>;
type CollectionInput = z.infer<typeof s.collectionInput>;
interface ManifestRow {
  id: string;
  kind: 'manifest' | 'collection';
  label: string;
  summary: string | null;
  created_at: Date;
  updated_at: Date;
}
interface CanvasRow {
  id: string;
  manifest_id: string;
  position: number;
  image_id: string;
  label: string;
  width: number;
  height: number;
  annotations: number | string;
}

export const urls = (base: string) => ({
  manifest: (id: string) => `${base}/iiif/presentation/3/manifests/${id}`,
  collection: (id: string) => `${base}/iiif/presentation/3/collections/${id}`,
  canvas: (id: string) => `${base}/iiif/presentation/3/canvases/${id}`,
  annotationPage: (canvasId: string) => `${base}/iiif/presentation/3/canvases/${canvasId}/annotations`,
  annotation: (id: string) => `${base}/iiif/presentation/3/annotations/${id}`,
  image: (id: string) => `${base}/iiif/3/${id}`,
});

async function manifestRow(db: Tx, id: string, kind: ManifestRow['kind'], lock = false): Promise<ManifestRow> {
  const query = db('iiif_manifests').where({ id, kind }).first<ManifestRow | undefined>('*');
  const row = await (lock ? query.forUpdate() : query);
  if (!row) throw notFound(kind);
  return row;
}

async function canvasRows(db: Tx, manifestId: string): Promise<CanvasRow[]> {
  return (await db('iiif_canvases as c')
    .join('iiif_images as i', 'i.id', 'c.image_id')
    .where('c.manifest_id', manifestId)
    .orderBy('c.position')
    .select('c.id', 'c.manifest_id', 'c.position', 'c.image_id', 'c.label', 'i.width', 'i.height')
    .select(db.raw('(SELECT count(*) FROM iiif_annotations a WHERE a.canvas_id = c.id) AS annotations'))) as CanvasRow[];
}

export async function getManifest(db: Tx, id: string, base: string): Promise<z.infer<typeof s.manifestOutput>> {
  const row = await manifestRow(db, id, 'manifest');
  const canvases = await canvasRows(db, id);
  return {
    id: row.id,
    label: row.label,
    summary: row.summary,
    canvases: canvases.map((c) => ({ id: c.id, position: c.position, imageId: c.image_id, label: c.label, width: c.width, height: c.height, annotations: Number(c.annotations) })),
    manifestUrl: urls(base).manifest(row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function checkImages(tx: Tx, canvases: ManifestInput['canvases']) {
  const ids = [...new Set(canvases.map((c) => c.imageId))];
  const found = new Set(((await tx('iiif_images').whereIn('id', ids).select('id')) as Array<{ id: string }>).map((r) => r.id));
  canvases.forEach((c, i) => {
    if (!found.has(c.imageId)) throw invalidField(`canvases.${i}.imageId`, `No image "${c.imageId}".`);
  });
}

/** Writes a manifest's canvases: those named by id are kept (with their annotations), the rest are new; any other is removed. */
async function writeCanvases(tx: Tx, manifestId: string, canvases: ManifestInput['canvases']) {
  const existing = new Set(((await tx('iiif_canvases').where({ manifest_id: manifestId }).select('id')) as Array<{ id: string }>).map((r) => r.id));
  const kept = new Set<string>();
  canvases.forEach((c, i) => {
    if (!c.id) return;
    if (!existing.has(c.id)) throw invalidField(`canvases.${i}.id`, 'Not a canvas of this manifest.');
    if (kept.has(c.id)) throw invalidField(`canvases.${i}.id`, 'This canvas is listed twice.');
    kept.add(c.id);
  });
  await tx('iiif_canvases').where({ manifest_id: manifestId }).whereNotIn('id', [...kept]).delete();
  // Positions move out of the way first (the (manifest, position) pair is unique).
  await tx('iiif_canvases').where({ manifest_id: manifestId }).update({ position: tx.raw('position + 100000') });
  for (const [position, c] of canvases.entries()) {
    if (c.id) await tx('iiif_canvases').where({ id: c.id }).update({ position, image_id: c.imageId, label: c.label });
    else await tx('iiif_canvases').insert({ manifest_id: manifestId, position, image_id: c.imageId, label: c.label });
  }
}

export async function createManifest(kernel: Kernel, userId: string | null, input: ManifestInput, base: string) {
  return kernel.transaction(async (tx) => {
    await checkImages(tx, input.canvases);
    const [row] = (await tx('iiif_manifests').insert({ kind: 'manifest', label: input.label, summary: input.summary ?? null, created_by: userId }).returning('id')) as Array<{ id: string }>;
    await writeCanvases(tx, row!.id, input.canvases.map((c) => ({ ...c, id: undefined })));
    return getManifest(tx, row!.id, base);
  });
}

export async function updateManifest(kernel: Kernel, id: string, input: ManifestInput, base: string) {
  return kernel.transaction(async (tx) => {
    await manifestRow(tx, id, 'manifest', true);
    await checkImages(tx, input.canvases);
    await tx('iiif_manifests').where({ id }).update({ label: input.label, summary: input.summary ?? null, updated_at: tx.fn.now() });
    await writeCanvases(tx, id, input.canvases);
    return getManifest(tx, id, base);
  });
}

export async function deleteRow(kernel: Kernel, id: string, kind: ManifestRow['kind']) {
  const deleted = await kernel.db('iiif_manifests').where({ id, kind }).delete();
  if (!deleted) throw notFound(kind);
}

export async function listManifests(db: Tx, kind: ManifestRow['kind'], input: { limit: number; cursor?: string }, base: string) {
  const query = db('iiif_manifests as m')
    .where('m.kind', kind)
    .select('m.*')
    .select(
      db.raw(
        kind === 'manifest'
          ? '(SELECT count(*) FROM iiif_canvases c WHERE c.manifest_id = m.id) AS n'
          : '(SELECT count(*) FROM iiif_collection_items c WHERE c.collection_id = m.id) AS n',
      ),
    )
    .orderBy([{ column: 'm.created_at', order: 'desc' }, { column: 'm.id', order: 'desc' }])
    .limit(input.limit + 1);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    query.whereRaw('(m.created_at, m.id) < (?, ?)', [after.at, after.id]);
  }
  const fetched = (await query) as Array<ManifestRow & { n: string | number }>;
  const rows = fetched.slice(0, input.limit);
  const last = rows.at(-1);
  const nextCursor = fetched.length > input.limit && last ? encodeCursor(last.created_at, last.id) : null;
  const u = urls(base);
  return {
    rows: rows.map((r) => ({ id: r.id, label: r.label, summary: r.summary, createdAt: r.created_at, updatedAt: r.updated_at, n: Number(r.n), url: kind === 'manifest' ? u.manifest(r.id) : u.collection(r.id) })),
    nextCursor,
  };
}

// ---- collections ------------------------------------------------------------------------------

export async function getCollection(db: Tx, id: string, base: string): Promise<z.infer<typeof s.collectionOutput>> {
  const row = await manifestRow(db, id, 'collection');
  const items = (await db('iiif_collection_items as ci')
    .join('iiif_manifests as m', 'm.id', 'ci.item_id')
    .where('ci.collection_id', id)
    .orderBy('ci.position')
    .select('m.id', 'm.kind', 'm.label')) as Array<{ id: string; kind: 'manifest' | 'collection'; label: string }>;
  return { id: row.id, label: row.label, summary: row.summary, items, collectionUrl: urls(base).collection(row.id), createdAt: row.created_at, updatedAt: row.updated_at };
}

async function writeItems(tx: Tx, collectionId: string, items: string[]) {
  // Collection edits take turns, so two of them cannot close a cycle between them.
  await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['iiif:collections']);
  const found = new Map(((await tx('iiif_manifests').whereIn('id', items).select('id', 'kind')) as Array<{ id: string; kind: string }>).map((r) => [r.id, r.kind]));
  items.forEach((item, i) => {
    if (!found.has(item)) throw invalidField(`items.${i}`, 'No manifest or collection with this id.');
    if (item === collectionId) throw invalidField(`items.${i}`, 'A collection cannot contain itself.');
  });
  // A collection may not contain one that (transitively) contains it.
  const nested = (await tx
    .withRecursive('below', ['id'], (q) => {
      q.select('item_id').from('iiif_collection_items').whereIn('collection_id', items).union((u) => u.select('ci.item_id').from('iiif_collection_items as ci').join('below', 'below.id', 'ci.collection_id'));
    })
    .select('id')
    .from('below')
    .where('id', collectionId)) as unknown[];
  if (nested.length) throw invalidField('items', 'This would make a collection contain itself.');
  await tx('iiif_collection_items').where({ collection_id: collectionId }).delete();
  if (items.length) await tx('iiif_collection_items').insert(items.map((item_id, position) => ({ collection_id: collectionId, position, item_id })));
}

export async function createCollection(kernel: Kernel, userId: string | null, input: CollectionInput, base: string) {
  return kernel.transaction(async (tx) => {
    const [row] = (await tx('iiif_manifests').insert({ kind: 'collection', label: input.label, summary: input.summary ?? null, created_by: userId }).returning('id')) as Array<{ id: string }>;
    await writeItems(tx, row!.id, input.items);
    return getCollection(tx, row!.id, base);
  });
}

export async function updateCollection(kernel: Kernel, id: string, input: CollectionInput, base: string) {
  return kernel.transaction(async (tx) => {
    await manifestRow(tx, id, 'collection', true);
    await tx('iiif_manifests').where({ id }).update({ label: input.label, summary: input.summary ?? null, updated_at: tx.fn.now() });
    await writeItems(tx, id, input.items);
    return getCollection(tx, id, base);
  });
}

// ---- documents --------------------------------------------------------------------------------

const text = (value: string) => ({ none: [value] });

export async function manifestDocument(db: Tx, id: string, base: string, maxWidth: number): Promise<Record<string, unknown>> {
  const row = await manifestRow(db, id, 'manifest');
  const canvases = await canvasRows(db, id);
  const u = urls(base);
  return {
    '@context': PRESENTATION_CONTEXT,
    id: u.manifest(row.id),
    type: 'Manifest',
    label: text(row.label),
    ...(row.summary ? { summary: text(row.summary) } : {}),
    items: canvases.map((c) => {
      const scale = Math.min(1, maxWidth / c.width, maxWidth / c.height);
      const [w, h] = scale === 1 ? [c.width, c.height] : [Math.round(c.width * scale), Math.round(c.height * scale)];
      return {
        id: u.canvas(c.id),
        type: 'Canvas',
        label: text(c.label),
        width: c.width,
        height: c.height,
        items: [
          {
            id: `${u.canvas(c.id)}/page`,
            type: 'AnnotationPage',
            items: [
              {
                id: `${u.canvas(c.id)}/painting`,
                type: 'Annotation',
                motivation: 'painting',
                target: u.canvas(c.id),
                body: {
                  id: `${u.image(c.image_id)}/full/max/0/default.jpg`,
                  type: 'Image',
                  format: 'image/jpeg',
                  width: w,
                  height: h,
                  service: [{ id: u.image(c.image_id), type: 'ImageService3', profile: 'level2' }],
                },
              },
            ],
          },
        ],
        annotations: [{ id: u.annotationPage(c.id), type: 'AnnotationPage' }],
      };
    }),
  };
}

export async function collectionDocument(db: Tx, id: string, base: string): Promise<Record<string, unknown>> {
  const collection = await getCollection(db, id, base);
  const u = urls(base);
  return {
    '@context': PRESENTATION_CONTEXT,
    id: u.collection(collection.id),
    type: 'Collection',
    label: text(collection.label),
    ...(collection.summary ? { summary: text(collection.summary) } : {}),
    items: collection.items.map((item) => ({
      id: item.kind === 'manifest' ? u.manifest(item.id) : u.collection(item.id),
      type: item.kind === 'manifest' ? 'Manifest' : 'Collection',
      label: text(item.label),
    })),
  };
}


