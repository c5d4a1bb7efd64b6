// The Ollama adapter, through Ollama's official JavaScript client (npm `ollama`): streamed chat for
// contestants, `generate` with `format: 'json'` for judges, `embed` for near-duplicate checks. Each
// call gets its own client whose fetch carries the call's AbortSignal (timeout, cancellation).
import { Ollama } from 'ollama';
import type { ModelCall, Provider } from './provider';

const clientFor = (host: string, signal: AbortSignal) =>
  new Ollama({
    host,
    fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
  });

export function ollamaProvider(host: string, embedModel: string | null): Provider {
  return {
    async stream(call: ModelCall, onChunk) {
      const client = clientFor(host, call.signal);
      const messages = [...(call.system ? [{ role: 'system', content: call.system }] : []), { role: 'user', content: call.prompt }];
      const parts = await client.chat({ model: call.model, messages, stream: true, options: call.parameters });
      let text = '';
      for await (const part of parts) {
        const piece = part.message?.content ?? '';
        if (piece) {
          text += piece;
          await onChunk(piece);
        }
        if (part.done) break;
      }
      return text;
    },
    async json(call: ModelCall) {
      const client = clientFor(host, call.signal);
      const answer = await client.generate({ model: call.model, system: call.system || undefined, prompt: call.prompt, format: 'json', stream: false, options: call.parameters });
      return answer.response ?? '';
    },
    async embed(input: string, signal: AbortSignal) {
      const client = clientFor(host, signal);
      const answer = await client.embed({ model: embedModel ?? 'nomic-embed-text', input });
      const vector = answer.embeddings[0];
      if (!vector?.length) throw new Error('Ollama returned no embedding');
      return vector;
    },
  };
}
