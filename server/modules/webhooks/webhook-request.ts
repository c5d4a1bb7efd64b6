// One webhook POST with the guarantees the worker relies on: a hard deadline for the whole
// exchange (a receiver that trickles bytes cannot hold a worker), at most 2 KB of the answer read,
// no redirects followed, and the address checked again on connect (SSRF).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, isPrivateAddress } from './address-policy';

export const RESPONSE_EXCERPT_BYTES = 2048;

const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What a receiver sent, as text the delivery history can always store and read back: invalid
 * UTF-8 is decoded to U+FFFD, and so are NUL (which PostgreSQL text refuses) and lone surrogates.
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

export interface WebhookResponse {
  status: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
}

export type WebhookPoster = (url: string, headers: Record<string, string>, body: string) => Promise<WebhookResponse>;

export function createWebhookPoster(options: { allowPrivate: boolean; timeoutMs: number; maxSockets: number }): WebhookPoster {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: options.maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets: options.maxSockets }),
  };
  const lookup = guardedLookup(options.allowPrivate);

  return (url, headers, body) =>
    new Promise((resolve) => {
      const started = performance.now();
      let settled = false;
      let deadline: NodeJS.Timeout | undefined;
      const settle = (r: Omit<WebhookResponse, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({ ...r, durationMs: Math.round(performance.now() - started) });
      };
      const target = new URL(url);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      // A literal IP skips DNS, and so the guarded lookup: check it here.
      if (net.isIP(host) && !options.allowPrivate && isPrivateAddress(host)) {
        return settle({ status: null, body: null, error: 'The URL points at a private address.' });
      }
      const secure = target.protocol === 'https:';
      const req = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: secure ? agents.https : agents.http,
          lookup,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = () =>
            settle({
              status: res.statusCode ?? null,
              body: storableText(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8')),
              error: null,
            });
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= RESPONSE_EXCERPT_BYTES) {
              // Enough to show the owner; the rest is not worth waiting for.
              finish();
              res.destroy();
            }
          });
          res.on('end', finish);
          res.on('error', () => finish());
        },
      );
      deadline = setTimeout(
        () => req.destroy(Object.assign(new Error(`No complete response within ${options.timeoutMs} ms.`), { code: 'TIMEOUT' })),
        options.timeoutMs,
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        settle({
          status: null,
          body: null,
          error: storableText(err.code === 'EPRIVATE' || err.code === 'TIMEOUT' ? err.message : `${err.code ?? 'ERROR'}: ${err.message}`),
        }),
      );
      req.end(body);
    });
}
