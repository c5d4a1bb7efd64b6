// Privacy-preserving age verification: the answer "over N: yes or no", the method and the time are
// stored; a date of birth is used for the computation and then dropped, never written anywhere.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Tx } from '../../db/index';
import { DomainError } from '../../errors';
import type { ageVerificationInput } from '../../../shared/schemas/auth';

interface AgeRow {
  minimum_age: number;
  over: boolean;
  method: 'date_of_birth' | 'self_declaration';
  verified_at: Date;
}

const toVerification = (r: AgeRow) => ({
  minimumAge: r.minimum_age,
  over: r.over,
  method: r.method,
  verifiedAt: r.verified_at,
});

/**
 * Whole years between a birth date and `today`, counted on the calendar: one more each time the
 * month and day are reached. Someone born on 29 February is a year older on 1 March in common
 * years, the later (and so the safer) of the two conventions for an age gate.
 */
export function ageOn(dateOfBirth: string, today: DateTime): number {
  const birth = DateTime.fromISO(dateOfBirth);
  const beforeBirthday = today.month < birth.month || (today.month === birth.month && today.day < birth.day);
  return today.year - birth.year - (beforeBirthday ? 1 : 0);
}

export async function verifyAge(
  tx: Tx,
  userId: string,
  input: z.output<typeof ageVerificationInput>,
  now: DateTime = DateTime.utc(),
) {
  let over: boolean;
  if (input.method === 'date_of_birth') {
    const dob = input.dateOfBirth!;
    if (dob > now.toISODate()!) {
      throw new DomainError('VALIDATION_FAILED', 'The date of birth is in the future.', {
        issues: [{ path: 'dateOfBirth', message: 'must not be in the future' }],
      });
    }
    // Today in UTC: a user whose birthday is today somewhere on Earth may wait a few hours.
    over = ageOn(dob, now) >= input.minimumAge;
  } else {
    over = input.declaredOver!;
  }
  const [row] = (await tx('age_verifications')
    .insert({ user_id: userId, minimum_age: input.minimumAge, over, method: input.method, verified_at: tx.fn.now() })
    .onConflict(['user_id', 'minimum_age'])
    .merge(['over', 'method', 'verified_at'])
    .returning(['minimum_age', 'over', 'method', 'verified_at'])) as AgeRow[];
  return toVerification(row!);
}

export async function listAgeVerifications(tx: Tx, userId: string) {
  const rows = (await tx('age_verifications')
    .where({ user_id: userId })
    .orderBy('minimum_age')
    .select('minimum_age', 'over', 'method', 'verified_at')) as AgeRow[];
  return { items: rows.map(toVerification) };
}
