// A local server that speaks Ollama's protocol (the parts CalOS uses): /api/chat and /api/generate,
// streamed as NDJSON or not, /api/embed and /api/embeddings. The model name picks the behaviour:
//   fake-ok       answers at once                fake-steady  six chunks, 120 ms apart
//   fake-slow     a chunk every 100 ms, for 10 s fake-fail    two chunks, then the connection drops
//   fake-flaky    fails like fake-fail once, then answers
//   judge-ok      valid JSON scores              judge-bad    malformed JSON, always
//   judge-once    malformed JSON once, then valid
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stubEmbedding, stubScores } from '../server/providers/stub';

export interface FakeOllama {
  url: string;
  requests: Array<{ path: string; model: string; stream: boolean }>;
  /** Requests whose client went away before the answer ended (aborted by CalOS). */
  aborted: string[];
  close(): Promise<void>;
}

const ANSWER = '<!doctype html><h1>Fake Ollama</h1><p>An answer in pieces.</p><script>document.title = "fake";</script>';

export async function startFakeOllama(): Promise<FakeOllama> {
  const requests: FakeOllama['requests'] = [];
  const aborted: string[] = [];
  const seen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const input = JSON.parse(body || '{}') as { model: string; stream?: boolean; prompt?: string; input?: string | string[]; messages?: Array<{ content: string }> };
      const path = req.url ?? '';
      const stream = input.stream !== false && (path === '/api/chat' || path === '/api/generate');
      requests.push({ path, model: input.model, stream });
      const count = (seen.get(`${path}|${input.model}`) ?? 0) + 1;
      seen.set(`${path}|${input.model}`, count);
      let finished = false;
      res.on('finish', () => (finished = true));
      res.on('close', () => {
        if (!finished) aborted.push(input.model);
      });
      if (path === '/api/embed' || path === '/api/embeddings') {
        const text = Array.isArray(input.input) ? input.input : [input.input ?? input.prompt ?? ''];
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(path === '/api/embed' ? { model: input.model, embeddings: text.map((t) => stubEmbedding(t)) } : { embedding: stubEmbedding(text[0]!) }));
      }
      if (path === '/api/generate' && !stream) {
        const prompt = input.prompt ?? '';
        const malformed = input.model === 'judge-bad' || (input.model === 'judge-once' && count === 1);
        const response = malformed ? '{"scores": {"clarity": 7,' : stubScores({ model: input.model, system: '', prompt, parameters: {} });
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ model: input.model, created_at: new Date().toISOString(), response, done: true }));
      }
      if (path !== '/api/chat') {
        res.statusCode = 404;
        return res.end(JSON.stringify({ error: `unknown path ${path}` }));
      }
      const line = (content: string, done = false) => JSON.stringify({ model: input.model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, done }) + '\n';
      if (!stream) {
        res.setHeader('content-type', 'application/json');
        return res.end(line(ANSWER, true));
      }
      res.setHeader('content-type', 'application/x-ndjson');
      const pieces = ANSWER.match(/.{1,16}/gs) ?? [];
      const failing = input.model === 'fake-fail' || (input.model === 'fake-flaky' && count === 1);
      const delay = input.model === 'fake-slow' ? 100 : input.model === 'fake-steady' ? 120 : 0;
      const total = input.model === 'fake-slow' ? 100 : input.model === 'fake-steady' ? 6 : pieces.length;
      let i = 0;
      const next = () => {
        if (res.destroyed) return;
        if (failing && i === 2) return res.destroy();
        if (i >= total) return res.end(line('', true));
        res.write(line(input.model === 'fake-ok' || input.model === 'fake-flaky' ? pieces[i]! : `<p>chunk ${i}</p>`));
        i++;
        if (delay) setTimeout(next, delay);
        else setImmediate(next);
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    aborted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
