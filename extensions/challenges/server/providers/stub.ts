// The stub provider: no network, and the same answer for the same profile and prompt. An answer is
// a small HTML page with a button and a script, built from a random stream seeded by the model,
// system prompt, parameters and prompt; a judge's scores come from the same kind of stream; an
// embedding is a hashed bag of words. Tests and the demo run on it.
import { Random } from '../../../../server/extensions/api';
import type { ModelCall, Provider } from './provider';

const ADJECTIVES = ['bold', 'quiet', 'bright', 'lucid', 'nimble', 'sturdy', 'vivid', 'gentle', 'crisp', 'playful'];
const NOUNS = ['harbour', 'lantern', 'orbit', 'meadow', 'circuit', 'compass', 'garden', 'beacon', 'atlas', 'kettle'];
const VERBS = ['Count', 'Spin', 'Glow', 'Launch', 'Bloom', 'Ping', 'Stack', 'Shuffle'];
const COLOURS = ['#1d3557', '#2a9d8f', '#e76f51', '#6a4c93', '#264653', '#8d0801', '#3a5a40', '#005f73'];
export const STUB_DIMENSIONS = 256;

const seedOf = (call: Pick<ModelCall, 'model' | 'system' | 'prompt' | 'parameters'>) =>
  `${call.model}\u0000${call.system}\u0000${JSON.stringify(call.parameters)}\u0000${call.prompt}`;

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The stub's answer to a prompt: deterministic HTML of a few hundred bytes. */
export function stubAnswer(call: Pick<ModelCall, 'model' | 'system' | 'prompt' | 'parameters'>): string {
  const r = new Random(seedOf(call));
  const title = `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`;
  const verb = r.pick(VERBS);
  const noun = r.pick(NOUNS);
  const colour = r.pick(COLOURS);
  const topic = escapeHtml(call.prompt.split(/\s+/).slice(0, 8).join(' '));
  return [
    '<!doctype html><meta charset="utf-8">',
    `<title>${title}</title>`,
    `<style>body{font-family:system-ui,sans-serif;margin:1rem;background:${colour};color:#fff}button{font-size:1rem}</style>`,
    `<h1>${title[0]!.toUpperCase()}${title.slice(1)}</h1>`,
    `<p>A ${r.pick(ADJECTIVES)} take on: ${topic}</p>`,
    `<button id="go">${verb} the ${noun}</button> <output id="out">0</output>`,
    `<script>let n=0;document.getElementById('go').onclick=()=>{n+=${r.int(1, 9)};document.getElementById('out').textContent=n;};</script>`,
  ].join('\n');
}

/** The stub judge's scores: 0–10 per criterion named on the prompt's `CRITERIA:` line. */
export function stubScores(call: Pick<ModelCall, 'model' | 'system' | 'prompt' | 'parameters'>): string {
  const r = new Random(seedOf(call));
  const keys = /^CRITERIA: (.*)$/m.exec(call.prompt)?.[1]?.split(',').map((k) => k.trim()).filter(Boolean) ?? [];
  const scores = Object.fromEntries(keys.map((k) => [k, r.int(3, 10)]));
  return JSON.stringify({ scores, comment: `Judged by ${call.model}.` });
}

const fnv = (s: string) => {
  let h = 0x811c9dc5;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
};

/** A hashed bag of words, L2-normalised: texts sharing words point the same way. */
export function stubEmbedding(input: string): number[] {
  const v = new Array<number>(STUB_DIMENSIONS).fill(0);
  for (const word of input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = fnv(word);
    v[h % STUB_DIMENSIONS]! += h & 0x100 ? 1 : -1;
  }
  const norm = Math.hypot(...v);
  return norm ? v.map((x) => x / norm) : v;
}

const aborted = (signal: AbortSignal) => {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
};

export const stubProvider: Provider = {
  async stream(call, onChunk) {
    const text = stubAnswer(call);
    // In a few pieces, as a model streams.
    for (let i = 0; i < text.length; i += 120) {
      aborted(call.signal);
      await onChunk(text.slice(i, i + 120));
    }
    return text;
  },
  async json(call) {
    aborted(call.signal);
    return stubScores(call);
  },
  async embed(input, signal) {
    aborted(signal);
    return stubEmbedding(input);
  },
};
