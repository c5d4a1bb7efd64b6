// Results: per entry, the AI panel's median per criterion with its disagreement (spread, MAD), the
// people's mean scores, pairwise wins and a challenge Elo (the pairwise results replayed in
// order); a suggested winner. The teacher picks the winner (once); the suggestion is only that.
import { conflict, DomainError, invalidField, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import { rateMatch, STARTING_RATING } from '../../../shared/elo';
import { isJudge, loadChallenge, requireTeacher, reward, viewChallenge, type Viewer } from './challenges';
import { viewEntries, type EntryRow } from './entries';
import { winnerPicked } from './events';

export const WIN_ACTION = 'win_challenge';

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function aggregate(values: number[]) {
  const m = median(values);
  if (m === null) return { median: null, spread: null, mad: null, n: 0 };
  return { median: m, spread: Math.max(...values) - Math.min(...values), mad: median(values.map((v) => Math.abs(v - m))), n: values.length };
}

const weighted = (rubric: Array<{ key: string; weight: number }>, value: (key: string) => number | null) => {
  let sum = 0;
  let weights = 0;
  for (const r of rubric) {
    const v = value(r.key);
    if (v === null) continue;
    sum += v * r.weight;
    weights += r.weight;
  }
  return weights ? Math.round((sum / weights) * 1000) / 1000 : null;
};

export async function results(kernel: Kernel, tx: Tx, viewer: Viewer, challengeId: string) {
  const c = await loadChallenge(tx, challengeId);
  if (!c.winner_entry_id && !(await isJudge(tx, viewer, c))) throw new DomainError('FORBIDDEN', 'Results are for the teacher and the judges until the winner is picked.');
  const entries = (await tx('challenges_entries').where({ challenge_id: c.id, status: 'done' }).orderBy([{ column: 'created_at' }, { column: 'id' }]).select('*')) as EntryRow[];
  const views = new Map((await viewEntries(kernel, tx, viewer, c, entries)).map((v) => [v.id, v]));
  const scores = (await tx('challenges_scores').where({ challenge_id: c.id }).select('entry_id', 'profile_id', 'status', 'scores')) as Array<{ entry_id: string; profile_id: string | null; status: string; scores: Record<string, number> }>;
  const pairs = (await tx('challenges_pairwise').where({ challenge_id: c.id }).orderBy([{ column: 'created_at' }, { column: 'id' }]).select('entry_low', 'entry_high', 'result')) as Array<{ entry_low: string; entry_high: string; result: 'low' | 'high' | 'tie' }>;
  const elo = new Map(entries.map((e) => [e.id, STARTING_RATING]));
  const record = new Map(entries.map((e) => [e.id, { wins: 0, losses: 0, ties: 0 }]));
  for (const p of pairs) {
    const lo = record.get(p.entry_low);
    const hi = record.get(p.entry_high);
    if (!lo || !hi) continue;
    if (p.result === 'tie') (lo.ties++, hi.ties++);
    else if (p.result === 'low') (lo.wins++, hi.losses++);
    else (hi.wins++, lo.losses++);
    const change = rateMatch(elo.get(p.entry_low)!, elo.get(p.entry_high)!, p.result === 'tie' ? 'draw' : p.result === 'low' ? 'a' : 'b');
    elo.set(p.entry_low, change.a.after);
    elo.set(p.entry_high, change.b.after);
  }
  const items = entries.map((e) => {
    const mine = scores.filter((s) => s.entry_id === e.id);
    const ai = mine.filter((s) => s.profile_id && s.status === 'done');
    const people = mine.filter((s) => !s.profile_id);
    const aiCriteria = Object.fromEntries(c.rubric.map((r) => [r.key, aggregate(ai.flatMap((s) => (typeof s.scores[r.key] === 'number' ? [s.scores[r.key]!] : [])))]));
    const peopleCriteria = Object.fromEntries(
      c.rubric.flatMap((r) => {
        const values = people.flatMap((s) => (typeof s.scores[r.key] === 'number' ? [s.scores[r.key]!] : []));
        return values.length ? [[r.key, Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000]] : [];
      }),
    ) as Record<string, number>;
    return {
      entryId: e.id,
      contestant: views.get(e.id)!.contestant,
      ai: { criteria: aiCriteria, total: weighted(c.rubric, (k) => aiCriteria[k]!.median), judged: ai.length, failed: mine.filter((s) => s.profile_id && s.status === 'failed').length },
      people: { criteria: peopleCriteria, total: weighted(c.rubric, (k) => peopleCriteria[k] ?? null), judged: people.length },
      pairwise: { ...record.get(e.id)!, elo: Math.round(elo.get(e.id)! * 10) / 10 },
    };
  });
  const best = (value: (i: (typeof items)[number]) => number | null) =>
    items.reduce<(typeof items)[number] | null>((top, i) => (value(i) !== null && (top === null || value(i)! > value(top)!) ? i : top), null);
  const suggestion = best((i) => i.ai.total) ?? best((i) => i.people.total) ?? (pairs.length ? best((i) => i.pairwise.elo) : null);
  return { items, suggestion: suggestion?.entryId ?? null, winnerEntryId: c.winner_entry_id };
}

export async function pickWinner(kernel: Kernel, tx: Tx, viewer: Viewer, challengeId: string, entryId: string) {
  const c = await loadChallenge(tx, challengeId, true);
  requireTeacher(viewer, c);
  if (c.winner_entry_id) throw conflict('WINNER_PICKED', 'The winner of this challenge is picked already.');
  const entry = (await tx('challenges_entries').where({ id: entryId, challenge_id: c.id, status: 'done' }).first('id', 'user_id', 'profile_id')) as Pick<EntryRow, 'id' | 'user_id' | 'profile_id'> | undefined;
  if (!entry) throw notFound('entry', 'Not a finished entry of this challenge.');
  // Picking oneself would pay `win_challenge` to the one who decides: the entry must be someone else's.
  if (entry.user_id === viewer.id) throw invalidField('entryId', 'you cannot pick your own entry as the winner');
  await tx('challenges_challenges').where({ id: c.id }).update({ winner_entry_id: entry.id, winner_picked_at: tx.fn.now() });
  if (entry.user_id) await reward(kernel, tx, entry.user_id, WIN_ACTION, { challengeId: c.id });
  await kernel.events.emit(tx, { event: winnerPicked, data: { challengeId: c.id, entryId: entry.id, userId: entry.user_id, profileId: entry.profile_id, pickedBy: viewer.id }, mode: 'live', userId: entry.user_id });
  return viewChallenge(kernel, tx, viewer, { ...c, winner_entry_id: entry.id });
}
