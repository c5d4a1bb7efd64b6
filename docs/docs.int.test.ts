// Runs every code sample of docs/**/*.md against a CalOS test server listening on a local port, so the
// documentation cannot drift from the API. A sample is a fenced block whose info string is
// `ts test` or `python test` (run by Python with the SDK of sdk-python/src); `ts test
// file=server/modules/x/y.ts` runs it as if it were that file (its relative imports resolve from there). Samples read CALOS_ENDPOINT, CALOS_API_KEY (a key holding every
// scope) and USER_ID from the environment, and state their expectations with node:assert.
// Any other ts/js block is refused: every TypeScript sample must run. The API reference must list
// every route of the OpenAPI document.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenTestApp, type ListeningTestApp } from '../server/testing/listening';
import { operatorKey, signUp } from '../server/testing/factories';
import { scopeRegistry } from '../server/modules/developer/scopes';
import { routerDocument } from '../sdk/scripts/generate';

const root = path.resolve(import.meta.dirname, '..');
const docsDir = path.join(root, 'docs');
const workDir = path.join(root, '.test-tmp', `docs-${process.pid}`);

interface Sample {
  doc: string;
  index: number;
  line: number;
  code: string;
  file: string | undefined;
  language: 'ts' | 'python';
}

/** A sample quoted from a file of the repository (`js excerpt from=path`): it must be there, as written. */
interface Excerpt {
  doc: string;
  line: number;
  code: string;
  from: string;
}

function samplesOf(doc: string): { samples: Sample[]; untested: number[]; excerpts: Excerpt[] } {
  const text = fs.readFileSync(path.join(docsDir, doc), 'utf8');
  const samples: Sample[] = [];
  const untested: number[] = [];
  const excerpts: Excerpt[] = [];
  const fence = /^```([^\n]*)\n([\s\S]*?)^```$/gm;
  for (const match of text.matchAll(fence)) {
    const info = match[1]!.trim().split(/\s+/);
    const line = text.slice(0, match.index).split('\n').length;
    if (info[0] === 'python' || info[0] === 'py') {
      if (info[1] === 'test') samples.push({ doc, index: samples.length + 1, line, code: match[2]!, file: undefined, language: 'python' });
      else untested.push(line);
    } else if (['ts', 'typescript', 'js', 'javascript'].includes(info[0]!)) {
      const from = info.find((w) => w.startsWith('from='))?.slice(5);
      if (info[1] === 'excerpt' && from) excerpts.push({ doc, line, code: match[2]!, from });
      else if (info[1] !== 'test') untested.push(line);
      else samples.push({ doc, index: samples.length + 1, line, code: match[2]!, file: info.find((w) => w.startsWith('file='))?.slice(5), language: 'ts' });
    }
  }
  return { samples, untested, excerpts };
}

/** Where each `file=…` sample was written, by the path it claims (without extension). */
const writtenAs = new Map<string, string>();

/**
 * Relative imports of a sample declared as `file=…` resolve from where that file would sit: to an
 * earlier sample claiming that path, or else to the repository's own file.
 */
function relocate(sample: Sample): string {
  if (!sample.file) return sample.code;
  const from = path.dirname(path.join(root, sample.file));
  return sample.code.replace(/from '(\.{1,2}\/[^']+)'/g, (_, spec: string) => {
    const target = path.resolve(from, spec).replace(/\.(js|ts)$/, '');
    return `from '${writtenAs.get(target) ?? target}'`;
  });
}

