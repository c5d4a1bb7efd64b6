// The swiper's raw HTTP routes beside its REST procedures:
// - the deck's swipes as CSV and as JSON, streamed page by page (each page is one call of the
//   owner-only exportPage procedure, so a large deck never sits in memory and the caller's rights are
//   checked as for any route);
// - the embeddable widget's script, which other sites load (Cross-Origin-Resource-Policy: cross-origin);
// - the generator's avatars, which the widget shows on other sites.
import { Readable } from 'node:stream';
import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeError, errorBody, errorCodes, type HttpRoute } from '../../../server/extensions/api';
import { avatarSvg } from './generator';
import { widgetScript } from './widget-script';

type Page = { rows: Array<Record<string, unknown> & { createdAt: Date }>; next: string | null };
const COLUMNS = ['id', 'createdAt', 'cardId', 'cardName', 'swiper', 'swiperKind', 'direction', 'pass'] as const;

// A spreadsheet trims leading spaces (NBSP and zero-width ones included) before it sees a formula,
// so look past them; full-width signs are read as formulas by some locales. A leading tab or CR too.
const FORMULA_START = /^(?:[\t\r]|[\s\u200b-\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** A CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet shows it as text. */
export function csvCell(value: unknown): string {
  let text = value instanceof Date ? value.toISOString() : String(value ?? '');
  if (FORMULA_START.test(text)) text = `'${text}`;
  // `;` too: a spreadsheet opened with a semicolon list separator (most European locales) splits on it.
  return /[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  if (!(err instanceof TRPCError)) throw err;
  const described = describeError(err, (field) => (field === 'deckId' ? `path.${field}` : `query.${field}`));
  if (described.code === 'INTERNAL') req.log.error({ err }, 'swiper export failed');
  return reply.code(errorCodes[described.code].status).send(errorBody(described.code, described.message, described.details, req.id));
}

async function streamExport(req: FastifyRequest, reply: FastifyReply, call: (procedure: string, input: unknown) => Promise<unknown>, format: 'csv' | 'json') {
  const deckId = (req.params as { deckId: string }).deckId;
  let first: Page;
  try {
    // The first page before any byte is sent: a refusal (not the owner, no deck) is a proper error.
    first = (await call('exportPage', { deckId })) as Page;
  } catch (err) {
    return sendError(req, reply, err);
  }
  async function* body() {
    yield format === 'csv' ? `${COLUMNS.join(',')}\r\n` : '[';
    let page: Page = first;
    let n = 0;
    for (;;) {
      for (const row of page.rows) {
        if (format === 'csv') yield `${COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`;
        else yield `${n++ ? ',' : ''}\n${JSON.stringify(row)}`;
      }
      if (!page.next) break;
      page = (await call('exportPage', { deckId, after: page.next })) as Page;
    }
    if (format === 'json') yield '\n]\n';
  }
  return reply
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="swipes-${deckId}.${format}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(body()));
}

export const swiperDownloads: HttpRoute[] = [
  { method: 'GET', url: '/api/ext/swiper/decks/:deckId/swipes.csv', handler: (req, reply, call) => streamExport(req, reply, call, 'csv') },
  { method: 'GET', url: '/api/ext/swiper/decks/:deckId/swipes.json', handler: (req, reply, call) => streamExport(req, reply, call, 'json') },
  {
    method: 'GET',
    url: '/api/ext/swiper/widget.js',
    security: 'cross-origin-resource',
    async handler(_req, reply) {
      const script = await widgetScript();
      return reply
        .type('text/javascript; charset=utf-8')
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .header('etag', script.etag)
        .send(script.code);
    },
  },
  {
    method: 'GET',
    url: '/api/ext/swiper/avatar.svg',
    security: 'cross-origin-resource',
    async handler(req, reply) {
      const query = req.query as { name?: unknown; hue?: unknown };
      const name = typeof query.name === 'string' ? query.name.slice(0, 100) : '?';
      const hue = Math.abs(Math.trunc(Number(query.hue))) % 360 || 0;
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').header('access-control-allow-origin', '*').send(avatarSvg(name, hue));
    },
  },
];
