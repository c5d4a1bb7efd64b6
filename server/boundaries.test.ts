// The import boundaries (.dependency-cruiser.cjs and .dependency-cruiser-modules.cjs, described in
// docs/kernel.md): the repository keeps every one, and each rule reports a deliberate violation
// by its name, so a rule that silently stopped matching would fail here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const BOUNDARIES = path.join(root, '.dependency-cruiser.cjs');
const MODULES = path.join(root, '.dependency-cruiser-modules.cjs');
/** What `npm run lint:boundaries` cruises. */
const CRUISED = ['server', 'extensions', 'shared', 'client', 'database'];

interface Violation {
  rule: string;
  from: string;
  to: string;
}

const byText = (a: Violation, b: Violation) => `${a.rule} ${a.from} ${a.to}`.localeCompare(`${b.rule} ${b.from} ${b.to}`);

/** The violations of one config's rules in the tree at `baseDir`, as `depcruise --config` reports them. */
async function violations(configFile: string, baseDir: string, dirs: string[]): Promise<Violation[]> {
  return (await cruiseTree(configFile, baseDir, dirs)).violations;
}

async function cruiseTree(configFile: string, baseDir: string, dirs: string[]) {
  const options = await extractDepcruiseOptions(configFile);
  const tsConfigFile = path.join(baseDir, 'tsconfig.json');
  const tsConfig = fs.existsSync(tsConfigFile) ? extractTSConfig(tsConfigFile) : undefined;
  const present = dirs.filter((dir) => fs.existsSync(path.join(baseDir, dir)));
  const { output } = await cruise(present, { ...options, baseDir }, {}, { tsConfig });
  const { summary } = output as ICruiseResult;
  const violations = summary.violations.map((v): Violation => ({ rule: v.rule.name, from: v.from, to: v.to }));
  return { violations: violations.sort(byText), cruised: summary.totalCruised };
}

describe('import boundaries', () => {
  it('the repository keeps every rule', { timeout: 180_000 }, async () => {
    const boundaries = await cruiseTree(BOUNDARIES, root, CRUISED);
    expect(boundaries.violations).toEqual([]);
    const modules = await cruiseTree(MODULES, root, ['server/modules']);
    expect(modules.violations).toEqual([]);
    // Both read the real tree (a wrong path would cruise nothing and find nothing wrong).
    expect(boundaries.cruised).toBeGreaterThan(200);
    expect(modules.cruised).toBeGreaterThan(50);
  });

  describe('a deliberate violation of each rule is reported by name', () => {
    let tree: string;
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
      fs.writeFileSync(path.join(tree, file), text);
    };

    beforeAll(() => {
      tree = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-boundaries-'));
      // The kernel's entry for extensions, and the list of bundled ones (the one kernel file that may import them).
      write('server/extensions/api.ts', 'export const api = 1;\n');
      write('server/extensions/bundled.ts', "import { good } from '../../extensions/good/index';\nexport const bundled = [good];\n");
      write('server/platform.ts', "import { good } from '../extensions/good/index';\nexport const platform = good;\n");
      // skills ↔ actions through public files (a cycle), and actions reading a skills internal.
      write('server/modules/skills/service.ts', 'export const award = 1;\n');
      write('server/modules/skills/leaderboard-queries.ts', 'export const boards = 1;\n');
      write('server/modules/skills/progress.ts', "import { ran } from '../actions/engine';\nexport const progress = ran;\n");
      write('server/modules/actions/engine.ts', "import { award } from '../skills/service';\nexport const ran = award;\n");
      write('server/modules/actions/history.ts', "import { boards } from '../skills/leaderboard-queries';\nexport const history = boards;\n");
      write('shared/schema.ts', 'export const schema = 1;\n');
      write('shared/xp.ts', "import { api } from '../server/extensions/api';\nexport const xp = api;\n");
      // An extension that keeps to the rules: node's own modules, the kernel's entry, shared code, its own files.
      write(
        'extensions/good/index.ts',
        "import path from 'node:path';\nimport { api } from '../../server/extensions/api';\nimport { schema } from '../../shared/schema';\nimport { own } from './own';\nexport const good = [path.sep, api, schema, own];\n",
      );
      write('extensions/good/own.ts', 'export const own = 1;\n');
      write('client/extension-api.ts', 'export const pages = 1;\n');
      write('client/components/layout.ts', 'export const layout = 1;\n');
      write('extensions/good/client/index.ts', "import { pages } from '../../../client/extension-api';\nimport { own } from '../own';\nexport const client = pages + own;\n");
      // One that does not: a kernel module, another extension, the client's entry outside its pages, the client's insides.
      write('extensions/x/bad.ts', "import { award } from '../../server/modules/skills/service';\nimport { own } from '../good/own';\nimport { pages } from '../../client/extension-api';\nexport const bad = award + own + pages;\n");
      write('extensions/x/client/page.ts', "import { layout } from '../../../client/components/layout';\nexport const page = layout;\n");
    });

    afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

    it('module-internals, extension-outside-api, extension-page-outside-api, kernel-imports-extension, shared-imports-app', { timeout: 60_000 }, async () => {
      expect(await violations(BOUNDARIES, tree, CRUISED)).toEqual([
        { rule: 'extension-outside-api', from: 'extensions/x/bad.ts', to: 'client/extension-api.ts' },
        { rule: 'extension-outside-api', from: 'extensions/x/bad.ts', to: 'extensions/good/own.ts' },
        { rule: 'extension-outside-api', from: 'extensions/x/bad.ts', to: 'server/modules/skills/service.ts' },
        { rule: 'extension-page-outside-api', from: 'extensions/x/client/page.ts', to: 'client/components/layout.ts' },
        { rule: 'kernel-imports-extension', from: 'server/platform.ts', to: 'extensions/good/index.ts' },
        { rule: 'module-internals', from: 'server/modules/actions/history.ts', to: 'server/modules/skills/leaderboard-queries.ts' },
        { rule: 'shared-imports-app', from: 'shared/xp.ts', to: 'server/extensions/api.ts' },
      ]);
    });

    it('module-cycle, though no file imports itself back', { timeout: 60_000 }, async () => {
      expect(await violations(MODULES, tree, ['server/modules'])).toEqual([
        { rule: 'module-cycle', from: 'server/modules/actions', to: 'server/modules/skills' },
        { rule: 'module-cycle', from: 'server/modules/skills', to: 'server/modules/actions' },
      ]);
    });
  });
});
