// Near-duplicate entries by embedding similarity: each finished entry is embedded (Ollama's
// embeddings, or the stub's hashed bag of words) and compared with the challenge's earlier
// entries. With pgvector in the database the nearest one is found by its cosine distance operator;
// without it (this project's PostgreSQL, PGlite), by an exact cosine scan here.
import type { JobDefinition, Kernel, Tx } from '../../../server/extensions/api';
import { challengesSettings } from '../settings';
import { embeddingProvider } from './providers/provider';

const hasVector = new WeakMap<Kernel, Promise<boolean>>();

/** Whether the database has the `vector` extension (asked once per kernel). */
export function vectorAvailable(kernel: Kernel): Promise<boolean> {
  let known = hasVector.get(kernel);
  if (!known) {
    known = kernel.db
      .raw(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS v`)
      .then((r: { rows: Array<{ v: boolean }> }) => Boolean(r.rows[0]?.v))
      .catch(() => false);
    hasVector.set(kernel, known);
  }
  return known;
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

interface Nearest {
  id: string;
  similarity: number;
}

async function nearestEarlier(useVector: boolean, tx: Tx, entry: { id: string; challenge_id: string; created_at: Date }, vector: number[]): Promise<Nearest | null> {
  const earlier = tx('challenges_entries')
    .where({ challenge_id: entry.challenge_id, status: 'done' })
    .whereNot({ id: entry.id })
    .whereNotNull('embedding')
    .whereRaw('(created_at, id) < (?, ?)', [entry.created_at, entry.id])
    .whereRaw('jsonb_array_length(embedding) = ?', [vector.length]);
  if (useVector) {
    const row = (await earlier
      .select('id', tx.raw('1 - ((embedding::text)::vector <=> ?::vector) AS similarity', [JSON.stringify(vector)]))
      .orderBy('similarity', 'desc')
      .first()) as { id: string; similarity: number } | undefined;
    return row ? { id: row.id, similarity: Number(row.similarity) } : null;
  }
  const rows = (await earlier.select('id', 'embedding')) as Array<{ id: string; embedding: number[] }>;
  let best: Nearest | null = null;
  for (const r of rows) {
    const similarity = cosine(vector, r.embedding);
    if (!best || similarity > best.similarity) best = { id: r.id, similarity };
  }
  return best;
}

/** Embeds a finished entry and flags it when an earlier entry is at least the threshold alike. */
export async function checkDuplicate(kernel: Kernel, entryId: string): Promise<void> {
  const settings = kernel.settings(challengesSettings);
  const entry = (await kernel.db('challenges_entries').where({ id: entryId, status: 'done' }).first('id', 'challenge_id', 'content', 'created_at')) as
    | { id: string; challenge_id: string; content: string; created_at: Date }
    | undefined;
  if (!entry) return;
  const vector = await embeddingProvider(settings).embed(entry.content, AbortSignal.timeout(settings.timeoutMs));
  // Asked before the transaction: on PGlite the one connection is the transaction's.
  const useVector = await vectorAvailable(kernel);
  await kernel.transaction(async (tx) => {
    const nearest = await nearestEarlier(useVector, tx, entry, vector);
    const duplicate = nearest && nearest.similarity >= settings.duplicateThreshold ? nearest.id : null;
    await tx('challenges_entries')
      .where({ id: entry.id })
      .update({ embedding: JSON.stringify(vector), similarity: nearest ? Math.round(nearest.similarity * 1e6) / 1e6 : null, duplicate_of: duplicate });
  });
}

export const embedJob: JobDefinition = {
  name: 'embed',
  async run(kernel, data) {
    const { entryId } = data as { entryId: string };
    try {
      await checkDuplicate(kernel, entryId);
    } catch (err) {
      kernel.log.warn({ err, entryId }, 'challenge entry embedding failed');
    }
  },
};
