// The two CSV files of the mailer on the REST door, as text/csv attachments: a batch's codes (once)
// and a campaign's mailing list. They run the same tRPC procedures as the web client, through a
// caller built from the request, so authentication and scopes are the procedures' own.
import { TRPCError } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, errorBody, errorCodes } from '../../errors';
import { appRouter } from '../../router';
import type { ContextMaker } from '../../rest';
import { createCallerFactory } from '../../trpc';

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;

export function registerMailerDownloads(app: FastifyInstance, makeContext: ContextMaker) {
  async function sendCsv(req: FastifyRequest, reply: FastifyReply, run: (caller: Caller) => Promise<{ filename: string; csv: string }>) {
    try {
      const file = await run(createCaller(makeContext({ req, res: reply })));
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

  app.post<{ Params: { batchId: string } }>('/api/mailer/batches/:batchId/codes.csv', (req, reply) =>
    sendCsv(req, reply, (caller) => caller.mailer.takeBatchCsv({ batchId: req.params.batchId })),
  );
  app.get<{ Params: { campaignId: string } }>('/api/mailer/campaigns/:campaignId/mailing-list.csv', (req, reply) =>
    sendCsv(req, reply, (caller) => caller.mailer.mailingList({ campaignId: req.params.campaignId })),
  );
}
