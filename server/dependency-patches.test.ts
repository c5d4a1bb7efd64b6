// The local patch to @trpc/server's object-spread helper (scripts/patch-dependencies.mjs): it is
// installed, and it builds the same objects as the helper it replaces.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRPC_SPREAD_ORIGINAL, TRPC_SPREAD_PATCHED } from '../scripts/patch-dependencies.mjs';

// The original's own helpers, verbatim from @trpc/server 11.19.0's build.
const HELPERS = `
function toPropertyKey(t) { return typeof t === 'symbol' ? t : t + ''; }
function _defineProperty(e, r, t) {
  return (r = toPropertyKey(r)) in e ? Object.defineProperty(e, r, { value: t, enumerable: !0, configurable: !0, writable: !0 }) : e[r] = t, e;
}
function ownKeys(e, r) {
  var t = Object.keys(e);
  if (Object.getOwnPropertySymbols) {
    var o = Object.getOwnPropertySymbols(e);
    r && (o = o.filter(function(r) { return Object.getOwnPropertyDescriptor(e, r).enumerable; })), t.push.apply(t, o);
  }
  return t;
}`;
type Spread = (...objects: unknown[]) => Record<PropertyKey, unknown>;
const build = (fn: string) => new Function(`${HELPERS}\n${fn}\nreturn _objectSpread2;`)() as Spread;
const original = build(TRPC_SPREAD_ORIGINAL);
const patched = build(TRPC_SPREAD_PATCHED);

const describeObject = (o: object) => ({
  prototype: Object.getPrototypeOf(o),
  keys: Reflect.ownKeys(o).map(String),
  descriptors: Reflect.ownKeys(o).map((k) => Object.getOwnPropertyDescriptor(o, k)),
});

describe('the @trpc/server object-spread patch', () => {
  it('is installed (npm ci runs scripts/patch-dependencies.mjs)', () => {
    const dist = path.resolve('node_modules/@trpc/server/dist');
    const files = fs.readdirSync(dist).filter((f) => /^getErrorShape-.*\.(mjs|cjs)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(fs.readFileSync(path.join(dist, file), 'utf8'), file).toContain(TRPC_SPREAD_PATCHED);
  });

  it('copies what the original copies, in the same order, in the call shapes tRPC uses', () => {
    const sym = Symbol('marker');
    const options = { ctx: { user: 'u' }, type: 'query', path: 'auth.session', input: undefined, [sym]: 1 };
    Object.defineProperty(options, 'hidden', { value: 'not enumerable', enumerable: false });
    const next = () => undefined;
    const cases: Array<() => unknown[]> = [
      () => [{}, options],
      () => [{}, options, {}, { meta: { a: 1 }, input: 2, next }],
      () => [{}, null, {}, undefined],
      () => [{ toString: 'kept' }, { constructor: 'own', valueOf: 1 }],
      () => [{}, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')],
    ];
    for (const args of cases) {
      const a = original(...args());
      const b = patched(...args());
      expect(describeObject(b)).toEqual(describeObject(a));
    }
    const fromInput = patched({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(fromInput)).toBe(Object.prototype);
    expect((fromInput as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
