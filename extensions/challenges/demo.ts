// The demo's challenge: a finished one (deadline passed, winner picked) with four synthetic stub
// brands as contestants, the AI panel's scores, the synthetic players' blind pairwise judgments and
// rubric scores, so the challenge page, the results and the standings show something.
import { daysBefore, type DemoContext, type Kernel } from '../../server/extensions/api';
import { createChallenge } from './server/challenges';
import { judgePair, scoreEntry } from './server/judging';
import { judgePrompt } from './server/panel';
import { seedProfiles, type ProfileRow } from './server/profiles';
import { stubAnswer, stubEmbedding, stubScores } from './server/providers/stub';
import { pickWinner } from './server/results';

export const DEMO_TITLE = 'Demo: a landing page for example.com';

export async function seedDemoChallenges(kernel: Kernel, demo: DemoContext): Promise<Record<string, number>> {
  const tx = demo.trx;
  await seedProfiles(tx);
  const profiles = (await tx('challenges_profiles').where({ synthetic: true }).orderBy('slug').select('*')) as ProfileRow[];
  const contestants = profiles.slice(0, 4);
  const panel = profiles.slice(4, 7);
  const judges = demo.players.slice(0, 3);
  const teacher = { id: demo.demo.id, admin: false };
  const rubric = [
    { key: 'clarity', label: 'Clear message', weight: 2 },
    { key: 'craft', label: 'Working, tidy code', weight: 1 },
    { key: 'delight', label: 'Something to smile about', weight: 1 },
  ];
  const created = await createChallenge(kernel, tx, teacher.id, {
    title: DEMO_TITLE,
    prompt: 'Write a one-page landing page for example.com (HTML with inline CSS and JS): a headline, one line of copy and a button that does something.',
    rubric,
    deadline: daysBefore(demo.now, 1),
    contestants: [],
    panel: panel.map((p) => p.id),
    judges: judges.map((j) => j.id),
    subject: { type: 'domain', id: 'example.com', label: 'example.com' },
  });
  const challenge = (await tx('challenges_challenges').where({ id: created.id }).first('*')) as { id: string; prompt: string };
  const entryIds: string[] = [];
  for (const p of contestants) {
    const content = stubAnswer({ model: p.model, system: p.system_prompt, prompt: challenge.prompt, parameters: p.parameters });
    const [row] = (await tx('challenges_entries')
      .insert({ challenge_id: challenge.id, profile_id: p.id, status: 'done', content, attempts: 1, embedding: JSON.stringify(stubEmbedding(content)), finished_at: demo.now })
      .returning('id')) as Array<{ id: string }>;
    entryIds.push(row!.id);
  }
  let scores = 0;
  for (const [i, entryId] of entryIds.entries()) {
    const content = stubAnswer({ model: contestants[i]!.model, system: contestants[i]!.system_prompt, prompt: challenge.prompt, parameters: contestants[i]!.parameters });
    for (const judge of panel) {
      const answer = JSON.parse(stubScores({ model: judge.model, system: judge.system_prompt, prompt: judgePrompt({ prompt: challenge.prompt, rubric }, content), parameters: judge.parameters })) as { scores: Record<string, number>; comment: string };
      await tx('challenges_scores').insert({ challenge_id: challenge.id, entry_id: entryId, profile_id: judge.id, status: 'done', scores: JSON.stringify(answer.scores), comment: answer.comment });
      scores++;
    }
  }
  const random = demo.random('challenges');
  let judgments = 0;
  for (const judge of judges) {
    const viewer = { id: judge.id, admin: false };
    for (let a = 0; a < entryIds.length; a++) {
      for (let b = a + 1; b < entryIds.length; b++) {
        // The earlier brands are liked a little more: the standings have an order.
        const winner = random.chance(0.15) ? 'tie' : random.chance(0.6) ? 'a' : 'b';
        await judgePair(kernel, tx, viewer, { challengeId: challenge.id, entryA: entryIds[a]!, entryB: entryIds[b]!, winner });
        judgments++;
      }
    }
    await scoreEntry(kernel, tx, viewer, { challengeId: challenge.id, entryId: entryIds[0]!, scores: { clarity: random.int(5, 10), craft: random.int(4, 9), delight: random.int(3, 9) }, comment: '' });
    judgments++;
  }
  await pickWinner(kernel, tx, teacher, challenge.id, entryIds[0]!);
  return { challenges: 1, entries: entryIds.length, judgments, aiScores: scores };
}
