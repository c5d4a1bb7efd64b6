// Code challenges: a teacher's prompt and rubric, AI contestants (model profiles on the stub or an
// Ollama server) generating in the background with a live stream, people's entries, blind
// pairwise and rubric judging, an AI panel with its disagreement, Elo standings, near-duplicate
// flags and the teacher's pick of the winner. Entries are only ever shown sandboxed.
import { defineExtension } from '../../server/extensions/api';
import { challengesRouter } from './server/router';
import { challengesHttp } from './server/http';
import { entryGenerated, winnerPicked } from './server/events';
import { generateJob } from './server/generation';
import { judgeJob } from './server/panel';
import { embedJob } from './server/duplicates';
import { seedProfiles } from './server/profiles';
import { challengesActions } from './actions';
import { challengesSettings } from './settings';
import { DEMO_TITLE, seedDemoChallenges } from './demo';
import * as createChallenges from './migrations/challenges_20261209001001_challenges';

export default function challenges() {
  return defineExtension({
    id: 'challenges',
    version: '1.0.0',
    description: 'Code challenges: AI contestants (stub or Ollama) and people, blind pairwise and rubric judging, an AI panel, Elo standings and the teacher\'s pick of the winner.',
    settings: challengesSettings,
    migrations: { challenges_20261209001001_challenges: createChallenges },
    router: challengesRouter,
    http: challengesHttp,
    actions: challengesActions,
    events: [entryGenerated, winnerPicked],
    jobs: [generateJob, judgeJob, embedJob],
    async seed(kernel) {
      await seedProfiles(kernel.db);
    },
    async demo(kernel, demo) {
      return seedDemoChallenges(kernel, demo);
    },
    async demoNotes(kernel) {
      const row = (await kernel.db('challenges_challenges').where({ title: DEMO_TITLE }).first('id')) as { id: string } | undefined;
      return row ? [`challenges      /challenges/${row.id} (a finished code challenge, stub contestants)`] : [];
    },
  });
}
