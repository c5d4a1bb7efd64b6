// The argon2 gate bounds how many hashes run at once; the hasher round-trips and fails closed.
import { describe, expect, it, vi } from 'vitest';
import * as argon2 from '@node-rs/argon2';
import { createGate, createPasswordHasher } from './passwords';

vi.mock('@node-rs/argon2', async (original) => {
  const real = await original<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});

describe('createGate', () => {
  it('never runs more than its limit at once and runs everything', async () => {
    const gate = createGate(2);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gate(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          done.push(i);
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees its slot when a task throws', async () => {
    const gate = createGate(1);
    await expect(gate(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate(async () => 'next')).resolves.toBe('next');
  });
});

describe('createPasswordHasher', () => {
  it('verifies the right password and refuses a wrong one, a null hash and a malformed hash', async () => {
    const hasher = await createPasswordHasher(2);
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'wrong')).toBe(false);
    expect(await hasher.verify(null, 'calos-dummy-password-for-timing')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
  });
});

describe('a verification against no hash', () => {
  it('runs argon2 once, on a dummy argon2id hash, as a wrong password does', async () => {
    const hasher = await createPasswordHasher(2);
    const verify = vi.mocked(argon2.verify);
    verify.mockClear();
    expect(await hasher.verify(null, 'some guess')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(verify.mock.calls[0]![1]).toBe('some guess');
  });
});
