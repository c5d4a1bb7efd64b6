// The input walker and the free-form JSON bounds on their own: what counts as unstorable text, how
// paths are named, and that shared or cyclic structures (superjson can send both) end the walk.
import { describe, expect, it } from 'vitest';
import { FREE_JSON_LIMITS, INPUT_LIMITS, findUnstorableInput, freeJsonIssue, unstorableText } from './json';

describe('unstorableText', () => {
  it('takes surrogate pairs and refuses NUL and either half alone', () => {
    expect(unstorableText('knight ♞ 😀')).toBeUndefined();
    expect(unstorableText('a\u0000')).toMatch(/NUL/);
    expect(unstorableText('\ud83d')).toMatch(/surrogate/);
    expect(unstorableText('\ude00x')).toMatch(/surrogate/);
    expect(unstorableText('\ude00\ud83d')).toMatch(/surrogate/); // the halves in the wrong order
  });
});

describe('findUnstorableInput', () => {
  it('names the first value or key that cannot be stored, with a key’s NUL written out', () => {
    expect(findUnstorableInput({ a: [1, { b: 'x\u0000' }] })).toEqual({ path: ['a', 1, 'b'], message: expect.stringMatching(/NUL/) });
    expect(findUnstorableInput({ a: { 'k\u0000': 1 } })?.path).toEqual(['a', 'k\\u0000']);
    expect(findUnstorableInput(new Map([['m', new Set(['ok', '\ud800'])]]))?.path).toEqual(['m', 1]);
    expect(findUnstorableInput({ fine: 'yes', date: new Date(0), n: 1n })).toBeUndefined();
  });

  it('stops at a cycle and at an object shared too many times', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(findUnstorableInput(cycle)?.message).toMatch(/nested more than/);
    let shared: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) shared = { l: shared, r: shared }; // 2^40 paths, 41 objects
    expect(findUnstorableInput(shared)?.message).toBe(`must hold at most ${INPUT_LIMITS.values} values`);
  });
});

describe('freeJsonIssue', () => {
  it('counts bytes of UTF-8, not characters', () => {
    const framing = JSON.stringify({ s: '' }).length;
    expect(freeJsonIssue({ s: '😀'.repeat((FREE_JSON_LIMITS.bytes - framing) / 4) })).toBeUndefined();
    expect(freeJsonIssue({ s: '😀'.repeat((FREE_JSON_LIMITS.bytes - framing) / 4) + 'x' })?.message).toMatch(/KiB/);
  });

  it('takes plain JSON only', () => {
    expect(freeJsonIssue({ a: [null, true, 'x', 1.5, -0, { b: [] }], left: undefined })).toBeUndefined();
    expect(freeJsonIssue({ a: [Infinity] })).toEqual({ path: ['a', 0], message: 'must be a finite number' });
    expect(freeJsonIssue({ a: new Date(0) })?.path).toEqual(['a']);
    expect(freeJsonIssue({ a: 1n })?.message).toMatch(/plain JSON/);
  });
});
