// The code challenges' settings, read from the environment at start. Ollama is off until
// CALOS_OLLAMA_URL is set; the stub provider is always available.
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const challengesSettings = z
  .object({
    CALOS_OLLAMA_URL: z.url().optional().describe('An Ollama server (http://127.0.0.1:11434); unset, only the stub provider runs and Ollama profiles fail with "not configured".'),
    CALOS_OLLAMA_EMBED_MODEL: z.string().min(1).max(200).optional().describe('The Ollama model for embeddings (nomic-embed-text); unset, the stub\'s hashed bag-of-words vectors are used.'),
    CALOS_CHALLENGES_TIMEOUT_MS: int(100, 3_600_000, 120_000).describe('Longest one generation or AI judgment attempt may take.'),
    CALOS_CHALLENGES_ATTEMPTS: int(1, 10, 3).describe('Attempts per contestant (and per AI judge) before it is recorded as failed.'),
    CALOS_CHALLENGES_DUPLICATE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.92).describe('Cosine similarity from which an entry is flagged as a near duplicate of an earlier one.'),
    CALOS_CHALLENGES_MAX_OUTPUT_CHARS: int(100, 1_000_000, 100_000).describe('A generated answer is cut at this length.'),
  })
  .transform((s) => ({
    ollamaUrl: s.CALOS_OLLAMA_URL?.replace(/\/+$/, '') ?? null,
    embedModel: s.CALOS_OLLAMA_EMBED_MODEL ?? null,
    timeoutMs: s.CALOS_CHALLENGES_TIMEOUT_MS,
    attempts: s.CALOS_CHALLENGES_ATTEMPTS,
    duplicateThreshold: s.CALOS_CHALLENGES_DUPLICATE_THRESHOLD,
    maxOutputChars: s.CALOS_CHALLENGES_MAX_OUTPUT_CHARS,
  }));
export type ChallengesSettings = z.output<typeof challengesSettings>;
