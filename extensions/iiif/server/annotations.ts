// W3C Web Annotations on canvases: commenting, tagging and highlighting, each targeting a region
// of its canvas by an xywh fragment selector, owned by its author (only they edit it; they or an
// administrator delete it). Creating one executes annotate_image (XP, with the action's cooldown
// and daily limit); a refusal leaves the annotation made and says why.
import type { z } from 'zod';
import { DomainError, LIVE_SCOPE, invalidField, notFound, type Actor, type Kernel, type Tx } from '../../../server/extensions/api';
import type * as s from '../schemas';
import { iiifSettings } from '../settings';
import { PRESENTATION_CONTEXT, urls } from './presentation';

interface AnnotationRow {
  id: string;
  canvas_id: string;
  author_id: string;
  motivation: 'commenting' | 'tagging' | 'highlighting';
  body: string;
  x: number;
  y: number;
  w: number;
  h: number;
  created_at: Date;
  updated_at: Date;
}
type Xywh = z.infer<typeof s.xywh>;

export function annotationDocument(row: AnnotationRow, author: string | undefined, base: string): Record<string, unknown> {
  const u = urls(base);
  return {
    id: u.annotation(row.id),
    type: 'Annotation',
    motivation: row.motivation,
    ...(row.body
      ? { body: { type: 'TextualBody', value: row.body, format: 'text/plain', ...(row.motivation === 'tagging' ? { purpose: 'tagging' } : {}) } }
      : {}),
    target: {
      type: 'SpecificResource',
      source: u.canvas(row.canvas_id),
      selector: { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: `xywh=${row.x},${row.y},${row.w},${row.h}` },
    },
    creator: { id: `${base}/users/${row.author_id}`, type: 'Person', ...(author ? { name: author } : {}) },
    created: row.created_at.toISOString(),
    modified: row.updated_at.toISOString(),
  };
}

async function canvas(tx: Tx, canvasId: string) {
  const row = (await tx('iiif_canvases as c').join('iiif_images as i', 'i.id', 'c.image_id').where('c.id', canvasId).first('c.id', 'i.width', 'i.height')) as
    | { id: string; width: number; height: number }
    | undefined;
  if (!row) throw notFound('canvas');
  return row;
}

function checkRegion(box: Xywh, size: { width: number; height: number }) {
  if (box.x + box.w > size.width) throw invalidField('xywh.w', `The region goes past the canvas's width (${size.width}).`);
  if (box.y + box.h > size.height) throw invalidField('xywh.h', `The region goes past the canvas's height (${size.height}).`);
}

export async function annotationPage(kernel: Kernel, canvasId: string, base: string) {
  const db = kernel.db;
  await canvas(db, canvasId);
  const rows = (await db('iiif_annotations').where({ canvas_id: canvasId }).orderBy([{ column: 'created_at' }, { column: 'id' }]).select('*')) as AnnotationRow[];
  const names = await kernel.users.names(db, [...new Set(rows.map((r) => r.author_id))]);
  return {
    '@context': PRESENTATION_CONTEXT,
    id: urls(base).annotationPage(canvasId),
    type: 'AnnotationPage',
    items: rows.map((r) => annotationDocument(r, names.get(r.author_id), base)),
  };
}

export async function createAnnotation(kernel: Kernel, userId: string, input: z.infer<typeof s.createAnnotationInput>, base: string) {
  return kernel.transaction(async (tx) => {
    checkRegion(input.xywh, await canvas(tx, input.canvasId));
    if (input.motivation !== 'highlighting' && !input.body.trim()) throw invalidField('body', 'A comment or tag needs some text.');
    const [row] = (await tx('iiif_annotations')
      .insert({ canvas_id: input.canvasId, author_id: userId, motivation: input.motivation, body: input.body, ...input.xywh })
      .returning('*')) as AnnotationRow[];
    let xpAwarded = 0;
    let actionRefused: string | null = null;
    if (kernel.settings(iiifSettings).annotationXp) {
      const outcome = await kernel.actions.tryExecute(tx, { scope: LIVE_SCOPE, userId, actionCode: 'annotate_image', params: { annotationId: row!.id }, system: true });
      if ('refused' in outcome) actionRefused = outcome.refused.reason;
      else xpAwarded = outcome.executed.effects.reduce((sum, e) => sum + (typeof e.result?.xpAwarded === 'number' ? e.result.xpAwarded : 0), 0);
    }
    const names = await kernel.users.names(tx, [userId]);
    return { annotation: annotationDocument(row!, names.get(userId), base), xpAwarded, actionRefused };
  });
}

async function ownRow(tx: Tx, annotationId: string, actor: Actor, forDelete: boolean): Promise<AnnotationRow> {
  const row = (await tx('iiif_annotations').where({ id: annotationId }).forUpdate().first('*')) as AnnotationRow | undefined;
  if (!row) throw notFound('annotation');
  const isAuthor = actor.kind === 'user' && actor.userId === row.author_id;
  const isAdmin = actor.kind === 'user' && actor.role === 'admin';
  if (!isAuthor && !(forDelete && isAdmin)) throw new DomainError('FORBIDDEN', 'Only its author may change this annotation.', { reason: 'NOT_AUTHOR' });
  return row;
}

export async function updateAnnotation(kernel: Kernel, actor: Actor, input: z.infer<typeof s.updateAnnotationInput>, base: string) {
  return kernel.transaction(async (tx) => {
    const row = await ownRow(tx, input.annotationId, actor, false);
    const motivation = input.motivation ?? row.motivation;
    const body = input.body ?? row.body;
    const box = input.xywh ?? { x: row.x, y: row.y, w: row.w, h: row.h };
    if (input.xywh) checkRegion(box, await canvas(tx, row.canvas_id));
    if (motivation !== 'highlighting' && !body.trim()) throw invalidField('body', 'A comment or tag needs some text.');
    const [updated] = (await tx('iiif_annotations')
      .where({ id: row.id })
      .update({ motivation, body, ...box, updated_at: tx.fn.now() })
      .returning('*')) as AnnotationRow[];
    const names = await kernel.users.names(tx, [updated!.author_id]);
    return annotationDocument(updated!, names.get(updated!.author_id), base);
  });
}

export async function deleteAnnotation(kernel: Kernel, actor: Actor, annotationId: string) {
  await kernel.transaction(async (tx) => {
    await ownRow(tx, annotationId, actor, true);
    await tx('iiif_annotations').where({ id: annotationId }).delete();
  });
}
