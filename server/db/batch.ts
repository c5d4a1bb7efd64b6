// Lookups by key that arrive in the same turn of the event loop share one query (the "DataLoader"
// pattern). Under load, many requests are read from their sockets in one turn; each would otherwise
// pay a round trip of its own to the database (a write, a wake-up of a PostgreSQL backend, a parse
// of the answer), which costs far more than one more row in a query that is sent anyway.
//
// Freshness is what a query per lookup gives: a lookup joins the batch that has not been sent yet,
// never one already on its way, so the query that answers it starts after the lookup was made and
// sees everything committed before then.

export interface BatchedLookup<Row> {
  /** The row for `key`, or undefined when the query returns none for it. */
  load(key: string): Promise<Row | undefined>;
}

interface Waiter<Row> {
  resolve(row: Row | undefined): void;
  reject(err: unknown): void;
}

/**
 * `run` receives distinct keys (at most `maxBatch` of them) and returns the rows found, in any
 * order; `keyOf` tells which key a row answers. A failed query fails every lookup of its batch.
 */
export function batchedLookup<Row>(
  run: (keys: string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
  maxBatch = 100,
): BatchedLookup<Row> {
  let pending: Map<string, Waiter<Row>[]> | undefined;

  const send = (batch: Map<string, Waiter<Row>[]>) => {
    // Whatever fails (the query, or reading its rows) fails this batch's lookups, and only them.
    let query: Promise<Row[]>;
    try {
      query = run([...batch.keys()]);
    } catch (err) {
      query = Promise.reject(err);
    }
    query
      .then((rows) => {
        const found = new Map<string, Row>();
        for (const row of rows) found.set(keyOf(row), row);
        return found;
      })
      .then(
        (found) => {
          for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
        },
        (err: unknown) => {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
        },
      );
  };
  const flush = (batch: Map<string, Waiter<Row>[]>) => {
    if (pending !== batch) return; // already sent because it was full
    pending = undefined;
    send(batch);
  };

  return {
    load(key) {
      return new Promise<Row | undefined>((resolve, reject) => {
        let batch = pending;
        if (!batch) {
          const created = new Map<string, Waiter<Row>[]>();
          batch = pending = created;
          // setImmediate runs after the I/O callbacks of this turn: every request read in it is in.
          setImmediate(() => flush(created));
        }
        const waiters = batch.get(key);
        if (waiters) waiters.push({ resolve, reject });
        else batch.set(key, [{ resolve, reject }]);
        if (batch.size >= maxBatch) flush(batch);
      });
    },
  };
}
