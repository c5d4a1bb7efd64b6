// The /trpc door's data transformer: superjson both ways, with one change on the way out. superjson
// refuses to serialise an object holding a key named `constructor`, `prototype` or `__proto__` (a
// guard of its own deserialiser against prototype pollution), yet such a key is plain JSON that
// stored free-form values may hold (`{"constructor": 1}` in an action's params): reading it back
// on /trpc would fail. So a value holding one is serialised with those keys renamed to placeholders
// that no stored key can hold (they start with NUL, which PostgreSQL refuses and inputs may not
// hold), and the placeholders get their names back in what is written out. The client's superjson
// reads that as it is: it only walks the paths its meta names, and JSON holds no dates or the like
// beneath a stored free-form key.
import superjson from 'superjson';
import type { CombinedDataTransformer } from '@trpc/server';

const GUARDED = new Set(['constructor', 'prototype', '__proto__']);
const PLACEHOLDER = '\u0000calos-key:';

const isPlain = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A copy of plain objects and arrays with the guarded keys renamed; anything else as it is. */
function hideKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideKeys);
  if (!isPlain(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[GUARDED.has(key) ? PLACEHOLDER + key : key] = hideKeys(item);
  return copy;
}

/** The serialised JSON (or meta) with the placeholders named as they were. */
function restoreKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreKeys);
  if (!isPlain(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = key.startsWith(PLACEHOLDER) ? key.slice(PLACEHOLDER.length) : key;
    // defineProperty: `copy.__proto__ = x` would set the prototype rather than a key.
    Object.defineProperty(copy, name, { value: restoreKeys(item), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function serialize(value: unknown): ReturnType<typeof superjson.serialize> {
  try {
    return superjson.serialize(value);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('prototype pollution')) throw error;
    const { json, meta } = superjson.serialize(hideKeys(value));
    return meta ? { json: restoreKeys(json) as typeof json, meta: restoreKeys(meta) as typeof meta } : { json: restoreKeys(json) as typeof json };
  }
}

export const transformer: CombinedDataTransformer = {
  input: superjson,
  output: { serialize, deserialize: (data) => superjson.deserialize(data) },
};
