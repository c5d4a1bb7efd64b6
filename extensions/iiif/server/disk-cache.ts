// The derivative cache of one instance: files under a folder of its own, named by a hash (an
// identifier never becomes a path), bounded in bytes, the least recently used evicted first. The
// index lives in memory (a Map keeps insertion order: a hit moves its key to the end); at start it
// is rebuilt from the folder, oldest modification first. Writes go to a temporary name and are
// renamed into place, so a reader never sees half a file.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export interface DiskCache {
  /** The file's path and size when it is cached (and marks it used). */
  get(key: string): { file: string; size: number } | null;
  put(key: string, bytes: Buffer): Promise<void>;
  /** Bytes held now. */
  readonly bytes: number;
  readonly count: number;
  clear(): Promise<void>;
}

export function openDiskCache(dir: string, maxBytes: number): DiskCache {
  fs.mkdirSync(dir, { recursive: true });
  const index = new Map<string, number>();
  let total = 0;
  const found = fs
    .readdirSync(dir)
    .filter((name) => /^[0-9a-f]{64}$/.test(name))
    .map((name) => ({ name, stat: fs.statSync(path.join(dir, name)) }))
    .sort((a, b) => a.stat.mtimeMs - b.stat.mtimeMs);
  for (const { name, stat } of found) {
    index.set(name, stat.size);
    total += stat.size;
  }
  const fileOf = (key: string) => path.join(dir, key);

  function evict() {
    for (const [key, size] of index) {
      if (total <= maxBytes) break;
      index.delete(key);
      total -= size;
      fs.rm(fileOf(key), { force: true }, () => undefined);
    }
  }
  evict();

  return {
    get(key) {
      const size = index.get(key);
      if (size === undefined) return null;
      index.delete(key);
      index.set(key, size);
      return { file: fileOf(key), size };
    },
    async put(key, bytes) {
      if (index.has(key) || bytes.length > maxBytes) return;
      const temporary = path.join(dir, `.${randomUUID()}`);
      await fsp.writeFile(temporary, bytes);
      await fsp.rename(temporary, fileOf(key));
      if (index.has(key)) return;
      index.set(key, bytes.length);
      total += bytes.length;
      evict();
    },
    get bytes() {
      return total;
    },
    get count() {
      return index.size;
    },
    async clear() {
      for (const key of index.keys()) await fsp.rm(fileOf(key), { force: true });
      index.clear();
      total = 0;
    },
  };
}
