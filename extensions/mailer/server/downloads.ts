// The two CSV files of the mailer on the REST door, as text/csv attachments: a batch's codes (once)
// and a campaign's mailing list. They run the same tRPC procedures as the web client, through a
// caller built from the request, so authentication and scopes are the procedures' own.
import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeError, errorBody, errorCodes, type HttpRoute } from '../../../server/extensions/api';

type File = { filename: string; csv: string };

async function sendCsv(req: FastifyRequest, reply: FastifyReply, run: () => Promise<unknown>) {
  try {
    const file = (await run()) as File;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.csv);
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const described = describeError(err, (field) => `path.${field}`);
    if (described.code === 'INTERNAL') req.log.error({ err }, 'mailer download failed');
    return reply.code(errorCodes[described.code].status).send(errorBody(described.code, described.message, described.details, req.id));
  }
}

export const mailerDownloads: HttpRoute[] = [
  {
    method: 'POST',
    url: '/api/mailer/batches/:batchId/codes.csv',
    handler: (req, reply, call) => sendCsv(req, reply, () => call('takeBatchCsv', { batchId: (req.params as { batchId: string }).batchId })),
  },
  {
    method: 'GET',
    url: '/api/mailer/campaigns/:campaignId/mailing-list.csv',
    handler: (req, reply, call) => sendCsv(req, reply, () => call('mailingList', { campaignId: (req.params as { campaignId: string }).campaignId })),
  },
];
