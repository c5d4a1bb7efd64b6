// The client build's extension pages (client/extensions-plugin.ts): every bundled extension's
// client/index.tsx, and the ./client entry of each npm package CALOS_EXTENSIONS names at build time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calosExtensions, clientEntries } from '../../client/extensions-plugin';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-client-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

write('package.json', '{"name":"calos"}');
write('extensions/leagues/client/index.tsx', 'export default {};');
write('extensions/mailer/client/index.tsx', 'export default {};');
write('extensions/no-pages/index.ts', 'export default {};');
write('node_modules/@acme/calos-trivia/package.json', JSON.stringify({ name: '@acme/calos-trivia', exports: { '.': './index.js', './client': './client/index.js' } }));
write('node_modules/@acme/calos-trivia/client/index.js', 'export default () => ({});');
write('node_modules/calos-server-only/package.json', JSON.stringify({ name: 'calos-server-only', exports: { '.': './index.js' } }));

describe('the client build’s extension pages', () => {
  it('takes every bundled extension with pages, and the packages CALOS_EXTENSIONS names that ship ./client', () => {
    const entries = clientEntries(root, { CALOS_EXTENSIONS: 'leagues,mailer,@acme/calos-trivia,calos-server-only' });
    expect(entries.map((file) => path.relative(root, file))).toEqual([
      'extensions/leagues/client/index.tsx',
      'extensions/mailer/client/index.tsx',
      'node_modules/@acme/calos-trivia/client/index.js',
    ]);
  });

  it('builds a module that hands a package’s factory the client’s extension API', () => {
    const plugin = calosExtensions(root) as unknown as { resolveId(id: string): string | undefined; load(id: string): string | undefined };
    const id = plugin.resolveId('virtual:calos-extensions')!;
    const previous = process.env.CALOS_EXTENSIONS;
    process.env.CALOS_EXTENSIONS = '@acme/calos-trivia';
    try {
      const code = plugin.load(id)!;
      expect(code).toContain(`import * as calos from ${JSON.stringify(path.join(root, 'client', 'extension-api.ts'))}`);
      expect(code).toContain('node_modules/@acme/calos-trivia/client/index.js');
      expect(code).toMatch(/typeof e === 'function' \? e\(calos\) : e/);
    } finally {
      if (previous === undefined) delete process.env.CALOS_EXTENSIONS;
      else process.env.CALOS_EXTENSIONS = previous;
    }
  });
});
