// A webhook receiver for tests: a local HTTP server that records every delivery (and the connection
// it came over) and answers with the statuses it is told to (then 200), optionally slowly, with the
// body it is told to (any bytes, valid UTF-8 or not).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
  /** The client's port: deliveries sharing one are sent over one kept-alive connection. */
  connection: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses for the next requests, in order; 200 once they run out. */
  respondWith(...statuses: number[]): void;
  setDelayMs(ms: number): void;
  /** The body of every answer from now on (default: `ok`, or `failing with <status>`). */
  setAnswerBody(body: Buffer | null): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  let delayMs = 0;
  let answerBody: Buffer | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), connection: req.socket.remotePort! });
        const status = statuses.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(answerBody ?? (status < 300 ? 'ok' : `failing with ${status}`));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith: (...s) => statuses.push(...s),
    setDelayMs: (ms) => (delayMs = ms),
    setAnswerBody: (body) => (answerBody = body),
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`received ${received.length} of ${count} webhooks in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
