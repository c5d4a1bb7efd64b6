// Manifests, collections and annotations through both doors on a real database: Presentation 3.0
// shapes (context, ids, canvases painting images with their ImageService3), editing that keeps a
// canvas's annotations, collections that cannot contain themselves, W3C annotations with xywh
// selectors owned by their authors, and the annotate_image action with its limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../server/testing/harness';
import { signUp } from '../../../server/testing/factories';
import { iiifApp, uploadSynthetic } from './iiif-test-app';

let t: TestApp;
let admin: { token: string; userId: string };

beforeAll(async () => {
  const made = await iiifApp({ CALOS_PUBLIC_URL: 'https://calos.example.org' });
  t = made.t;
  admin = made.admin;
  await uploadSynthetic(t, admin.token, 'wide', 3200, 1000);
  await uploadSynthetic(t, admin.token, 'small', 300, 200);
});
afterAll(() => t.close());

async function manifest(canvases = [{ imageId: 'wide', label: 'Wide' }, { imageId: 'small', label: 'Small' }]) {
  const res = await t.rest('POST', '/api/ext/iiif/manifests', { token: admin.token, body: { label: 'Two images', summary: 'A test', canvases } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; canvases: Array<{ id: string; imageId: string; width: number }>; manifestUrl: string };
}
const doc = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url: url.replace('https://calos.example.org', '') });
  return { status: res.statusCode, headers: res.headers, body: res.statusCode === 200 ? res.json() : undefined };
};

