// The derivative cache: bounded in bytes, least recently used first out, rebuilt from its folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDiskCache } from './disk-cache';

const key = (n: number) => String(n).padStart(64, '0');

describe('the disk cache', () => {
  it('keeps within its bound, evicting the least recently used, and reopens with what it kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calos-iiif-cache-'));
    const cache = openDiskCache(dir, 1000);
    await cache.put(key(1), Buffer.alloc(400, 1));
    await cache.put(key(2), Buffer.alloc(400, 2));
    expect(cache.get(key(1))?.size).toBe(400); // 1 is now the most recently used
    await cache.put(key(3), Buffer.alloc(400, 3)); // 1200 > 1000: 2 goes
    await new Promise((r) => setTimeout(r, 50));
    expect(cache.get(key(2))).toBeNull();
    expect(cache.bytes).toBe(800);
    expect(fs.existsSync(path.join(dir, key(2)))).toBe(false);
    expect(fs.readFileSync(cache.get(key(1))!.file)).toEqual(Buffer.alloc(400, 1));
    // Larger than the whole bound: not kept.
    await cache.put(key(4), Buffer.alloc(2000));
    expect(cache.get(key(4))).toBeNull();
    const reopened = openDiskCache(dir, 1000);
    expect(reopened.count).toBe(2);
    expect(reopened.get(key(3))?.size).toBe(400);
    // A smaller bound on reopening evicts down to it.
    expect(openDiskCache(dir, 500).bytes).toBe(400);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
