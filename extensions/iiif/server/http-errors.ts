// Errors of the IIIF raw routes in the contract's shape: a procedure's (TRPCError), a domain
// error thrown here (DomainError), or a request the IIIF grammar refuses (IiifError).
import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, describeError, errorBody, errorCodes } from '../../../server/extensions/api';
import { IiifError } from './grammar';

export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown, locate: (field: string) => string = (f) => `query.${f}`) {
  if (err instanceof IiifError) {
    if (err.status === 404) return reply.code(404).send(errorBody('NOT_FOUND', err.message, { resource: 'image' }, req.id));
    const path = `path.${err.part ?? 'identifier'}`;
    return reply.code(err.status).send(errorBody('VALIDATION_FAILED', err.message, { issues: [{ path, message: err.message }] }, req.id));
  }
  if (err instanceof DomainError) return reply.code(errorCodes[err.code].status).send(errorBody(err.code, err.message, err.details ?? {}, req.id));
  if (err instanceof TRPCError) {
    const described = describeError(err, locate);
    if (described.code === 'INTERNAL') req.log.error({ err }, 'IIIF route failed');
    return reply.code(errorCodes[described.code].status).send(errorBody(described.code, described.message, described.details, req.id));
  }
  req.log.error({ err }, 'IIIF route failed');
  return reply.code(500).send(errorBody('INTERNAL', errorCodes.INTERNAL.message, {}, req.id));
}

/** The origin URLs are made from: CALOS_PUBLIC_URL, else the request's own. */
export const baseOf = (req: FastifyRequest, publicUrl: string | undefined) => publicUrl ?? `${req.protocol}://${req.host}`;
