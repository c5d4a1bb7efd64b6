// "Which name is better?": a random pair of names the user has not judged yet (none of their own,
// none archived), one judgment per user and pair (a unique key; a skip counts as judged and moves no
// rating). A judgment moves both names' Elo (shared/elo.ts, K 32) with both rows locked in id order,
// so parallel judgments of a pair by different users each apply to the latest ratings; each change
// is kept in the history.
import type { z } from 'zod';
import { DomainError, invalidField, newestFirstPage, type Kernel, type Tx } from '../../../server/extensions/api';
import { rateMatch } from '../../../shared/elo';
import type * as s from '../schemas';
import { findRow, present, type DomainRow, type Viewer } from './portfolio';

export async function nextPair(kernel: Kernel, tx: Tx, viewer: Viewer): Promise<z.output<typeof s.pairOutput>> {
  // A random sample of at most 200 names, then a random pair of them the user has not judged.
  const { rows } = (await tx.raw(
    `WITH pool AS (
       SELECT id FROM domains_domains WHERE owner_id <> ? AND status <> 'archived' ORDER BY random() LIMIT 200
     )
     SELECT a.id AS low, b.id AS high FROM pool a JOIN pool b ON a.id < b.id
     WHERE NOT EXISTS (SELECT 1 FROM domains_comparisons c WHERE c.user_id = ? AND c.domain_low = a.id AND c.domain_high = b.id)
     ORDER BY random() LIMIT 1`,
    [viewer.userId, viewer.userId],
  )) as { rows: Array<{ low: string; high: string }> };
  const pair = rows[0];
  if (!pair) return { pair: null };
  const found = (await tx('domains_domains').whereIn('id', [pair.low, pair.high]).select('*')) as DomainRow[];
  const shown = await present(kernel, tx, viewer, Math.random() < 0.5 ? found : found.reverse());
  return { pair: [shown[0]!, shown[1]!] };
}

export async function compare(tx: Tx, viewer: Viewer, input: z.output<typeof s.compareInput>): Promise<z.output<typeof s.comparisonOutput>> {
  if (input.domainA === input.domainB) throw invalidField('domainB', 'compare two different domains');
  const [low, high] = input.domainA < input.domainB ? [input.domainA, input.domainB] : [input.domainB, input.domainA];
  // Locked in id order: two judgments of one pair never wait on each other crosswise.
  const lowRow = await findRow(tx, low, true);
  const highRow = await findRow(tx, high, true);
  if (lowRow.owner_id === viewer.userId || highRow.owner_id === viewer.userId) throw invalidField(lowRow.owner_id === viewer.userId ? (low === input.domainA ? 'domainA' : 'domainB') : high === input.domainA ? 'domainA' : 'domainB', 'you cannot judge your own domain');
  const a = input.domainA === low ? lowRow : highRow;
  const b = input.domainA === low ? highRow : lowRow;
  // Archived names are out of the comparisons (the pair and the leaderboard leave them out too).
  for (const [row, field] of [[a, 'domainA'], [b, 'domainB']] as const) if (row.status === 'archived') throw invalidField(field, 'archived names are not compared');
  const winnerId = input.winner === 'a' ? a.id : input.winner === 'b' ? b.id : null;
  const [comparison] = (await tx('domains_comparisons')
    .insert({ user_id: viewer.userId, domain_low: low, domain_high: high, winner_id: winnerId })
    .onConflict(['user_id', 'domain_low', 'domain_high'])
    .ignore()
    .returning(['id', 'created_at'])) as Array<{ id: string; created_at: Date }>;
  if (!comparison) throw new DomainError('CONFLICT', 'You compared these two domains already.', { reason: 'ALREADY_COMPARED' });
  const eloA = Number(a.elo);
  const eloB = Number(b.elo);
  if (input.winner === 'skip') {
    return { id: comparison.id, domainA: a.id, domainB: b.id, winner: 'skip', eloA: { before: eloA, after: eloA }, eloB: { before: eloB, after: eloB }, createdAt: comparison.created_at };
  }
  const change = rateMatch(eloA, eloB, input.winner);
  for (const [row, side, other, won] of [
    [a, change.a, b, input.winner === 'a'],
    [b, change.b, a, input.winner === 'b'],
  ] as const) {
    await tx('domains_domains').where({ id: row.id }).update({ elo: side.after, comparisons: tx.raw('comparisons + 1') });
    await tx('domains_elo_history').insert({ domain_id: row.id, comparison_id: comparison.id, opponent_id: other.id, won, before: side.before, after: side.after, created_at: comparison.created_at });
  }
  return { id: comparison.id, domainA: a.id, domainB: b.id, winner: input.winner, eloA: change.a, eloB: change.b, createdAt: comparison.created_at };
}

interface HistoryRow {
  id: string;
  comparison_id: string;
  opponent_id: string;
  won: boolean;
  before: number;
  after: number;
  created_at: Date;
}

export async function eloHistory(tx: Tx, input: z.output<typeof s.historyInput>): Promise<z.output<typeof s.historyOutput>> {
  await findRow(tx, input.domainId);
  const { rows, nextCursor } = await newestFirstPage<HistoryRow>(tx('domains_elo_history').where({ domain_id: input.domainId }).select('*'), input);
  return {
    items: rows.map((r) => ({ id: r.id, comparisonId: r.comparison_id, opponentId: r.opponent_id, result: r.won ? ('win' as const) : ('loss' as const), before: Number(r.before), after: Number(r.after), createdAt: r.created_at })),
    nextCursor,
  };
}
