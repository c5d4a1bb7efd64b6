// Every installed package runs on the oldest Node the README promises: a package whose `engines.node`
// excludes it makes `npm ci` print EBADENGINE (and may really need a newer Node). The fix is a
// version that supports it (package.json pins and `overrides`), never a louder install.
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** "Node.js 20.19 or newer" in the README's set-up section, as a full version (20.19.0). */
function readmeMinimumNode(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = /Node\.js (\d+\.\d+(?:\.\d+)?) or newer/.exec(readme);
  if (!match) throw new Error('README.md no longer says "Node.js X.Y or newer"');
  return semver.coerce(match[1])!.version;
}

/** `engines.node` as a lock file holds it: a range, or (in old packages) an array or object. */
function nodeRange(engines: unknown): string | undefined {
  if (!engines) return undefined;
  if (Array.isArray(engines)) {
    const entry = engines.find((e) => typeof e === 'string' && /^node\b/.test(e));
    return entry?.replace(/^node\s*/, '');
  }
  const node = (engines as Record<string, unknown>).node;
  return typeof node === 'string' ? node : undefined;
}

describe('dependency engines', () => {
  const minimum = readmeMinimumNode();

  it('package.json declares the README minimum', () => {
    expect(semver.minVersion(readJson('package.json').engines.node)?.version).toBe(minimum);
  });

  it(`every package in package-lock.json accepts Node ${minimum}`, () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, { version?: string; engines?: unknown }> };
    const excluding: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      if (location === '') continue;
      const range = nodeRange(entry.engines);
      if (range === undefined) continue;
      if (!semver.satisfies(minimum, range, { includePrerelease: true })) {
        excluding.push(`${location.replace(/^.*node_modules\//, '')}@${entry.version} needs node ${range}`);
      }
    }
    expect(excluding).toEqual([]);
  });

  it('the SDK accepts it too', () => {
    expect(semver.satisfies(minimum, readJson('sdk/package.json').engines.node)).toBe(true);
  });
});