describe('manifests', () => {
  it('is a Presentation 3.0 manifest: context, ids, canvases painting images with ImageService3', async () => {
    const m = await manifest();
    expect(m.manifestUrl).toBe(`https://calos.example.org/iiif/presentation/3/manifests/${m.id}`);
    const { status, headers, body } = await doc(m.manifestUrl);
    expect(status).toBe(200);
    expect(headers['content-type']).toContain('application/ld+json');
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(body['@context']).toBe('http://iiif.io/api/presentation/3/context.json');
    expect(body).toMatchObject({ id: m.manifestUrl, type: 'Manifest', label: { none: ['Two images'] }, summary: { none: ['A test'] } });
    expect(body.items).toHaveLength(2);
    const [canvas] = body.items;
    expect(canvas).toMatchObject({ id: `https://calos.example.org/iiif/presentation/3/canvases/${m.canvases[0]!.id}`, type: 'Canvas', width: 3200, height: 1000, label: { none: ['Wide'] } });
    const painting = canvas.items[0].items[0];
    expect(canvas.items[0].type).toBe('AnnotationPage');
    expect(painting).toMatchObject({ type: 'Annotation', motivation: 'painting', target: canvas.id });
    expect(painting.body).toMatchObject({
      id: 'https://calos.example.org/iiif/3/wide/full/max/0/default.jpg',
      type: 'Image',
      format: 'image/jpeg',
      width: 1600, // full/max within maxWidth
      height: 500,
      service: [{ id: 'https://calos.example.org/iiif/3/wide', type: 'ImageService3', profile: 'level2' }],
    });
    expect(canvas.annotations).toEqual([{ id: `${canvas.id}/annotations`, type: 'AnnotationPage' }]);
    // Every id is a unique URI.
    const ids = JSON.stringify(body).match(/"id":"[^"]+"/g)!;
    expect(ids.every((id) => id.startsWith('"id":"https://'))).toBe(true);
    const again = await t.app.inject({ method: 'GET', url: m.manifestUrl.replace('https://calos.example.org', ''), headers: { 'if-none-match': String(headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('refuses unknown images naming the canvas, and operators only', async () => {
    const res = await t.rest('POST', '/api/ext/iiif/manifests', { token: admin.token, body: { label: 'x', canvases: [{ imageId: 'wide', label: 'a' }, { imageId: 'nope', label: 'b' }] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('body.canvases.1.imageId');
    const user = await signUp(t);
    expect((await t.rest('POST', '/api/ext/iiif/manifests', { token: user.token, body: { label: 'x', canvases: [{ imageId: 'wide', label: 'a' }] } })).status).toBe(403);
    expect((await t.rest('POST', '/api/ext/iiif/manifests', { token: admin.token, body: { label: 'x', canvases: [] } })).status).toBe(400);
    expect((await doc('/iiif/presentation/3/manifests/not-a-uuid')).status).toBe(404);
    expect((await doc('/iiif/presentation/3/manifests/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is edited through both doors: kept canvases keep their annotations, removed ones lose them', async () => {
    const m = await manifest();
    const user = await signUp(t);
    const made = await t.rest('POST', `/api/ext/iiif/canvases/${m.canvases[0]!.id}/annotations`, { token: user.token, body: { motivation: 'commenting', body: 'hi', xywh: { x: 0, y: 0, w: 10, h: 10 } } });
    expect(made.status).toBe(201);
    await t.rest('POST', `/api/ext/iiif/canvases/${m.canvases[1]!.id}/annotations`, { token: user.token, body: { motivation: 'highlighting', body: '', xywh: { x: 0, y: 0, w: 10, h: 10 } } });
    const updated = await t.caller({ token: admin.token }).iiif.updateManifest({
      manifestId: m.id,
      label: 'Reordered',
      summary: null,
      canvases: [{ imageId: 'small', label: 'New first' }, { id: m.canvases[0]!.id, imageId: 'wide', label: 'Kept' }],
    });
    expect(updated.canvases.map((c) => [c.label, c.annotations])).toEqual([['New first', 0], ['Kept', 1]]);
    expect(updated.canvases[1]!.id).toBe(m.canvases[0]!.id);
    expect(await t.db.knex('iiif_canvases').where({ id: m.canvases[1]!.id }).first()).toBeUndefined();
    const foreign = await t.rest('PUT', `/api/ext/iiif/manifests/${m.id}`, { token: admin.token, body: { label: 'x', canvases: [{ id: '00000000-0000-4000-8000-000000000000', imageId: 'wide', label: 'a' }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.issues[0].path).toBe('body.canvases.0.id');
    const listed = await t.rest('GET', '/api/ext/iiif/manifests?limit=1');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.nextCursor).toEqual(expect.any(String));
    const next = await t.rest('GET', `/api/ext/iiif/manifests?limit=1&cursor=${listed.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(listed.body.items[0].id);
    expect((await t.rest('GET', '/api/ext/iiif/manifests?cursor=garbage')).status).toBe(400);
  });

  it('keeps an image a canvas paints (409), deletes one none does', async () => {
    const res = await t.rest('DELETE', '/api/ext/iiif/images/wide', { token: admin.token });
    expect(res.status).toBe(409);
    await uploadSynthetic(t, admin.token, 'loose', 10, 10);
    expect((await t.rest('DELETE', '/api/ext/iiif/images/loose', { token: admin.token })).status).toBe(204);
    expect((await t.rest('GET', '/api/ext/iiif/images/loose')).status).toBe(404);
  });
});

describe('collections', () => {
  it('is a Presentation 3.0 collection of manifests and collections, never of itself', async () => {
    const m = await manifest();
    const inner = (await t.rest('POST', '/api/ext/iiif/collections', { token: admin.token, body: { label: 'Inner', items: [m.id] } })).body;
    const outer = await t.rest('POST', '/api/ext/iiif/collections', { token: admin.token, body: { label: 'Outer', items: [inner.id, m.id] } });
    expect(outer.status).toBe(201);
    const { body } = await doc(outer.body.collectionUrl);
    expect(body).toMatchObject({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: outer.body.collectionUrl,
      type: 'Collection',
      label: { none: ['Outer'] },
      items: [
        { id: inner.collectionUrl, type: 'Collection', label: { none: ['Inner'] } },
        { id: m.manifestUrl, type: 'Manifest', label: { none: ['Two images'] } },
      ],
    });
    const cycle = await t.rest('PUT', `/api/ext/iiif/collections/${inner.id}`, { token: admin.token, body: { label: 'Inner', items: [outer.body.id] } });
    expect(cycle.status).toBe(400);
    const self = await t.rest('PUT', `/api/ext/iiif/collections/${inner.id}`, { token: admin.token, body: { label: 'Inner', items: [inner.id] } });
    expect(self.status).toBe(400);
    expect((await t.rest('GET', `/api/ext/iiif/collections/${outer.body.id}`)).body.items).toHaveLength(2);
    expect((await t.rest('DELETE', `/api/ext/iiif/collections/${outer.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.rest('GET', `/api/ext/iiif/manifests/${m.id}`)).status).toBe(200);
  });
});

describe('annotations', () => {
  it('are W3C annotations with xywh fragment selectors, listed as an AnnotationPage', async () => {
    const m = await manifest();
    const canvasId = m.canvases[0]!.id;
    const user = await signUp(t);
    for (const [motivation, body] of [['commenting', 'A comment'], ['tagging', 'sky'], ['highlighting', '']] as const) {
      const res = await t.rest('POST', `/api/ext/iiif/canvases/${canvasId}/annotations`, { token: user.token, body: { motivation, body, xywh: { x: 10, y: 20, w: 30, h: 40 } } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const page = await doc(`/iiif/presentation/3/canvases/${canvasId}/annotations`);
    expect(page.body).toMatchObject({ '@context': 'http://iiif.io/api/presentation/3/context.json', type: 'AnnotationPage' });
    expect(page.body.items.map((a: { motivation: string }) => a.motivation)).toEqual(['commenting', 'tagging', 'highlighting']);
    const [comment, tag, highlight] = page.body.items;
    expect(comment).toMatchObject({
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'A comment', format: 'text/plain' },
      target: {
        type: 'SpecificResource',
        source: `https://calos.example.org/iiif/presentation/3/canvases/${canvasId}`,
        selector: { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: 'xywh=10,20,30,40' },
      },
      creator: { type: 'Person', name: user.account.username },
    });
    expect(tag.body.purpose).toBe('tagging');
    expect(highlight.body).toBeUndefined();
    const rest = await t.rest('GET', `/api/ext/iiif/canvases/${canvasId}/annotations`);
    expect(rest.body.items).toHaveLength(3);
  });

  it('refuses regions past the canvas, empty comments, unknown canvases', async () => {
    const m = await manifest();
    const user = await signUp(t);
    const url = `/api/ext/iiif/canvases/${m.canvases[1]!.id}/annotations`; // 300 × 200
    const past = await t.rest('POST', url, { token: user.token, body: { motivation: 'commenting', body: 'x', xywh: { x: 290, y: 0, w: 20, h: 10 } } });
    expect(past.status).toBe(400);
    expect(past.body.error.details.issues[0].path).toBe('body.xywh.w');
    expect((await t.rest('POST', url, { token: user.token, body: { motivation: 'commenting', body: '  ', xywh: { x: 0, y: 0, w: 1, h: 1 } } })).status).toBe(400);
    expect((await t.rest('POST', url, { token: user.token, body: { motivation: 'painting', body: 'x', xywh: { x: 0, y: 0, w: 1, h: 1 } } })).status).toBe(400);
    expect((await t.rest('POST', url, { token: user.token, body: { motivation: 'commenting', body: 'x', xywh: { x: -1, y: 0, w: 1, h: 1 } } })).status).toBe(400);
    expect((await t.rest('POST', '/api/ext/iiif/canvases/00000000-0000-4000-8000-000000000000/annotations', { token: user.token, body: { motivation: 'commenting', body: 'x', xywh: { x: 0, y: 0, w: 1, h: 1 } } })).status).toBe(404);
    expect((await t.rest('POST', url, { body: { motivation: 'commenting', body: 'x', xywh: { x: 0, y: 0, w: 1, h: 1 } } })).status).toBe(401);
  });

  it('are owned by their authors: only they edit; they or an administrator delete', async () => {
    const m = await manifest();
    const [author, other] = [await signUp(t), await signUp(t)];
    const made = await t.rest('POST', `/api/ext/iiif/canvases/${m.canvases[0]!.id}/annotations`, { token: author.token, body: { motivation: 'commenting', body: 'mine', xywh: { x: 0, y: 0, w: 5, h: 5 } } });
    const id = String(made.body.annotation.id).split('/').at(-1);
    const stolen = await t.rest('PATCH', `/api/ext/iiif/annotations/${id}`, { token: other.token, body: { body: 'theirs' } });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.details.reason).toBe('NOT_AUTHOR');
    expect((await t.rest('PATCH', `/api/ext/iiif/annotations/${id}`, { token: admin.token, body: { body: 'admin' } })).status).toBe(403);
    const edited = await t.rest('PATCH', `/api/ext/iiif/annotations/${id}`, { token: author.token, body: { body: 'edited', xywh: { x: 1, y: 2, w: 3, h: 4 }, motivation: 'tagging' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ motivation: 'tagging', body: { value: 'edited', purpose: 'tagging' }, target: { selector: { value: 'xywh=1,2,3,4' } } });
    expect((await t.rest('DELETE', `/api/ext/iiif/annotations/${id}`, { token: other.token })).status).toBe(403);
    expect((await t.rest('DELETE', `/api/ext/iiif/annotations/${id}`, { token: admin.token })).status).toBe(204);
    expect((await t.rest('DELETE', `/api/ext/iiif/annotations/${id}`, { token: author.token })).status).toBe(404);
  });

  it('execute annotate_image for XP, within its cooldown (the annotation is made either way)', async () => {
    const m = await manifest();
    const user = await signUp(t);
    const body = { motivation: 'commenting', body: 'xp', xywh: { x: 0, y: 0, w: 5, h: 5 } };
    const first = await t.rest('POST', `/api/ext/iiif/canvases/${m.canvases[0]!.id}/annotations`, { token: user.token, body });
    expect(first.body).toMatchObject({ xpAwarded: 5, actionRefused: null });
    const second = await t.rest('POST', `/api/ext/iiif/canvases/${m.canvases[0]!.id}/annotations`, { token: user.token, body });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ xpAwarded: 0, actionRefused: 'COOLDOWN' });
    const count = await t.db.knex('iiif_annotations').where({ author_id: user.userId }).count({ n: '*' });
    expect(Number(count[0]!.n)).toBe(2);
  });
});
