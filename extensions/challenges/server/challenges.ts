// Challenges: create one (its contestants' entries are queued for generation at once), list them
// (by subject too), show one, invite judges. The creator is the teacher; an administrator may act
// as the teacher of any challenge.
import type { z } from 'zod';
import { DomainError, invalidField, LIVE_SCOPE, newestFirstPage, notFound, type Kernel, type Tx } from '../../../server/extensions/api';
import type { ChallengeOutput, challengesInput, createChallengeInput } from '../schemas';
import { profilesById } from './profiles';

export interface Viewer {
  id: string;
  admin: boolean;
}

export interface ChallengeRow {
  id: string;
  creator_id: string;
  title: string;
  prompt: string;
  rubric: Array<{ key: string; label: string; weight: number }>;
  deadline: Date;
  panel: string[];
  subject_type: string | null;
  subject_id: string | null;
  subject_label: string | null;
  winner_entry_id: string | null;
  created_at: Date;
}

export const isTeacher = (viewer: Viewer, c: Pick<ChallengeRow, 'creator_id'>) => viewer.admin || c.creator_id === viewer.id;

export async function loadChallenge(tx: Tx, challengeId: string, lock = false): Promise<ChallengeRow> {
  const q = tx('challenges_challenges').where({ id: challengeId }).first('*');
  const row = (await (lock ? q.forUpdate() : q)) as ChallengeRow | undefined;
  if (!row) throw notFound('challenge');
  return row;
}

export async function isJudge(tx: Tx, viewer: Viewer, c: ChallengeRow): Promise<boolean> {
  if (isTeacher(viewer, c)) return true;
  return Boolean(await tx('challenges_judges').where({ challenge_id: c.id, user_id: viewer.id }).first('user_id'));
}

export const requireTeacher = (viewer: Viewer, c: ChallengeRow) => {
  if (!isTeacher(viewer, c)) throw new DomainError('FORBIDDEN', 'Only the challenge\'s creator (or an administrator) may do this.');
};

export const statusOf = (c: ChallengeRow, now = new Date()) => (c.winner_entry_id ? 'closed' : c.deadline.getTime() > now.getTime() ? 'open' : 'judging');

export async function createChallenge(kernel: Kernel, tx: Tx, userId: string, input: z.output<typeof createChallengeInput>) {
  const profiles = await profilesById(tx, [...input.contestants, ...input.panel]);
  input.contestants.forEach((id, i) => {
    if (!profiles.has(id)) throw invalidField(`contestants.${i}`, 'no such model profile');
  });
  input.panel.forEach((id, i) => {
    if (!profiles.has(id)) throw invalidField(`panel.${i}`, 'no such model profile');
  });
  const names = await kernel.users.names(tx, input.judges);
  input.judges.forEach((id, i) => {
    if (!names.has(id)) throw invalidField(`judges.${i}`, 'no such user');
  });
  const [row] = (await tx('challenges_challenges')
    .insert({
      creator_id: userId,
      title: input.title,
      prompt: input.prompt,
      rubric: JSON.stringify(input.rubric),
      deadline: input.deadline,
      panel: JSON.stringify(input.panel),
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject?.id ?? null,
      subject_label: input.subject?.label ?? null,
    })
    .returning('*')) as ChallengeRow[];
  if (input.judges.length) await tx('challenges_judges').insert(input.judges.map((user_id) => ({ challenge_id: row!.id, user_id })));
  for (const profileId of input.contestants) {
    const [entry] = (await tx('challenges_entries').insert({ challenge_id: row!.id, profile_id: profileId, status: 'queued' }).returning('id')) as Array<{ id: string }>;
    await kernel.jobs.send(tx, 'generate', { entryId: entry!.id });
  }
  return viewChallenge(kernel, tx, { id: userId, admin: false }, row!);
}

export async function inviteJudges(kernel: Kernel, tx: Tx, viewer: Viewer, challengeId: string, userIds: string[]) {
  const c = await loadChallenge(tx, challengeId);
  requireTeacher(viewer, c);
  const names = await kernel.users.names(tx, userIds);
  userIds.forEach((id, i) => {
    if (!names.has(id)) throw invalidField(`userIds.${i}`, 'no such user');
  });
  await tx('challenges_judges').insert(userIds.map((user_id) => ({ challenge_id: c.id, user_id }))).onConflict(['challenge_id', 'user_id']).ignore();
  return viewChallenge(kernel, tx, viewer, c);
}

export async function listChallenges(kernel: Kernel, tx: Tx, viewer: Viewer, input: z.output<typeof challengesInput>) {
  const q = tx('challenges_challenges').select('*');
  if (input.subjectType) q.where({ subject_type: input.subjectType });
  if (input.subjectId) q.where({ subject_id: input.subjectId });
  if (input.mine) q.where({ creator_id: viewer.id });
  const { rows, nextCursor } = await newestFirstPage<ChallengeRow>(q, input);
  const items: ChallengeOutput[] = [];
  for (const row of rows) items.push(await viewChallenge(kernel, tx, viewer, row));
  return { items, nextCursor };
}

export async function getChallenge(kernel: Kernel, tx: Tx, viewer: Viewer, challengeId: string) {
  return viewChallenge(kernel, tx, viewer, await loadChallenge(tx, challengeId));
}

export async function viewChallenge(kernel: Kernel, tx: Tx, viewer: Viewer, c: ChallengeRow): Promise<ChallengeOutput> {
  const entries = (await tx('challenges_entries').where({ challenge_id: c.id }).select('id', 'profile_id', 'user_id', 'status')) as Array<{ id: string; profile_id: string | null; user_id: string | null; status: string }>;
  const profiles = await profilesById(tx, [...entries.flatMap((e) => (e.profile_id ? [e.profile_id] : [])), ...c.panel]);
  const ref = (id: string) => {
    const p = profiles.get(id);
    return { id, name: p?.name ?? 'unknown', synthetic: p?.synthetic ?? false };
  };
  const judgeIds = ((await tx('challenges_judges').where({ challenge_id: c.id }).orderBy('created_at').select('user_id')) as Array<{ user_id: string }>).map((j) => j.user_id);
  const names = await kernel.users.names(tx, judgeIds);
  const count = (...statuses: string[]) => entries.filter((e) => statuses.includes(e.status)).length;
  return {
    id: c.id,
    creatorId: c.creator_id,
    title: c.title,
    prompt: c.prompt,
    rubric: c.rubric,
    deadline: c.deadline,
    status: statusOf(c),
    subject: c.subject_type ? { type: c.subject_type, id: c.subject_id!, label: c.subject_label! } : null,
    contestants: entries.flatMap((e) => (e.profile_id ? [ref(e.profile_id)] : [])),
    panel: c.panel.map(ref),
    judges: judgeIds.map((userId) => ({ userId, username: names.get(userId) ?? 'unknown' })),
    entries: { total: entries.length, done: count('done'), pending: count('queued', 'running'), failed: count('failed', 'cancelled') },
    winnerEntryId: c.winner_entry_id,
    viewer: { teacher: isTeacher(viewer, c), judge: judgeIds.includes(viewer.id) || isTeacher(viewer, c), entryId: entries.find((e) => e.user_id === viewer.id)?.id ?? null },
    createdAt: c.created_at,
  };
}

/** Awards an action's XP for a user, live; a refusal (daily limit) leaves the caller's change standing. */
export async function reward(kernel: Kernel, tx: Tx, userId: string, actionCode: string, params: Record<string, unknown>) {
  const outcome = await kernel.actions.tryExecute(tx, { scope: LIVE_SCOPE, userId, actionCode, params, system: true });
  return 'executed' in outcome;
}
