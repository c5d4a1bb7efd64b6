// Opaque cursors over (created_at, id) for the IIIF lists (image identifiers are not UUIDs, so the
// kernel's cursor, which checks for one, does not fit them).
import { DomainError } from '../../../server/extensions/api';

export const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', { issues: [{ path: 'cursor', message: 'is not a cursor returned by this list' }] });
  }
}
