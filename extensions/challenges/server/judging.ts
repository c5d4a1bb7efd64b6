// People's judgments: blind pairwise comparisons (two anonymous entries, A or B or a tie; once per
// judge and pair) and rubric scores (once per judge and entry), both held by unique indexes, so
// parallel requests by one judge count once. Each pairwise result moves the two entrants' Elo
// (shared/elo.ts); each judgment executes `judge_entry` for the judge.
import type { z } from 'zod';
import { conflict, DomainError, invalidField, isUniqueViolation, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import { rateMatch, STARTING_RATING, type MatchResult } from '../../../shared/elo';
import type { judgePairInput, scoreInput } from '../schemas';
import { isJudge, loadChallenge, reward, type ChallengeRow, type Viewer } from './challenges';
import { contentUrl, type EntryRow } from './entries';

export const JUDGE_ACTION = 'judge_entry';

const fnv = (s: string) => {
  let h = 0x811c9dc5;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
};

async function requireJudge(tx: Tx, viewer: Viewer, c: ChallengeRow) {
  if (!(await isJudge(tx, viewer, c))) throw new DomainError('FORBIDDEN', 'Only the teacher and invited judges judge this challenge.');
  if (c.winner_entry_id) throw conflict('CLOSED', 'The winner is picked: judging is over.');
}

type Judgeable = Pick<EntryRow, 'id' | 'profile_id' | 'user_id' | 'content_type'>;

async function judgeableEntries(tx: Tx, viewer: Viewer, challengeId: string): Promise<Judgeable[]> {
  // A judge who entered does not judge their own entry.
  return (await tx('challenges_entries')
    .where({ challenge_id: challengeId, status: 'done' })
    .where((q) => q.whereNull('user_id').orWhereNot({ user_id: viewer.id }))
    .orderBy('id')
    .select('id', 'profile_id', 'user_id', 'content_type')) as Judgeable[];
}

/** The next pair for this judge: one not compared yet, picked and ordered by a hash of judge and pair. */
export async function nextPair(tx: Tx, viewer: Viewer, challengeId: string) {
  const c = await loadChallenge(tx, challengeId);
  await requireJudge(tx, viewer, c);
  const entries = await judgeableEntries(tx, viewer, c.id);
  const done = new Set(((await tx('challenges_pairwise').where({ challenge_id: c.id, judge_id: viewer.id }).select('entry_low', 'entry_high')) as Array<{ entry_low: string; entry_high: string }>).map((p) => `${p.entry_low}|${p.entry_high}`));
  let best: { low: Judgeable; high: Judgeable; h: number } | null = null;
  let remaining = 0;
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const key = `${entries[i]!.id}|${entries[j]!.id}`;
      if (done.has(key)) continue;
      remaining++;
      const h = fnv(`${viewer.id}|${key}`);
      if (!best || h < best.h) best = { low: entries[i]!, high: entries[j]!, h };
    }
  }
  const anon = (e: Judgeable) => ({ entryId: e.id, contentUrl: contentUrl(e.id), contentType: e.content_type });
  const pair = best ? (best.h & 1 ? { a: anon(best.high), b: anon(best.low) } : { a: anon(best.low), b: anon(best.high) }) : null;
  return { pair, judged: done.size, remaining };
}

export const entrantOf = (e: Pick<EntryRow, 'profile_id' | 'user_id'>) => (e.profile_id ? `model:${e.profile_id}` : `user:${e.user_id}`);

/** Moves two entrants' ratings by one result, their rows locked in a fixed order (no deadlock). */
async function rate(tx: Tx, a: string, b: string, result: MatchResult) {
  await tx('challenges_ratings').insert([a, b].map((entrant) => ({ entrant, rating: STARTING_RATING }))).onConflict('entrant').ignore();
  const rows = (await tx('challenges_ratings').whereIn('entrant', [a, b]).orderBy('entrant').forUpdate().select('entrant', 'rating')) as Array<{ entrant: string; rating: number }>;
  const rating = new Map(rows.map((r) => [r.entrant, Number(r.rating)]));
  const change = rateMatch(rating.get(a)!, rating.get(b)!, result);
  for (const [entrant, after] of [[a, change.a.after], [b, change.b.after]] as const) {
    await tx('challenges_ratings').where({ entrant }).update({ rating: after, games: tx.raw('games + 1'), updated_at: tx.fn.now() });
  }
}

