// Extensions switched by CALOS_EXTENSIONS on one database: a disabled extension leaves no route (on
// either door), page, job, action, event type or scope behind, and its tables and data stay; and an
// extension published as an npm package is packed, installed into a folder of its own and started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, testConfig, type TestApp } from '../testing/harness';
import { signUp, signUpAdmin } from '../testing/factories';
import { loadPlatformExtensions } from '../platform';
import { migrateToLatest } from '../db/migrate';
import { runSeeds } from '../../database/seeds/index';

const root = path.resolve(import.meta.dirname, '../..');
const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps.reverse()) await app.close();
});

describe('a disabled extension', () => {
  it('leaves no route, page, job, action, event type or scope behind, and keeps its data', async () => {
    const all = await createTestApp();
    apps.push(all);
    const admin = await signUpAdmin(all);
    const created = await all.rest('POST', '/api/leagues/create', { token: admin.token, body: { game: 'chess', startDate: '2030-01-01', name: 'Kept league' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const schedules = async () => (await all.db.knex.raw(`SELECT name FROM pgboss.schedule ORDER BY name`)).rows.map((r: { name: string }) => r.name);
    expect(await schedules()).toContain('calos-league-start');

    // A second instance on the same database, with leagues left out (one process runs one platform:
    // from here on, registries hold what this one loaded).
    const mailerOnly = await createTestApp({ CALOS_EXTENSIONS: 'mailer' }, { db: all.db });
    apps.push(mailerOnly);
    const t = mailerOnly;
    const user = await signUp(t);

    expect((await t.rest('GET', '/api/leagues')).status).toBe(404);
    expect((await t.rest('POST', '/api/leagues/create', { token: admin.token, body: { game: 'chess', startDate: '2030-01-01' } })).status).toBe(404);
    const trpc = await t.app.inject({ method: 'GET', url: '/trpc/leagues.list?input=%7B%7D', headers: { authorization: `Bearer ${user.token}` } });
    expect(trpc.statusCode).toBe(404);
    const doc = (await t.rest('GET', '/api/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/leagues'))).toEqual([]);
    expect(Object.keys(doc.paths)).toContain('/mailer/redeem');

    // The client shows the pages of the extensions the server names.
    expect((await t.rest('GET', '/api/extensions/enabled')).body).toEqual({ items: [{ id: 'mailer', version: '1.0.0' }] });
    const actions = (await t.rest('GET', '/api/actions')).body.items.map((a: { code: string }) => a.code);
    expect(actions).toContain('comment');
    expect(actions).not.toContain('play_chess');
    // The seed document's vote_domain is the domain portfolio's: gone with it, even from a check.
    expect(actions).not.toContain('vote_domain');
    expect((await t.rest('GET', `/api/actions/check/vote_domain`, { token: user.token })).status).toBe(404);
    const executed = await t.rest('POST', '/api/actions/execute', { token: admin.token, body: { actionCode: 'play_chess', userId: user.userId } });
    expect(executed.status).toBe(404);
    const events = (await t.rest('GET', '/api/events/types')).body.items.map((e: { type: string }) => e.type);
    expect(events).toContain('coupon.redeemed');
    expect(events.filter((e: string) => e.startsWith('match.'))).toEqual([]);
    expect(events.filter((e: string) => e.startsWith('domain.'))).toEqual([]);
    const scopes = (await t.rest('GET', '/api/scopes')).body.items.map((s: { scope: string }) => s.scope);
    expect(scopes).toContain('mailer:manage');
    expect(scopes).not.toContain('leagues:manage');

    // No job: its schedule is gone; its tables and data are as they were.
    expect(await schedules()).not.toContain('calos-league-start');
    expect(await t.db.knex('leagues').where({ name: 'Kept league' }).count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    expect(Number((await t.db.knex('leagues').where({ name: 'Kept league' }).count({ n: '*' }))[0]!.n)).toBe(1);

    // Administrators see it as disabled.
    const listed = await t.rest('GET', '/api/extensions', { token: admin.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e: { id: string; state: string }) => [e.id, e.state])).toEqual([
      ['mailer', 'enabled'],
      ['challenges', 'disabled'],
      ['domains', 'disabled'],
      ['iiif', 'disabled'],
      ['leagues', 'disabled'],
      ['markets', 'disabled'],
      ['swiper', 'disabled'],
    ]);
    expect((await t.rest('GET', '/api/extensions', { token: user.token })).status).toBe(403);
  });
});

describe('an extension published as an npm package', () => {
  it('is packed, installed into a folder of its own, and runs: table, action, route, event and scope', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-trivia-'));
    try {
      const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', folder], { cwd: path.join(root, 'examples/extension-trivia'), encoding: 'utf8' }).trim();
      fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'my-calos', private: true }));
      execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', `./${tarball}`], { cwd: folder });
      expect(fs.existsSync(path.join(folder, 'node_modules/@calos-examples/trivia/index.js'))).toBe(true);

      const env = { CALOS_EXTENSIONS: 'leagues,mailer,@calos-examples/trivia' };
      const extensions = await loadPlatformExtensions(testConfig(env), { resolveFrom: [folder] });
      const db = await createTestDatabase();
      await migrateToLatest(db.knex, extensions.migrations);
      const t = await createTestApp(env, { db, extensions });
      apps.push(t);
      await runSeeds(db.knex, t.auth, t.config, t.platform);

      const question = await t.rest('GET', '/api/ext/trivia/question');
      expect(question.status, JSON.stringify(question.body)).toBe(200);
      const answers: Record<string, string> = { 'How many levels does each CalOS skill have?': '99', 'Which rating system do CalOS leagues use?': 'Elo' };
      const user = await signUp(t);
      const wrong = await t.rest('POST', '/api/ext/trivia/answer', { token: user.token, body: { questionId: question.body.id, answer: 'no idea' } });
      expect(wrong.body).toEqual({ correct: false, xpAwarded: 0 });
      const right = await t.rest('POST', '/api/ext/trivia/answer', { token: user.token, body: { questionId: question.body.id, answer: ` ${answers[question.body.question]!.toUpperCase()} ` } });
      expect(right.status, JSON.stringify(right.body)).toBe(200);
      expect(right.body).toEqual({ correct: true, xpAwarded: 15 });
      const skills = await t.rest('GET', `/api/skills/user/${user.userId}`);
      expect(skills.body.skills.find((s: { code: string }) => s.code === 'writing')).toMatchObject({ xp: 15 });
      expect(Number((await db.knex('events').where({ type: 'trivia.answered', user_id: user.userId }).count({ n: '*' }))[0]!.n)).toBe(1);
      expect((await t.rest('POST', '/api/ext/trivia/questions', { token: user.token, body: { question: 'Two plus two?', answer: '4' } })).status).toBe(403);

      const admin = await signUpAdmin(t);
      const listed = (await t.rest('GET', '/api/extensions', { token: admin.token })).body.items.find((e: { id: string }) => e.id === 'trivia');
      expect(listed).toMatchObject({
        source: '@calos-examples/trivia',
        state: 'enabled',
        actions: ['answer_trivia'],
        events: ['trivia.answered'],
        scopes: ['trivia:manage'],
        migrations: ['trivia_20261207000001_questions'],
      });
      expect(listed.routes.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual([
        'GET /api/ext/trivia/question',
        'POST /api/ext/trivia/answer',
        'POST /api/ext/trivia/questions',
      ]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
