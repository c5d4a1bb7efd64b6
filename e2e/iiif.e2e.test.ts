// Browser test of the IIIF pages: an operator makes a manifest in the web client; an image (a
// synthetic one, uploaded as raw bytes) in a manifest opens in OpenSeadragon, which loads its
// info.json and tiles from /iiif/3/; an annotation made through the API is drawn on the image, and
// a user draws a new one with the mouse, saves it, edits its text and deletes it. Any console error
// or page error fails the test.
import { describe, expect, it } from 'vitest';
import { syntheticPng } from '../extensions/iiif/server/synthetic';
import { api, page, server, useBrowserSuite } from './suite';

const ADMIN = { username: 'iiif_admin', email: 'iiif_admin@example.com', password: 'correct-horse-battery' };

useBrowserSuite({ admin: ADMIN });

describe('IIIF viewer in the browser', () => {
  it('deep-zooms an image from its tiles and draws, adds, edits and deletes annotations', { timeout: 120_000 }, async () => {
    const admin = await api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-iiif' } });
    const uploaded = await fetch(`${server.url}/api/ext/iiif/images?id=e2e-grid`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/png' },
      body: new Uint8Array(await syntheticPng(1800, 1200)),
    });
    expect(uploaded.status).toBe(201);
    const manifest = await api('POST', '/ext/iiif/manifests', admin.token, { label: 'E2E grid', canvases: [{ imageId: 'e2e-grid', label: 'Grid' }] });
    const canvasId = manifest.canvases[0].id;
    await api('POST', `/ext/iiif/canvases/${canvasId}/annotations`, admin.token, { motivation: 'commenting', body: 'Seeded note', xywh: { x: 100, y: 100, w: 400, h: 300 } });

    const tiles: string[] = [];
    page.on('response', (response) => {
      if (/\/iiif\/3\/e2e-grid\/[^/]+\/[^/]+\/0\/default\.jpg$/.test(response.url()) && response.status() === 200) tiles.push(response.url());
    });
    await page.goto('/sign-in');
    await page.getByLabel('Username or email').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${ADMIN.username}` }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Images' }).click();
    await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
    // An operator makes a manifest in the web client.
    await page.getByRole('button', { name: 'New manifest' }).click();
    const dialog = page.getByRole('dialog', { name: 'New manifest' });
    await dialog.getByRole('textbox', { name: /^Label/ }).first().fill('Made in the browser');
    await dialog.getByLabel('Image 1').click();
    await page.getByRole('option', { name: /e2e-grid/ }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Made in the browser' }).waitFor();
    const listed = await api('GET', '/ext/iiif/manifests');
    expect(listed.items.map((m: { label: string }) => m.label)).toContain('Made in the browser');

    await page.getByRole('link', { name: 'E2E grid' }).click();
    await page.getByRole('heading', { name: 'E2E grid' }).waitFor();

    // OpenSeadragon asks for tiles of the pyramid and draws them.
    await expect.poll(() => tiles.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const viewer = page.getByTestId('iiif-viewer');
    await viewer.locator('canvas').first().waitFor();
    // The seeded annotation is drawn as an overlay and listed.
    await viewer.locator('[data-annotation-id]').first().waitFor();
    await page.getByText('Seeded note').waitFor();

    // Draw a region with the mouse and save a comment on it.
    await page.getByRole('button', { name: 'Annotate a region' }).click();
    const box = (await viewer.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.65, { steps: 5 });
    await page.mouse.up();
    await page.getByText('New annotation').waitFor();
    await page.getByLabel('Annotation text').fill('Drawn in the browser');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Drawn in the browser').waitFor();
    await expect.poll(() => viewer.locator('[data-annotation-id]').count()).toBe(2);

    // Stored with a region inside the image.
    const stored = await api('GET', `/ext/iiif/canvases/${canvasId}/annotations`);
    const drawn = stored.items.find((a: { body?: { value: string } }) => a.body?.value === 'Drawn in the browser');
    const [x, y, w, h] = /xywh=(\d+),(\d+),(\d+),(\d+)/.exec(drawn.target.selector.value)!.slice(1).map(Number);
    expect(w).toBeGreaterThan(10);
    expect(h).toBeGreaterThan(10);
    expect(x! + w!).toBeLessThanOrEqual(1800);
    expect(y! + h!).toBeLessThanOrEqual(1200);

    // Edit its text, then delete it.
    await page.getByText('Drawn in the browser').click();
    await page.getByLabel('Annotation text').fill('Edited in the browser');
    await page.getByRole('button', { name: 'Save' }).click();
    const edited = page.getByRole('paragraph').filter({ hasText: 'Edited in the browser' });
    await edited.waitFor();
    await edited.click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByText('Edited in the browser').count()).toBe(0);
    await expect.poll(() => viewer.locator('[data-annotation-id]').count()).toBe(1);
  });
});
