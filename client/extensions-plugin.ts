// The Vite plugin behind `virtual:calos-extensions`: the web pages of every bundled extension
// (extensions/<id>/client/index.tsx) and of each npm package CALOS_EXTENSIONS names at build time
// that ships a `./client` entry. Extensions' pages are built by the same client build (one bundle,
// each page its own chunk); the server says at run time which extensions run, and the client shows
// only their pages.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const ID = 'virtual:calos-extensions';
const RESOLVED = `\0${ID}`;

export function clientEntries(root: string, env: Record<string, string | undefined> = process.env): string[] {
  const bundledDir = path.join(root, 'extensions');
  const bundled = fs.existsSync(bundledDir)
    ? fs
        .readdirSync(bundledDir)
        .sort()
        .map((id) => path.join(bundledDir, id, 'client', 'index.tsx'))
        .filter((file) => fs.existsSync(file))
    : [];
  const require = createRequire(path.join(root, 'package.json'));
  const packages = (env.CALOS_EXTENSIONS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !fs.existsSync(path.join(bundledDir, name)) && name !== 'none')
    .flatMap((name) => {
      try {
        return [require.resolve(`${name}/client`)];
      } catch {
        return []; // a package without pages
      }
    });
  return [...bundled, ...packages];
}

export function calosExtensions(root: string): Plugin {
  return {
    name: 'calos-extensions',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const entries = clientEntries(root);
      // A package's entry may be a factory: it gets the client's extension API (it cannot import it).
      return [
        `import * as calos from ${JSON.stringify(path.join(root, 'client', 'extension-api.ts'))};`,
        ...entries.map((file, i) => `import extension${i} from ${JSON.stringify(file)};`),
        `const load = (e) => (typeof e === 'function' ? e(calos) : e);`,
        `export default [${entries.map((_, i) => `load(extension${i})`).join(', ')}];`,
      ].join('\n');
    },
  };
}
