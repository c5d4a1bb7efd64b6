// The batching of lookups: one query per turn of the event loop, never an answer older than the
// lookup, failures kept to their own batch.
import { describe, expect, it } from 'vitest';
import { batchedLookup } from './batch';

interface Row {
  id: string;
  n: number;
}

/** A lookup whose queries are recorded and answered when the test says so. */
function recorder() {
  const queries: { keys: string[]; answer(rows: Row[]): void; fail(err: Error): void }[] = [];
  const lookup = batchedLookup<Row>(
    (keys) =>
      new Promise<Row[]>((resolve, reject) => {
        queries.push({ keys, answer: resolve, fail: reject });
      }),
    (row) => row.id,
    3,
  );
  return { lookup, queries };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('batchedLookup', () => {
  it('sends the lookups of one turn as one query of distinct keys and answers each', async () => {
    const { lookup, queries } = recorder();
    const answers = Promise.all([lookup.load('a'), lookup.load('b'), lookup.load('a')]);
    expect(queries).toHaveLength(0); // nothing is sent before the turn ends
    await turn();
    expect(queries.map((q) => q.keys)).toEqual([['a', 'b']]);
    queries[0]!.answer([{ id: 'b', n: 2 }]);
    expect(await answers).toEqual([undefined, { id: 'b', n: 2 }, undefined]);
  });

  it('never answers a lookup with a query that was sent before it', async () => {
    const { lookup, queries } = recorder();
    const first = lookup.load('a');
    await turn();
    expect(queries).toHaveLength(1);
    const second = lookup.load('a'); // the first query is on its way: this one needs its own
    await turn();
    expect(queries).toHaveLength(2);
    queries[0]!.answer([{ id: 'a', n: 1 }]);
    queries[1]!.answer([]); // revoked in between
    expect(await first).toEqual({ id: 'a', n: 1 });
    expect(await second).toBeUndefined();
  });

  it('sends a full batch at once and starts the next', async () => {
    const { lookup, queries } = recorder();
    const answers = Promise.all(['a', 'b', 'c', 'd'].map((k) => lookup.load(k)));
    expect(queries.map((q) => q.keys)).toEqual([['a', 'b', 'c']]);
    await turn();
    expect(queries.map((q) => q.keys)).toEqual([['a', 'b', 'c'], ['d']]);
    queries[0]!.answer([{ id: 'c', n: 3 }]);
    queries[1]!.answer([{ id: 'd', n: 4 }]);
    expect((await answers).map((r) => r?.n)).toEqual([undefined, undefined, 3, 4]);
  });

  it('fails every lookup of a failed query, and only those', async () => {
    const { lookup, queries } = recorder();
    const doomed = [lookup.load('a'), lookup.load('b')];
    await turn();
    const later = lookup.load('a');
    await turn();
    queries[0]!.fail(new Error('connection lost'));
    queries[1]!.answer([{ id: 'a', n: 1 }]);
    for (const p of doomed) await expect(p).rejects.toThrow('connection lost');
    expect(await later).toEqual({ id: 'a', n: 1 });
  });

  it('fails its lookups, not the process, when the query throws or a row cannot be read', async () => {
    const throwing = batchedLookup<Row>(
      () => {
        throw new Error('no connection');
      },
      (row) => row.id,
    );
    await expect(throwing.load('a')).rejects.toThrow('no connection');
    const unreadable = batchedLookup<Row>(
      async () => [{ id: 'a', n: 1 }],
      () => {
        throw new Error('bad row');
      },
    );
    await expect(Promise.all([unreadable.load('a'), unreadable.load('b')])).rejects.toThrow('bad row');
  });
});
