// Builds @calos/sdk with tsc, twice, from the same sources: ESM into dist/esm (.js + .d.ts) and
// CommonJS into dist/cjs (.js + .d.ts, marked CommonJS by their own package.json, plus the entry
// index.cjs + index.d.cts, where `require('@calos/sdk')` is the client class). No bundler: the SDK
// has no dependency to bundle, and package.json's `exports` picks the build by `import`/`require`.
//   npm run sdk:build       regenerates the types, then builds into sdk/dist
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const sdkDir = path.resolve(import.meta.dirname, '..');
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

/** Both builds into `outDir` (default sdk/dist), replacing what was there; throws with tsc's output. */
export function buildSdk(outDir = path.join(sdkDir, 'dist')): void {
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [config, dir] of [['tsconfig.json', 'esm'], ['tsconfig.cjs.json', 'cjs']] as const) {
    const run = spawnSync(process.execPath, [tsc, '-p', path.join(sdkDir, config), '--outDir', path.join(outDir, dir)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`tsc -p sdk/${config} failed:\n${run.stdout}${run.stderr}`);
  }
  // The package is "type": "module"; without this, Node would load dist/cjs/*.js as ESM.
  fs.writeFileSync(path.join(outDir, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    buildSdk();
    console.log('built sdk/dist/esm and sdk/dist/cjs');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
