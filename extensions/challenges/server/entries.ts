// Entries: a person's submission, the models' generated answers (queued, re-queued and cancelled by
// the teacher), the list (blind: no contestant until the winner is picked, but for the teacher and
// the entrant) and the content itself, which only the sandboxed raw route serves.
import type { z } from 'zod';
import { conflict, DomainError, isUniqueViolation, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import type { submitEntryInput } from '../schemas';
import { isJudge, isTeacher, loadChallenge, requireTeacher, reward, statusOf, type ChallengeRow, type Viewer } from './challenges';
import { profilesById } from './profiles';

export const ENTER_ACTION = 'enter_challenge';

export interface EntryRow {
  id: string;
  challenge_id: string;
  profile_id: string | null;
  user_id: string | null;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  content: string;
  content_type: 'text/html' | 'text/plain';
  attempts: number;
  error: string | null;
  duplicate_of: string | null;
  similarity: number | null;
  created_at: Date;
  finished_at: Date | null;
}

export const contentUrl = (entryId: string) => `/api/ext/challenges/entries/${entryId}/content`;

export async function submitEntry(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof submitEntryInput>) {
  const c = await loadChallenge(tx, input.challengeId);
  if (statusOf(c) !== 'open') throw conflict('DEADLINE_PASSED', 'The deadline has passed: entries are closed.');
  let id: string;
  try {
    // A savepoint: a second entry by the same person fails alone, as a 409.
    const [row] = (await tx.transaction((sp) =>
      sp('challenges_entries')
        .insert({ challenge_id: c.id, user_id: viewer.id, status: 'done', content: input.content, content_type: input.contentType, finished_at: sp.fn.now() })
        .returning('id'),
    )) as Array<{ id: string }>;
    id = row!.id;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('ALREADY_ENTERED', 'You have entered this challenge already.');
    throw err;
  }
  await reward(kernel, tx, viewer.id, ENTER_ACTION, { challengeId: c.id });
  await kernel.jobs.send(tx, 'embed', { entryId: id });
  const row = (await tx('challenges_entries').where({ id }).first('*')) as EntryRow;
  return (await viewEntries(kernel, tx, viewer, c, [row]))[0]!;
}

/** Whether `viewer` may see this entry's content (and the list): judges always, others their own, everyone once closed. */
export async function maySee(tx: Tx, viewer: Viewer, c: ChallengeRow, entry: Pick<EntryRow, 'user_id'> | null) {
  if (c.winner_entry_id || (entry && entry.user_id === viewer.id)) return true;
  return isJudge(tx, viewer, c);
}

export async function listEntries(kernel: Kernel, tx: Tx, viewer: Viewer, challengeId: string) {
  const c = await loadChallenge(tx, challengeId);
  const rows = (await tx('challenges_entries').where({ challenge_id: c.id }).orderBy([{ column: 'created_at' }, { column: 'id' }]).select('*')) as EntryRow[];
  const visible = (await maySee(tx, viewer, c, null)) ? rows : rows.filter((r) => r.user_id === viewer.id);
  // A blind judge sees finished entries only, in the order of their random ids: a model's entry is
  // told from a person's neither by its status nor by its place in the list.
  const listed = revealedTo(viewer, c) ? visible : visible.filter((r) => r.status === 'done' || r.user_id === viewer.id).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { items: await viewEntries(kernel, tx, viewer, c, listed) };
}

/** Who made each entry is shown to the teacher (and administrators), and to everyone once the winner is picked. */
const revealedTo = (viewer: Viewer, c: ChallengeRow) => Boolean(c.winner_entry_id) || isTeacher(viewer, c);

export async function viewEntries(kernel: Kernel, tx: Tx, viewer: Viewer, c: ChallengeRow, rows: EntryRow[]) {
  const profiles = await profilesById(tx, rows.flatMap((r) => (r.profile_id ? [r.profile_id] : [])));
  const names = await kernel.users.names(tx, rows.flatMap((r) => (r.user_id ? [r.user_id] : [])));
  const revealed = (r: EntryRow) => revealedTo(viewer, c) || r.user_id === viewer.id;
  return rows.map((r) => ({
    id: r.id,
    challengeId: r.challenge_id,
    contestant: !revealed(r)
      ? null
      : r.profile_id
        ? { kind: 'model' as const, profileId: r.profile_id, name: profiles.get(r.profile_id)?.name ?? 'unknown', synthetic: profiles.get(r.profile_id)?.synthetic ?? false }
        : { kind: 'person' as const, userId: r.user_id!, username: names.get(r.user_id!) ?? 'unknown' },
    status: r.status,
    contentType: r.content_type,
    contentUrl: contentUrl(r.id),
    length: r.content.length,
    // What would tell a model's entry from a person's stays hidden while it is blind.
    attempts: revealed(r) ? r.attempts : null,
    error: revealed(r) ? r.error : null,
    duplicateOf: r.duplicate_of,
    similarity: r.similarity === null ? null : Number(r.similarity),
    createdAt: revealed(r) ? r.created_at : null,
    finishedAt: revealed(r) ? r.finished_at : null,
  }));
}

export async function entryContent(tx: Tx, viewer: Viewer, entryId: string) {
  const entry = (await tx('challenges_entries').where({ id: entryId }).first('challenge_id', 'user_id', 'content', 'content_type')) as Pick<EntryRow, 'challenge_id' | 'user_id' | 'content' | 'content_type'> | undefined;
  if (!entry) throw notFound('entry');
  const c = await loadChallenge(tx, entry.challenge_id);
  if (!(await maySee(tx, viewer, c, entry))) throw notFound('entry');
  return { content: entry.content, contentType: entry.content_type };
}

/** Queues generation again for the model entries that are not done or running (failed, cancelled). */
export async function requeue(kernel: Kernel, tx: Tx, viewer: Viewer, challengeId: string) {
  const c = await loadChallenge(tx, challengeId, true);
  requireTeacher(viewer, c);
  if (c.winner_entry_id) throw conflict('CLOSED', 'The winner is picked: the challenge is closed.');
  const rows = (await tx('challenges_entries')
    .where({ challenge_id: c.id })
    .whereNotNull('profile_id')
    .whereIn('status', ['failed', 'cancelled'])
    .update({ status: 'queued', error: null, attempts: 0, content: '', finished_at: null })
    .returning('id')) as Array<{ id: string }>;
  for (const r of rows) await kernel.jobs.send(tx, 'generate', { entryId: r.id });
  return { queued: rows.length };
}

/** Cancels the generation of every queued or running entry; a running job stops at its next chunk. */
export async function cancelGeneration(tx: Tx, viewer: Viewer, challengeId: string) {
  const c = await loadChallenge(tx, challengeId, true);
  requireTeacher(viewer, c);
  const n = await tx('challenges_entries')
    .where({ challenge_id: c.id })
    .whereIn('status', ['queued', 'running'])
    .update({ status: 'cancelled', error: 'cancelled by the teacher', finished_at: tx.fn.now() });
  return { cancelled: Number(n) };
}

/** The state of every entry, for the live stream (who may see the challenge's entries only). */
export async function progress(tx: Tx, viewer: Viewer, challengeId: string) {
  const c = await loadChallenge(tx, challengeId);
  // Judges do not follow it: the stream would name exactly the models' entries.
  if (!isTeacher(viewer, c)) throw new DomainError('FORBIDDEN', 'Only the teacher follows the generation.');
  const rows = (await tx('challenges_entries')
    .where({ challenge_id: c.id })
    .whereNotNull('profile_id')
    .orderBy('created_at')
    .select('id', 'status', 'attempts', 'error', tx.raw('length(content) as length'))) as Array<{ id: string; status: EntryRow['status']; attempts: number; error: string | null; length: number }>;
  return { items: rows.map((r) => ({ ...r, length: Number(r.length) })) };
}
