// The SDK's types are generated from the router: this checks that the committed generated file is
// what the generator writes today (so a route change shows up here first), and that the package
// works as a user installs it: built by tsc into ESM and CommonJS, packed with `npm pack`, installed
// from the tarball into a fresh CommonJS project and a fresh ESM project (offline: it has no
// dependency), where the seed document's snippets run as written (`const CalOS =
// require('@calos/sdk')`, `import CalOS from '@calos/sdk'`) and TypeScript finds the types of each.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFiles, routerDocument } from '../scripts/generate';
import { buildSdk, sdkDir } from '../scripts/build';

const root = path.resolve(sdkDir, '..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' } });
  expect(result.status, `${command} ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
  return result.stdout;
}

/**
 * The seed's lines (architecture document, "Building Custom Extensions" and "JavaScript SDK"), with
 * a fetch that records the request instead of sending it: no network.
 */
const seedCalls = `
const sent = [];
globalThis.fetch = async (url, init) => {
  sent.push({ method: init.method, url: String(url), auth: new Headers(init.headers).get('authorization'), body: init.body ? JSON.parse(init.body) : undefined });
  return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
};
const calos = new CalOS({
  apiKey: 'calos_sk_example',
  endpoint: 'https://api.calos.dev'
});
const userId = '00000000-0000-4000-8000-000000000001';
const [username, password, puzzleId, timeSeconds] = ['ada', 'correct horse battery', 'p-42', 31];

// Authenticate user
const session = await calos.auth.login(username, password);

// Award XP
await calos.skills.awardXP(userId, 'development', 100);

// Award XP via CalOS
await calos.actions.execute(userId, 'solve_puzzle', {
  puzzleId,
  timeSeconds,
  difficulty: 'hard'
});

// Check action availability
const available = await calos.actions.check(userId, 'vote_domain');
await calos.leagues.create({
  game: 'chess',
  tier: 'bronze',
  startDate: '2025-11-01'
});
`;

const expectedRequests = [
  { method: 'POST', url: 'https://api.calos.dev/api/auth/login', auth: 'Bearer calos_sk_example', body: { login: 'ada', password: 'correct horse battery' } },
  { method: 'POST', url: 'https://api.calos.dev/api/skills/award-xp', auth: 'Bearer calos_sk_example', body: { userId: '00000000-0000-4000-8000-000000000001', skill: 'development', xp: 100 } },
  {
    method: 'POST',
    url: 'https://api.calos.dev/api/actions/execute',
    auth: 'Bearer calos_sk_example',
    body: { userId: '00000000-0000-4000-8000-000000000001', actionCode: 'solve_puzzle', params: { puzzleId: 'p-42', timeSeconds: 31, difficulty: 'hard' } },
  },
  { method: 'GET', url: 'https://api.calos.dev/api/actions/check/vote_domain?userId=00000000-0000-4000-8000-000000000001', auth: 'Bearer calos_sk_example' },
  { method: 'POST', url: 'https://api.calos.dev/api/leagues/create', auth: 'Bearer calos_sk_example', body: { game: 'chess', tier: 'bronze', startDate: '2025-11-01' } },
];

/** Names index.ts exports as types only (`type X` in its export lists). */
function typeOnlyExports(): string[] {
  const source = fs.readFileSync(path.join(sdkDir, 'src/index.ts'), 'utf8');
  const names: string[] = [];
  for (const [, typeOnly, list] of source.matchAll(/export (type )?\{([^}]*)\}/g)) {
    for (const entry of list!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const match = /^(type\s+)?(\w+)/.exec(entry)!;
      if (typeOnly || match[1]) names.push(match[2]!);
    }
  }
  return names;
}

describe('@calos/sdk build', () => {
  it('has generated types matching the router (run `npm run sdk:generate` after changing a route)', async () => {
    for (const [file, expected] of Object.entries(await generatedFiles(routerDocument()))) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      expect(current === expected, `${path.relative(root, file)} is out of date: run npm run sdk:generate`).toBe(true);
    }
  });

  it('declares no runtime dependency, and an ESM and a CommonJS entry with their own types', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(sdkDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.exports['.']).toEqual({
      import: { types: './dist/esm/index.d.ts', default: './dist/esm/index.js' },
      require: { types: './dist/cjs/index.d.cts', default: './dist/cjs/index.cjs' },
    });
    expect(manifest.main).toBe('./dist/cjs/index.cjs');
  });

  describe('packed and installed', { timeout: 180_000 }, () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-sdk-'));
    const cjs = path.join(work, 'cjs-app');
    const esm = path.join(work, 'esm-app');

    beforeAll(() => {
      // A copy of the package, so the build does not touch sdk/dist; --ignore-scripts as it is built.
      const pkg = path.join(work, 'package');
      fs.mkdirSync(pkg);
      for (const file of ['package.json', 'README.md']) fs.copyFileSync(path.join(sdkDir, file), path.join(pkg, file));
      buildSdk(path.join(pkg, 'dist'));
      const tarball = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], pkg).trim().split('\n').pop()!;
      for (const [dir, type] of [[cjs, 'commonjs'], [esm, 'module']] as const) {
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true, type }));
        run('npm', ['install', '--offline', '--ignore-scripts', '--no-package-lock', path.join(work, tarball)], dir);
      }
    }, 180_000);

    afterAll(() => {
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('require(\'@calos/sdk\') is the client class, with the named exports and default beside it', () => {
      fs.writeFileSync(
        path.join(cjs, 'seed.js'),
        `const CalOS = require('@calos/sdk');
const { CalOS: Named, CalOSError, verifyWebhook } = require('@calos/sdk');
(async () => {
${seedCalls}
  console.log(JSON.stringify({
    isClass: typeof CalOS === 'function' && calos instanceof CalOS,
    named: Named === CalOS && CalOS.CalOS === CalOS && CalOS.default === CalOS,
    errors: typeof CalOSError === 'function' && new CalOSError({ code: 'TIMEOUT', message: 'x', status: 0 }) instanceof Error,
    verify: typeof verifyWebhook,
    keys: Object.keys(CalOS).sort(),
    sent,
  }));
})();
`,
      );
      const out = JSON.parse(run(process.execPath, ['seed.js'], cjs));
      expect(out).toMatchObject({ isClass: true, named: true, errors: true, verify: 'function', sent: expectedRequests });
      // The same values as the ESM entry, so either way of loading offers everything.
      fs.writeFileSync(path.join(esm, 'keys.js'), `import * as sdk from '@calos/sdk';\nconsole.log(JSON.stringify(Object.keys(sdk).sort()));\n`);
      expect(out.keys).toEqual(JSON.parse(run(process.execPath, ['keys.js'], esm)));
    });

    it('import CalOS from \'@calos/sdk\' and import { CalOS } give the same class in ESM, and webhooks verify', () => {
      fs.writeFileSync(
        path.join(esm, 'seed.js'),
        `import CalOS from '@calos/sdk';
import { CalOS as Named, signWebhook, verifyWebhook } from '@calos/sdk';
${seedCalls}
const secret = 'whsec_' + Buffer.alloc(24, 7).toString('base64');
const headers = await signWebhook('{"type":"t"}', secret, { id: 'msg_1' });
console.log(JSON.stringify({ named: Named === CalOS, sent, verified: (await verifyWebhook('{"type":"t"}', headers, secret)).type }));
`,
      );
      expect(JSON.parse(run(process.execPath, ['seed.js'], esm))).toEqual({ named: true, sent: expectedRequests, verified: 't' });
    });

    it('gives TypeScript the types through require (.d.cts) and import (.d.ts)', () => {
      // Every type index.ts exports is reachable from the CommonJS entry's namespace too.
      const cjsTypes = typeOnlyExports().map((name) => `type _${name} = CalOS.${name}${['Body', 'Query', 'Result'].includes(name) ? "<'/leagues/create', 'post'>" : name === 'Item' ? '<{ items: string[] }>' : ''};`);
      fs.writeFileSync(
        path.join(cjs, 'check.ts'),
        `import CalOS = require('@calos/sdk');
import { CalOS as Named, CalOSError, type CalOSOptions } from '@calos/sdk';
import Default from '@calos/sdk';
const options: CalOSOptions = { apiKey: 'k', endpoint: 'https://api.calos.dev' };
const calos: CalOS = new CalOS(options);
const named: Named = new Named(options);
const byDefault: CalOS = new Default(options);
export const league: Promise<CalOS.League> = calos.leagues.create({ game: 'chess', tier: 'bronze', startDate: '2025-11-01' });
export const isError = (e: unknown): e is CalOSError => e instanceof CalOSError;
export const all = [named, byDefault];
${cjsTypes.join('\n')}
`,
      );
      fs.writeFileSync(
        path.join(esm, 'check.ts'),
        `import CalOS, { CalOS as Named, CalOSError, type CalOSOptions, type League } from '@calos/sdk';
const options: CalOSOptions = { apiKey: 'k', endpoint: 'https://api.calos.dev' };
const calos: CalOS = new CalOS(options);
export const league: Promise<League> = calos.leagues.create({ game: 'chess', tier: 'bronze', startDate: '2025-11-01' });
export const isError = (e: unknown): e is CalOSError => e instanceof CalOSError;
export const named: Named = calos;
`,
      );
      const flags = ['--noEmit', '--strict', '--lib', 'es2022,dom', '--esModuleInterop', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
      for (const dir of [cjs, esm]) {
        const check = spawnSync(process.execPath, [tsc, ...flags, 'check.ts'], { cwd: dir, encoding: 'utf8' });
        expect(check.status, `${path.basename(dir)}: ${check.stdout}${check.stderr}`).toBe(0);
      }
      // And the resolution of older CommonJS projects (main/types, no exports).
      const legacy = spawnSync(process.execPath, [tsc, ...flags.slice(0, -4), '--module', 'commonjs', '--moduleResolution', 'node10', 'check.ts'], { cwd: cjs, encoding: 'utf8' });
      expect(legacy.status, legacy.stdout + legacy.stderr).toBe(0);
    });
  });
});
