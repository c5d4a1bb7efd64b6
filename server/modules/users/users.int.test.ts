// Finding users by name: administrators only, by the start of the username in any case, with LIKE's
// wildcards taken literally; e-mail addresses are never listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createApplication, signUp, signUpAdmin } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
});
afterAll(async () => {
  await t.close();
});

const find = (token: string | undefined, query: string) => t.rest('GET', `/api/users?${new URLSearchParams({ query, limit: '50' })}`, token ? { token } : {});

describe('GET /api/users', () => {
  it('finds users by the start of their username, in any case (usernames are kept in lower case), for an administrator', async () => {
    const tag = `fu${Date.now().toString(36)}`;
    const alice = await signUp(t, { username: `${tag}_Alice`, email: `${tag}a@example.com` });
    await signUp(t, { username: `${tag}_bob`, email: `${tag}b@example.com` });
    await signUp(t, { username: `${tag}x_carol`, email: `${tag}c@example.com` });

    const res = await find(admin.token, `${tag.toUpperCase()}_`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual([`${tag}_alice`, `${tag}_bob`]);
    expect(res.body.items[0]).toEqual({ id: alice.userId, username: `${tag}_alice`, role: 'user', createdAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain('@example.com');

    // _ and % are letters here, not wildcards.
    expect((await find(admin.token, `${tag}%`)).body.items).toEqual([]);
    expect((await find(admin.token, `${tag}_`)).body.items).toHaveLength(2);
    // No query: the newest users first.
    expect((await find(admin.token, '')).body.items[0].username).toBe(`${tag}x_carol`);
  });

  it('refuses everyone but administrators', async () => {
    const user = await signUp(t);
    expect((await find(undefined, 'a')).status).toBe(401);
    expect((await find(user.token, 'a')).status).toBe(403);
    const app = await createApplication(t, admin.token, 'Finder');
    const key = (await createApiKey(t, admin.token, app.id, { mode: 'live', scopes: ['users:read'] })).secret;
    expect((await find(key, 'a')).status).toBe(403);
    expect((await t.rest('GET', '/api/users?limit=500', { token: admin.token })).status).toBe(400);
  });

  it('pages through matches with the contract’s limit and cursor, alphabetically', async () => {
    const admin = await signUpAdmin(t);
    const tag = `pg${Date.now().toString(36)}`;
    for (const name of ['c', 'a', 'b']) await signUp(t, { username: `${tag}_${name}`, email: `${tag}_${name}@example.com` });
    const page = async (cursor?: string) =>
      (await t.rest('GET', `/api/users?${new URLSearchParams({ query: tag, limit: '2', ...(cursor ? { cursor } : {}) })}`, { token: admin.token })).body;
    const first = await page();
    expect(first.items.map((u: { username: string }) => u.username)).toEqual([`${tag}_a`, `${tag}_b`]);
    const second = await page(first.nextCursor);
    expect(second).toMatchObject({ items: [{ username: `${tag}_c` }], nextCursor: null });
    const bad = await t.rest('GET', `/api/users?query=${tag}&cursor=${encodeURIComponent('not a cursor!')}`, { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('query.cursor');
    const newest = (await t.rest('GET', '/api/users?limit=1', { token: admin.token })).body;
    expect(newest.nextCursor).toEqual(expect.any(String));
  });
});