const docs = (fs.readdirSync(docsDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => f.split(path.sep).join('/')).sort();
/** Debian's interpreter where there is one (as sdk-python's own test), else python3 on the PATH. */
const python = process.env.CALOS_PYTHON ?? (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** A Python sample, run asynchronously so the in-process server keeps answering. */
function runPython(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PYTHONPATH: path.join(root, 'sdk-python', 'src'), PYTHONDONTWRITEBYTECODE: '1' };
    execFile(python, [file], { env, timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${stdout}${stderr}`)) : resolve()));
  });
}
let t: ListeningTestApp;

beforeAll(async () => {
  t = await listenTestApp({ CALOS_WEBHOOK_ALLOW_PRIVATE: 'true' });
  const key = await operatorKey(t, scopeRegistry.ids());
  const user = await signUp(t);
  Object.assign(process.env, { CALOS_ENDPOINT: t.endpoint, CALOS_API_KEY: key.secret, USER_ID: user.userId });
  fs.mkdirSync(workDir, { recursive: true });
});

afterAll(async () => {
  fs.rmSync(workDir, { recursive: true, force: true });
  await t?.close();
});

describe('docs', () => {
  it('has the documents the README links to', () => {
    expect(docs).toEqual(expect.arrayContaining(['getting-started.md', 'api-reference.md', 'extensions.md', 'sdk/javascript.md', 'sdk/python.md', 'webhooks.md', 'deployment.md']));
  });

  it('marks every TypeScript sample `ts test`, so each one runs', () => {
    const untested = docs.flatMap((doc) => samplesOf(doc).untested.map((line) => `${doc}:${line}`));
    expect(untested).toEqual([]);
  });

  it('quotes excerpts exactly as they stand in the file they come from (`excerpt from=…`)', () => {
    const squeeze = (code: string) => code.replace(/\s+/g, ' ').trim();
    const stale = docs.flatMap((doc) =>
      samplesOf(doc).excerpts.filter((e) => !squeeze(fs.readFileSync(path.join(root, e.from), 'utf8')).includes(squeeze(e.code))).map((e) => `${doc}:${e.line} (${e.from})`),
    );
    expect(stale).toEqual([]);
  });

  it('states what each sample shows with assert (node:assert, or Python\'s), so a sample that only runs cannot pass', () => {
    // A `file=` sample defines code that a later sample imports and asserts on.
    const unchecked = docs.flatMap((doc) =>
      samplesOf(doc)
        .samples.filter((s) => !s.file && !/\bassert\b/.test(s.code))
        .map((s) => `${doc}:${s.line}`),
    );
    expect(unchecked).toEqual([]);
  });

  it('names the tarball that `npm pack` in sdk/ writes, where the guides say how to install the SDK', () => {
    const sdk = JSON.parse(fs.readFileSync(path.join(root, 'sdk', 'package.json'), 'utf8')) as { name: string; version: string };
    const tarball = `${sdk.name.replace(/^@/, '').replace('/', '-')}-${sdk.version}.tgz`;
    for (const doc of ['getting-started.md', 'sdk/javascript.md']) {
      const text = fs.readFileSync(path.join(docsDir, doc), 'utf8');
      expect(text, doc).toContain('cd sdk && npm pack');
      expect(text, doc).toContain(`npm install /path/to/calos/sdk/${tarball}`);
    }
  });

  it('lists every route of the OpenAPI document in api-reference.md', () => {
    const reference = fs.readFileSync(path.join(docsDir, 'api-reference.md'), 'utf8');
    const doc = routerDocument() as { paths: Record<string, Record<string, unknown>> };
    const missing = Object.entries(doc.paths).flatMap(([route, item]) =>
      Object.keys(item)
        .map((method) => `${method.toUpperCase()} /api${route}`)
        .filter((entry) => !reference.includes(`\`${entry}\``)),
    );
    expect(missing).toEqual([]);
  });
});

for (const doc of docs) {
  const { samples } = samplesOf(doc);
  if (!samples.length) continue;
  describe(doc, () => {
    for (const sample of samples) {
      it(`sample ${sample.index} (line ${sample.line})`, async () => {
        const base = path.join(workDir, `${doc.replace(/\.md$/, '').replace(/\//g, '-')}-${sample.index}`);
        if (sample.language === 'python') {
          fs.writeFileSync(`${base}.py`, sample.code);
          await runPython(`${base}.py`);
          return;
        }
        const file = `${base}.ts`;
        fs.writeFileSync(file, relocate(sample));
        if (sample.file) writtenAs.set(path.join(root, sample.file).replace(/\.ts$/, ''), file);
        await import(pathToFileURL(file).href);
      });
    }
  });
}
