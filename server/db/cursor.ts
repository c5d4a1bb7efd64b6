// Opaque list cursors for keyset pagination over (timestamp, id), newest first.
import { DomainError } from '../errors';

export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', {
      issues: [{ path: 'cursor', message: 'is not a cursor returned by this list' }],
    });
  }
}
