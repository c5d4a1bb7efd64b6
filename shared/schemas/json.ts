// What any input may hold, and the bounds of free-form JSON. PostgreSQL refuses NUL (U+0000) in
// text and jsonb and unpaired UTF-16 surrogates in jsonb, so a request holding either would fail
// on the database as a 500: every input is walked once, before any query, and such a string (a
// value or a key, anywhere) is refused naming the field. Free-form JSON fields (action params,
// effect params) are plain JSON, bounded in depth, entries and size, so every stored value can be
// written out again on both doors.

/** Bounds of a whole input: deeper than any schema goes, and a cap on the values walked. */
export const INPUT_LIMITS = { depth: 64, values: 100_000 } as const;

/** Bounds of one free-form JSON field: nesting levels, keys and array items in all, UTF-8 bytes as JSON. */
export const FREE_JSON_LIMITS = { depth: 32, entries: 1000, bytes: 16 * 1024 } as const;

export interface InputIssue {
  /** Where in the input: keys and array indices. */
  path: (string | number)[];
  message: string;
}

const UNSTORABLE = /[\u0000\p{Cs}]/u; // \p{Cs} matches only a surrogate that is not half of a pair

/** Why a string cannot be stored, or undefined when it can. */
export function unstorableText(s: string): string | undefined {
  if (!UNSTORABLE.test(s)) return undefined;
  return s.includes('\u0000') ? 'must not contain NUL (U+0000) characters' : 'must not contain unpaired UTF-16 surrogates';
}

/** A key as it can be shown in an error's path: NUL and lone surrogates written as \uXXXX. */
const shownKey = (key: string) =>
  key.replace(/[\u0000\p{Cs}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * `__proto__`, or `constructor` holding `prototype`: keys an object merge could turn into a change
 * of prototypes. The REST door's JSON parser refuses bodies holding them (Fastify's defence against
 * prototype poisoning); this refuses them in every input, /trpc's included.
 */
const isPoisonKey = (key: string, value: unknown) =>
  key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype'));

/**
 * The first thing in an input that cannot be stored: a string or key holding NUL or a lone
 * surrogate, a prototype-poisoning key (isPoisonKey), nesting deeper than
 * INPUT_LIMITS.depth, or more than INPUT_LIMITS.values values (tRPC's superjson can make one
 * object appear at many places, or inside itself).
 */
export function findUnstorableInput(input: unknown): InputIssue | undefined {
  const path: (string | number)[] = [];
  let budget: number = INPUT_LIMITS.values;
  const visit = (value: unknown, depth: number): InputIssue | undefined => {
    if (--budget < 0) return { path: [], message: `must hold at most ${INPUT_LIMITS.values} values` };
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      return problem ? { path: [...path], message: problem } : undefined;
    }
    if (typeof value !== 'object' || value === null) return undefined;
    if (depth >= INPUT_LIMITS.depth) return { path: [...path], message: `must not be nested more than ${INPUT_LIMITS.depth} levels deep` };
    // Any other object by its own enumerable keys: none for a Date, every one for an object that
    // superjson gave an odd prototype (it drops a `__proto__` key that way).
    const entries: Iterable<[unknown, unknown]> = Array.isArray(value)
      ? value.entries()
      : value instanceof Map
        ? value.entries()
        : value instanceof Set
          ? [...value].entries()
          : Object.entries(value);
    for (const [key, item] of entries) {
      if (typeof key === 'string') {
        const problem = unstorableText(key);
        if (problem) return { path: [...path, shownKey(key)], message: `this key ${problem}` };
        if (isPoisonKey(key, item)) return { path: [...path, key], message: 'is not allowed as a key' };
      } else if (value instanceof Map) {
        const issue = visit(key, depth + 1); // a Map's keys may be values of any kind
        if (issue) return issue;
      }
      path.push(typeof key === 'string' || typeof key === 'number' ? key : String(key));
      const issue = visit(item, depth + 1);
      path.pop();
      if (issue) return issue;
    }
    return undefined;
  };
  return visit(input, 0);
}

/** UTF-8 length of a string, without allocating its bytes (a lone surrogate counts as U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 4 bytes for its 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * Why a free-form JSON value breaks FREE_JSON_LIMITS or is not plain JSON (finite numbers,
 * strings, booleans, null, arrays and plain objects: no dates, bigints, NaN or Infinity, which
 * superjson can send on /trpc and JSON cannot store; undefined is left out, as JSON does), or
 * undefined when it is fine.
 */
export function freeJsonIssue(value: unknown): InputIssue | undefined {
  const { depth: maxDepth, entries: maxEntries, bytes: maxBytes } = FREE_JSON_LIMITS;
  const path: (string | number)[] = [];
  let entries = 0;
  const visit = (node: unknown, depth: number): InputIssue | undefined => {
    switch (typeof node) {
      case 'string':
      case 'boolean':
      case 'undefined': // superjson sends it; stored as JSON.stringify has it: left out, or null in an array
        return undefined;
      case 'number':
        return Number.isFinite(node) ? undefined : { path: [...path], message: 'must be a finite number' };
      case 'object':
        if (node === null) return undefined;
        if (!Array.isArray(node) && !isPlainObject(node)) break;
        if (depth > maxDepth) return { path: [...path], message: `must not be nested more than ${maxDepth} levels deep` };
        for (const [key, item] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
          if (++entries > maxEntries) return { path: [], message: `must hold at most ${maxEntries} keys and array items in all` };
          path.push(key);
          const issue = visit(item, depth + 1);
          path.pop();
          if (issue) return issue;
        }
        return undefined;
    }
    return { path: [...path], message: 'must be plain JSON: a string, a finite number, true, false, null, an array or an object' };
  };
  const issue = visit(value, 1);
  if (issue) return issue;
  if (utf8Length(JSON.stringify(value)) > maxBytes) return { path: [], message: `must be at most ${maxBytes / 1024} KiB as JSON` };
  return undefined;
}
