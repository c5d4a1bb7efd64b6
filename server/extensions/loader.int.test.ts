// Loading extensions: npm packages resolved from the folder CalOS runs in, and every conflict or
// bad setting stopping start-up with a message naming both sides (or the variable).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { loadPlatformExtensions } from '../platform';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-ext-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** An npm package in the temporary folder's node_modules whose default export is `factory`. */
function writePackage(name: string, factory: string) {
  const dir = path.join(folder, 'node_modules', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', main: 'index.js' }));
  fs.writeFileSync(path.join(dir, 'index.js'), `export default ${factory};\n`);
}

const load = async (extensions: string, env: Record<string, string> = {}) =>
  loadPlatformExtensions(loadConfig({ CALOS_EXTENSIONS: extensions, ...env }), { resolveFrom: [folder] });

/** A package defining extension `id` with `body` spliced into its definition (`calos` is the API). */
const extension = (name: string, id: string, body = '') =>
  writePackage(name, `(calos) => calos.defineExtension({ id: '${id}', version: '0.1.0', description: 'test', ${body} })`);

describe('loading extensions', () => {
  it('loads bundled ones by id and npm packages by name, in the order given', async () => {
    extension('calos-ext-hello', 'hello');
    const loaded = await load('mailer,calos-ext-hello');
    expect(loaded.list.map((e) => [e.definition.id, e.source])).toEqual([
      ['mailer', 'bundled'],
      ['hello', 'calos-ext-hello'],
    ]);
    expect(loaded.migrations.map(([name]) => name)).toContain('20261125000005_mailer');
    expect(loaded.migrations.map(([name]) => name)).not.toContain('20261125000006_leagues');
  });

  it('loads none with CALOS_EXTENSIONS=none', async () => {
    expect((await load('none')).list).toEqual([]);
  });

  it('names an extension it cannot find', async () => {
    await expect(load('leagues,calos-ext-missing')).rejects.toThrow(/"calos-ext-missing" could not be loaded .*npm install calos-ext-missing/);
    await expect(load('Not A Name')).rejects.toThrow(/CALOS_EXTENSIONS/);
  });

  it('refuses a package that exports no extension', async () => {
    writePackage('calos-ext-empty', '42');
    await expect(load('calos-ext-empty')).rejects.toThrow('the package "calos-ext-empty" does not export an extension');
  });

  it('stops on a duplicate id, naming both sources', async () => {
    extension('calos-ext-leagues-again', 'leagues');
    await expect(load('leagues,calos-ext-leagues-again')).rejects.toThrow('Duplicate extension id "leagues": given by bundled and by calos-ext-leagues-again');
  });

  it('stops on a duplicate action code, naming both sides', async () => {
    const action = `{ code: '%s', name: 'x', category: 'social', cooldownSeconds: 0, dailyLimit: null, description: 'x', effects: [] }`;
    extension('calos-ext-comment', 'commenter', `actions: [${action.replace('%s', 'comment')}]`);
    await expect(load('calos-ext-comment')).rejects.toThrow('Duplicate action code "comment": defined by the kernel and by extension "commenter"');
    extension('calos-ext-chess', 'chess-again', `actions: [${action.replace('%s', 'play_chess')}]`);
    await expect(load('leagues,calos-ext-chess')).rejects.toThrow('Duplicate action code "play_chess": defined by extension "leagues" and by extension "chess-again"');
  });

  it('stops on a duplicate event type, scope or effect, naming both sides', async () => {
    extension('calos-ext-events', 'events-again', `events: [calos.eventType({ type: 'match.started', description: 'x', data: calos.z.object({}) })]`);
    await expect(load('leagues,calos-ext-events')).rejects.toThrow('Duplicate event type "match.started": defined by extension "leagues" and by extension "events-again"');
    extension('calos-ext-scope', 'scoper', `scopes: [{ scope: 'users:read', description: 'x', privileged: true }]`);
    await expect(load('calos-ext-scope')).rejects.toThrow('Duplicate API-key scope "users:read": defined by the kernel and by extension "scoper"');
    extension('calos-ext-effect', 'effecter', `effects: [calos.defineEffect({ code: 'award_xp', name: 'x', description: 'x', params: calos.z.object({}), apply: async () => ({ status: 'applied', result: {} }) })]`);
    await expect(load('calos-ext-effect')).rejects.toThrow('Duplicate effect "award_xp": defined by the kernel and by extension "effecter"');
  });

  it('stops on a route outside its prefix or taken by another, naming both', async () => {
    const route = (p: string) =>
      `router: calos.router({ ping: calos.publicProcedure.meta({ openapi: { method: 'GET', path: '${p}' } }).input(calos.z.object({}).optional()).output(calos.z.string()).query(() => 'pong') })`;
    extension('calos-ext-outside', 'outside', route('/skills/pong'));
    await expect(load('calos-ext-outside')).rejects.toThrow('Extension "outside": the route GET /api/skills/pong (outside.ping) is not under /api/ext/outside/');
    extension('calos-ext-taken', 'taken', `restPrefixes: ['/leagues'], ${route('/leagues/{id}')}`);
    await expect(load('leagues,calos-ext-taken')).rejects.toThrow(/Duplicate route GET \/api\/leagues\/\{id\}: defined by extension "leagues" \(leagues\.\w+\) and by extension "taken" \(taken\.ping\)/);
    extension('calos-ext-kernel', 'kernel-route', `restPrefixes: ['/actions'], ${route('/actions')}`);
    await expect(load('calos-ext-kernel')).rejects.toThrow(/Duplicate route GET \/api\/actions: defined by the kernel \(actions\.list\) and by extension "kernel-route"/);
  });

  it('stops on a duplicate migration name', async () => {
    extension('calos-ext-migration', 'migrator', `migrations: { '20261125000001_identity': { up: async () => {}, down: async () => {} } }`);
    await expect(load('calos-ext-migration')).rejects.toThrow('Duplicate migration "20261125000001_identity": defined by the kernel and by extension "migrator"');
  });

  it('validates settings at start, naming the variable', async () => {
    await expect(load('leagues', { CALOS_LEAGUE_PAIR_RESULTS_PER_DAY: '0' })).rejects.toThrow(/Invalid configuration of extension "leagues":\n {2}CALOS_LEAGUE_PAIR_RESULTS_PER_DAY: /);
    await expect(load('mailer', { NODE_ENV: 'production' })).rejects.toThrow(/extension "mailer":\n {2}CALOS_COUPON_SECRET: must be set in production/);
    const loaded = await load('leagues', { CALOS_LEAGUE_PAIR_RESULTS_PER_DAY: '7' });
    expect(loaded.get('leagues')!.settings).toEqual({ CALOS_LEAGUE_PAIR_RESULTS_PER_DAY: 7 });
  });
});
