// Model providers are adapters: one interface, the stub (deterministic, always there) and Ollama
// (its official client). A profile names its provider; `providerFor` picks the adapter.
import type { ChallengesSettings } from '../../settings';
import { ollamaProvider } from './ollama';
import { stubProvider } from './stub';

export interface ModelCall {
  model: string;
  system: string;
  prompt: string;
  /** Sampling options (temperature, seed, num_predict, …) passed to the model as they are. */
  parameters: Record<string, unknown>;
  signal: AbortSignal;
}

export interface Provider {
  /** Streams an answer (chat), calling `onChunk` with each piece; resolves with the whole text. */
  stream(call: ModelCall, onChunk: (text: string) => Promise<void> | void): Promise<string>;
  /** One answer in JSON (a judge's scores), not streamed. */
  json(call: ModelCall): Promise<string>;
  /** An embedding of `input`. */
  embed(input: string, signal: AbortSignal): Promise<number[]>;
}

export class ProviderUnavailable extends Error {}

export function providerFor(name: string, settings: ChallengesSettings): Provider {
  if (name === 'stub') return stubProvider;
  if (name === 'ollama') {
    if (!settings.ollamaUrl) throw new ProviderUnavailable('Ollama is not configured (set CALOS_OLLAMA_URL).');
    return ollamaProvider(settings.ollamaUrl, settings.embedModel);
  }
  throw new ProviderUnavailable(`Unknown provider "${name}".`);
}

/** The provider embeddings come from: Ollama when a URL and an embedding model are set, else the stub. */
export const embeddingProvider = (settings: ChallengesSettings): Provider =>
  settings.ollamaUrl && settings.embedModel ? ollamaProvider(settings.ollamaUrl, settings.embedModel) : stubProvider;