export async function judgePair(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof judgePairInput>) {
  const c = await loadChallenge(tx, input.challengeId);
  await requireJudge(tx, viewer, c);
  if (input.entryA === input.entryB) throw invalidField('entryB', 'must differ from entryA');
  const entries = await judgeableEntries(tx, viewer, c.id);
  const a = entries.find((e) => e.id === input.entryA);
  const b = entries.find((e) => e.id === input.entryB);
  if (!a) throw notFound('entry', 'entryA is not a finished entry of this challenge you may judge.');
  if (!b) throw notFound('entry', 'entryB is not a finished entry of this challenge you may judge.');
  const [low, high] = a.id < b.id ? [a, b] : [b, a];
  const winner = input.winner === 'tie' ? null : input.winner === 'a' ? a : b;
  const result = winner === null ? 'tie' : winner === low ? 'low' : 'high';
  let row: { id: string; challenge_id: string; created_at: Date } | undefined;
  try {
    [row] = (await tx.transaction((sp) => sp('challenges_pairwise').insert({ challenge_id: c.id, judge_id: viewer.id, entry_low: low.id, entry_high: high.id, result }).returning(['id', 'challenge_id', 'created_at']))) as Array<NonNullable<typeof row>>;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('ALREADY_JUDGED', 'You have compared these two entries already.');
    throw err;
  }
  await rate(tx, entrantOf(low), entrantOf(high), result === 'tie' ? 'draw' : result === 'low' ? 'a' : 'b');
  await reward(kernel, tx, viewer.id, JUDGE_ACTION, { challengeId: c.id, kind: 'pairwise' });
  return { id: row!.id, challengeId: row!.challenge_id, createdAt: row!.created_at };
}

export async function scoreEntry(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof scoreInput>) {
  const c = await loadChallenge(tx, input.challengeId);
  await requireJudge(tx, viewer, c);
  const entry = (await judgeableEntries(tx, viewer, c.id)).find((e) => e.id === input.entryId);
  if (!entry) throw notFound('entry', 'Not a finished entry of this challenge you may judge.');
  for (const k of c.rubric.map((r) => r.key)) if (input.scores[k] === undefined) throw invalidField(`scores.${k}`, 'a score 0–10 is required for every criterion');
  for (const k of Object.keys(input.scores)) if (!c.rubric.some((r) => r.key === k)) throw invalidField(`scores.${k}`, 'not a criterion of this challenge');
  let row: { id: string; challenge_id: string; created_at: Date } | undefined;
  try {
    [row] = (await tx.transaction((sp) =>
      sp('challenges_scores').insert({ challenge_id: c.id, entry_id: entry.id, judge_id: viewer.id, status: 'done', scores: JSON.stringify(input.scores), comment: input.comment }).returning(['id', 'challenge_id', 'created_at']),
    )) as Array<NonNullable<typeof row>>;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('ALREADY_SCORED', 'You have scored this entry already.');
    throw err;
  }
  await reward(kernel, tx, viewer.id, JUDGE_ACTION, { challengeId: c.id, kind: 'rubric' });
  return { id: row!.id, challengeId: row!.challenge_id, createdAt: row!.created_at };
}

export async function standings(kernel: Kernel, tx: Tx, limit: number) {
  const rows = (await tx('challenges_ratings').orderBy([{ column: 'rating', order: 'desc' }, { column: 'entrant' }]).limit(limit).select('entrant', 'rating', 'games')) as Array<{ entrant: string; rating: number; games: number }>;
  const modelIds = rows.filter((r) => r.entrant.startsWith('model:')).map((r) => r.entrant.slice(6));
  const userIds = rows.filter((r) => r.entrant.startsWith('user:')).map((r) => r.entrant.slice(5));
  const models = new Map(((await tx('challenges_profiles').whereIn('id', modelIds).select('id', 'name')) as Array<{ id: string; name: string }>).map((p) => [p.id, p.name]));
  const users = await kernel.users.names(tx, userIds);
  return {
    items: rows.map((r) => {
      const model = r.entrant.startsWith('model:');
      const id = r.entrant.slice(model ? 6 : 5);
      return { entrant: r.entrant, kind: model ? ('model' as const) : ('person' as const), name: (model ? models.get(id) : users.get(id)) ?? 'unknown', rating: Number(r.rating), games: r.games };
    }),
  };
}
