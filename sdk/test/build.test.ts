// The SDK's types are generated from the router: this checks that the committed generated file is
// what the generator writes today (so a route change shows up here first), that the SDK builds with
// its own tsconfig, and that the built ESM runs in plain Node with no dependency.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateTypes, generatedFile, routerDocument } from '../scripts/generate';

const sdkDir = path.resolve(import.meta.dirname, '..');
const root = path.resolve(sdkDir, '..');

describe('@calos/sdk build', () => {
  it('has generated types matching the router (run `npm run sdk:generate` after changing a route)', async () => {
    const expected = await generateTypes(routerDocument());
    expect(fs.readFileSync(generatedFile, 'utf8') === expected, 'sdk/src/generated/openapi.ts is out of date: run npm run sdk:generate').toBe(true);
  });

  it('builds with tsc into ESM + .d.ts that runs in plain Node', { timeout: 120_000 }, async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-sdk-'));
    try {
      const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(sdkDir, 'tsconfig.json'), '--outDir', out], {
        encoding: 'utf8',
      });
      expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
      expect(fs.existsSync(path.join(out, 'index.d.ts'))).toBe(true);
      const sdk = await import(pathToFileURL(path.join(out, 'index.js')).href);
      expect(new sdk.CalOS({ endpoint: 'http://example.test/' }).http.url('/skills/{skillId}', { skillId: 'a b' })).toBe('http://example.test/api/skills/a%20b');
      const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
      const headers = await sdk.signWebhook('{"type":"t"}', secret, { id: 'msg_1' });
      expect((await sdk.verifyWebhook('{"type":"t"}', headers, secret)).type).toBe('t');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('declares no runtime dependency', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(sdkDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
  });
});
