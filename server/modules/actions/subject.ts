// The user an operation of the actions is for.
import { DomainError } from '../../errors';
import type { Actor } from '../../trpc';

/** The user an operation is for: an API key names one; a user acts for themselves (an admin for anyone). */
export function subjectOf(actor: Actor, userId: string | undefined): string {
  if (actor.kind === 'apiKey') {
    if (!userId) {
      throw new DomainError('VALIDATION_FAILED', 'userId: required when an API key acts for a user.', {
        issues: [{ path: 'userId', message: 'required when an API key acts for a user' }],
      });
    }
    return userId;
  }
  if (userId && userId !== actor.userId && actor.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'A user may only act for themselves.', { reason: 'NOT_YOURSELF' });
  }
  return userId ?? actor.userId;
}
