// The claim that both SDKs reach every REST operation: for each operation of the router's OpenAPI
// document, the JavaScript client has a method at the place the Python generator also uses
// (sdk-python/scripts/generate.ts, placeOf) that calls the operation's method and path, and the Python
// package's generated resources have the same method, calling the same method and path.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalOS } from '@calos/sdk';
import { routerDocument } from '../scripts/generate';
import { placeOf, pythonPackageDir, snake } from '../../sdk-python/scripts/generate';

const document = routerDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
const operations = Object.entries(document.paths).flatMap(([route, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ route, method, id: op.operationId })),
);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Python's resource classes: class name → its source text. */
function pythonClasses(): Map<string, string> {
  const source = fs.readFileSync(path.join(pythonPackageDir, '_resources.py'), 'utf8');
  const classes = new Map<string, string>();
  for (const chunk of source.split(/^class /m).slice(1)) classes.set(chunk.slice(0, chunk.search(/[(:]/)), chunk);
  return classes;
}

describe('SDK parity', () => {
  const calos = new CalOS({ endpoint: 'http://127.0.0.1:1' });
  const python = pythonClasses();

  it('lists the operations', () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it.each(operations)('$method $route ($id) is reachable from JavaScript and Python', ({ route, method, id }) => {
    const { resource, method: name } = placeOf(id);
    const target = (resource === 'system' ? calos : (calos as unknown as Record<string, Record<string, unknown>>)[resource]) as Record<string, unknown> | undefined;
    expect(target, `JavaScript: calos.${resource}`).toBeDefined();
    const fn = target![name];
    expect(typeof fn, `JavaScript: calos.${resource}.${name}`).toBe('function');
    expect(String(fn), `JavaScript: calos.${resource}.${name} calls ${method} ${route}`).toMatch(new RegExp(`request\\(\\s*['"]${method}['"],\\s*['"]${escape(route)}['"]`));

    const className = `${snake(resource).split('_').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('')}Resource`;
    const body = python.get(className);
    expect(body, `Python: class ${className}`).toBeDefined();
    const def = new RegExp(`def ${snake(name)}\\(self[\\s\\S]*?self\\._transport\\.request\\("${method.toUpperCase()}", "${escape(route)}"`);
    expect(body, `Python: client.${snake(resource)}.${snake(name)} calls ${method.toUpperCase()} ${route}`).toMatch(def);
  });
});
