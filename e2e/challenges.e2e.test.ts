// Browser tests of the code challenges: a judge compares two stub contestants' entries blind, side
// by side in sandboxed frames, and the result counts; and an entry with a <script> that attacks the
// platform (the parent page's cookies, storage and globals) runs only in its opaque origin.
import { describe, expect, it } from 'vitest';
import { api, page, watcher } from './suite';
import { useBrowserSuite } from './suite';

const ADMIN = { username: 'challenges_admin', email: 'challenges_admin@example.com', password: 'a-long-and-unusual-phrase-2026' };

useBrowserSuite({ admin: ADMIN });

const login = () => api('POST', '/auth/login', undefined, { login: ADMIN.username, password: ADMIN.password, device: { fingerprint: 'e2e-challenges-admin' } });

async function signIn() {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: `Welcome, ${ADMIN.username}` }).waitFor();
}

/** A challenge by the administrator with two stub brands, once both answers are generated (by the job queue). */
async function readyChallenge(token: string, title: string) {
  const brands = (await api('GET', '/ext/challenges/profiles', token)).items.filter((p: { synthetic: boolean }) => p.synthetic);
  const c = await api('POST', '/ext/challenges/challenges', token, {
    title,
    prompt: 'A landing page for a bakery',
    rubric: [{ key: 'clarity', label: 'Clear', weight: 1 }],
    deadline: new Date(Date.now() + 3_600_000).toISOString(),
    contestants: brands.slice(0, 2).map((b: { id: string }) => b.id),
  });
  await expect.poll(async () => (await api('GET', `/ext/challenges/challenges/${c.id}`, token)).entries.done, { timeout: 30_000, interval: 250 }).toBe(2);
  return c.id as string;
}

// What a malicious entry tries; it writes what happened into its own page.
const ATTACK = `<!doctype html><p id="report">…</p><script>
const out = [];
try { window.parent.pwned = 'yes'; out.push('parent-global:set'); } catch (e) { out.push('parent-global:blocked'); }
try { out.push('parent-cookie:' + window.parent.document.cookie); } catch (e) { out.push('parent-cookie:blocked'); }
try { out.push('cookie:' + document.cookie); } catch (e) { out.push('cookie:blocked'); }
try { localStorage.setItem('pwned', 'yes'); out.push('storage:set'); } catch (e) { out.push('storage:blocked'); }
out.push('origin:' + self.origin);
document.getElementById('report').textContent = out.join(' ');
</script>`;

describe('judging in the browser', () => {
  it('compares two entries blind, side by side in sandboxed frames', { timeout: 120_000 }, async () => {
    const admin = await login();
    const id = await readyChallenge(admin.token, 'E2E blind pair');
    await signIn();
    await page.goto('/challenges');
    await page.getByRole('link', { name: 'E2E blind pair' }).click();
    const compare = page.getByRole('region', { name: 'Compare two entries' });
    await compare.getByText('0 compared, 1 pairs left.').waitFor();
    for (const title of ['Entry A', 'Entry B']) {
      const frame = compare.locator(`iframe[title="${title}"]`);
      expect(await frame.getAttribute('sandbox')).toBe('allow-scripts');
      // The stub's page rendered inside it (a button of its own), and its script runs there.
      await page.frameLocator(`iframe[title="${title}"]`).getByRole('button').waitFor();
    }
    const pair = await api('GET', `/ext/challenges/challenges/${id}/pair`, admin.token);
    await compare.getByRole('button', { name: 'A is better' }).click();
    await compare.getByText('Nothing left to compare.').waitFor();
    const results = await api('GET', `/ext/challenges/challenges/${id}/results`, admin.token);
    const winner = results.items.find((r: { entryId: string }) => r.entryId === pair.pair.a.entryId);
    expect(winner.pairwise).toMatchObject({ wins: 1, losses: 0 });
    await page.getByRole('region', { name: 'Results' }).getByRole('button', { name: 'Pick as winner' }).first().click();
    await page.getByText('closed', { exact: true }).waitFor();
  });
});

describe('an entry cannot run on the platform\'s origin', () => {
  it('keeps a <script> entry in an opaque origin: no parent globals, cookies or storage', { timeout: 120_000 }, async () => {
    const admin = await login();
    const id = await readyChallenge(admin.token, 'E2E hostile entry');
    const student = await api('POST', '/auth/register', undefined, { username: `mallory_${Date.now().toString(36)}`, email: `mallory_${Date.now()}@example.com`, password: 'another-long-phrase-2026' });
    const entry = await api('POST', `/ext/challenges/challenges/${id}/entries`, student.token, { content: ATTACK });
    await signIn();
    await page.evaluate(() => localStorage.setItem('calos-e2e', 'parent'));
    await page.goto(`/challenges/${id}`);
    await page.getByRole('heading', { name: 'E2E hostile entry' }).waitFor();
    const frames = page.getByRole('region', { name: 'Entries', exact: true }).locator('iframe');
    await expect.poll(() => frames.count(), { timeout: 20_000 }).toBe(3);
    const hostile = page.getByRole('region', { name: 'Entries', exact: true }).frameLocator(`iframe[src="${entry.contentUrl}"]`);
    const report = hostile.locator('#report');
    await expect.poll(() => report.textContent(), { timeout: 10_000 }).toMatch(/origin:/);
    const text = (await report.textContent())!;
    expect(text).toContain('parent-global:blocked');
    expect(text).toContain('parent-cookie:blocked');
    expect(text).toContain('cookie:blocked');
    expect(text).toContain('storage:blocked');
    expect(text).toContain('origin:null');
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    expect(await page.evaluate(() => localStorage.getItem('pwned'))).toBeNull();
    // Opened directly (not framed), the server's own `sandbox` policy keeps it out of the origin too.
    await page.goto(entry.contentUrl);
    await expect.poll(() => page.locator('#report').textContent()).toMatch(/origin:null/);
    expect(await page.locator('#report').textContent()).toContain('cookie:blocked');
    // The blocked attempts are reported by the browser on the console: they are what this test expects.
    const blocked = /Blocked a frame with origin "null"|SecurityError|sandboxed|The document is sandboxed/;
    for (let i = watcher.problems.length - 1; i >= 0; i--) if (blocked.test(watcher.problems[i]!)) watcher.problems.splice(i, 1);
  });
});
