// Generation (queue ext-challenges-generate): one job per model contestant. Each attempt streams
// the model's answer into the entry (the page's live stream reads it), within the per-attempt
// timeout; a failed attempt is retried up to CALOS_CHALLENGES_ATTEMPTS; the teacher's cancel stops
// it at its next chunk (or within a quarter second while the model is silent).
import type { JobDefinition, Kernel } from '../../../server/extensions/api';
import { challengesSettings } from '../settings';
import { checkDuplicate } from './duplicates';
import { entryGenerated } from './events';
import type { ProfileRow } from './profiles';
import { providerFor } from './providers/provider';

const FLUSH_MS = 150;
const WATCH_MS = 250;

class Cancelled extends Error {}

async function finish(kernel: Kernel, entry: { id: string; challenge_id: string; profile_id: string }, status: 'done' | 'failed', fields: { content?: string; error?: string | null; attempts: number }) {
  await kernel.transaction(async (tx) => {
    const n = await tx('challenges_entries')
      .where({ id: entry.id, status: 'running' })
      .update({ status, ...(fields.content !== undefined ? { content: fields.content } : {}), error: fields.error ?? null, attempts: fields.attempts, finished_at: tx.fn.now() });
    if (!n) return; // cancelled meanwhile
    const length = fields.content?.length ?? 0;
    await kernel.events.emit(tx, { event: entryGenerated, data: { challengeId: entry.challenge_id, entryId: entry.id, profileId: entry.profile_id, status, attempts: fields.attempts, length }, mode: 'live' });
  });
}

export async function generateEntry(kernel: Kernel, entryId: string): Promise<void> {
  const settings = kernel.settings(challengesSettings);
  const [claimed] = (await kernel.db('challenges_entries').where({ id: entryId, status: 'queued' }).update({ status: 'running' }).returning(['id', 'challenge_id', 'profile_id'])) as Array<{ id: string; challenge_id: string; profile_id: string }>;
  if (!claimed) return; // cancelled, or run already
  const profile = (await kernel.db('challenges_profiles').where({ id: claimed.profile_id }).first('*')) as ProfileRow;
  const challenge = (await kernel.db('challenges_challenges').where({ id: claimed.challenge_id }).first('prompt')) as { prompt: string };
  let provider;
  try {
    provider = providerFor(profile.provider, settings);
  } catch (err) {
    return finish(kernel, claimed, 'failed', { error: (err as Error).message, attempts: 0 });
  }
  let lastError = '';
  for (let attempt = 1; attempt <= settings.attempts; attempt++) {
    const live = await kernel.db('challenges_entries').where({ id: entryId, status: 'running' }).update({ attempts: attempt, content: '', error: lastError || null });
    if (!live) return;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new Error(`timed out after ${settings.timeoutMs} ms`)), settings.timeoutMs);
    let text = '';
    let flushed = 0;
    let lastFlush = Date.now();
    let writing: Promise<void> = Promise.resolve();
    const write = async () => {
      flushed = text.length;
      lastFlush = Date.now();
      const n = await kernel.db('challenges_entries').where({ id: entryId, status: 'running' }).update({ content: text });
      if (!n) controller.abort(new Cancelled('cancelled'));
    };
    const watch = setInterval(() => {
      kernel.db('challenges_entries').where({ id: entryId }).first('status')
        .then((r: { status: string } | undefined) => {
          if (r?.status !== 'running') controller.abort(new Cancelled('cancelled'));
        })
        .catch(() => undefined);
    }, WATCH_MS);
    try {
      const answer = await provider.stream(
        { model: profile.model, system: profile.system_prompt, prompt: challenge.prompt, parameters: profile.parameters, signal: controller.signal },
        async (piece) => {
          if (controller.signal.aborted) throw controller.signal.reason;
          text = (text + piece).slice(0, settings.maxOutputChars);
          if (Date.now() - lastFlush >= FLUSH_MS && text.length > flushed) {
            writing = write();
            await writing;
          }
        },
      );
      await writing;
      if (controller.signal.aborted) throw controller.signal.reason;
      const content = answer.slice(0, settings.maxOutputChars);
      if (!content.trim()) throw new Error('the model answered nothing');
      await finish(kernel, claimed, 'done', { content, attempts: attempt });
      await checkDuplicate(kernel, entryId).catch((err: unknown) => kernel.log.warn({ err, entryId }, 'challenge entry embedding failed'));
      return;
    } catch (err) {
      if (controller.signal.reason instanceof Cancelled) return;
      lastError = `attempt ${attempt}: ${(controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : (err as Error)).message}`.slice(0, 500);
      kernel.log.warn({ entryId, attempt, err: lastError }, 'challenge generation attempt failed');
    } finally {
      clearTimeout(timeout);
      clearInterval(watch);
    }
  }
  await finish(kernel, claimed, 'failed', { content: '', error: lastError, attempts: settings.attempts });
}

export const generateJob: JobDefinition = {
  name: 'generate',
  async run(kernel, data) {
    const { entryId } = data as { entryId: string };
    try {
      await generateEntry(kernel, entryId);
    } catch (err) {
      kernel.log.error({ err, entryId }, 'challenge generation failed');
      await kernel.db('challenges_entries').where({ id: entryId }).whereIn('status', ['queued', 'running']).update({ status: 'failed', error: 'internal error', finished_at: kernel.db.fn.now() });
    }
  },
};
