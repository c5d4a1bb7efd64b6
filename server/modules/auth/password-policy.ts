// What a password someone chooses must not be (NIST SP 800-63B, §3.1.1.2 of revision 4): on a
// list of common or breached passwords, a repetition or a sequence, a row of keys, or a password
// that contains the account's own name. Length bounds (10–256) are the Zod schema's
// (shared/schemas/auth.ts); there are no composition rules and no strength-score threshold.
// Every path that sets a password (registration today; a change or reset when one exists) calls
// checkNewPassword. Accounts made at start-up (CALOS_ADMIN_*, the seeded demo) do not: their
// passwords are the operator's, and the demo's is published on purpose.
import { DomainError, invalidField } from '../../errors';

/** The Zod floor, repeated here so that shorter list entries are not kept in memory. */
const MIN_LENGTH = 10;
/** Email local parts shorter than this are too common inside ordinary words to refuse on ("jo", "al"). */
export const MIN_LOCAL_PART = 3;

export type PasswordProblem = 'blank' | 'common' | 'repetition' | 'sequence' | 'keyboard' | 'username' | 'email';

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  blank: 'must not be only spaces or invisible characters',
  common: 'must not be a common or breached password (this one is on a published list)',
  repetition: 'must not be one character or group repeated (like aaaaaaaaaa or abcabcabcabc)',
  sequence: 'must not be a sequence (like 1234567890 or abcdefghij)',
  keyboard: 'must not be a row of keys (like qwertyuiop)',
  username: 'must not contain your username',
  email: 'must not contain the part of your email address before the @',
};

/** A character's place in its own cycle (digits wrap 9 → 0, letters z → a), or null outside both. */
function cyclePosition(ch: string): { cycle: number; at: number } | null {
  if (ch >= '0' && ch <= '9') return { cycle: 10, at: ch.charCodeAt(0) - 48 };
  if (ch >= 'a' && ch <= 'z') return { cycle: 26, at: ch.charCodeAt(0) - 97 };
  return null;
}

/** Each character the same small step from the last: 1234567890, 9876543210, abcdefghij, acegikmoqs. */
export function isSequence(lower: string): boolean {
  const chars = [...lower];
  let step: number | null = null;
  for (let i = 1; i < chars.length; i++) {
    const a = cyclePosition(chars[i - 1]!);
    const b = cyclePosition(chars[i]!);
    let delta: number;
    if (a && b && a.cycle === b.cycle) {
      // Wrapped into (-cycle/2, cycle/2], so 9 → 0 is +1 and 0 → 9 is -1.
      delta = (((b.at - a.at) % a.cycle) + a.cycle) % a.cycle;
      if (delta > a.cycle / 2) delta -= a.cycle;
    } else {
      delta = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!;
    }
    if (delta === 0 || Math.abs(delta) > 5 || (step !== null && delta !== step)) return false;
    step = delta;
  }
  return step !== null;
}

/**
 * The whole password is one unit said again and again (at least twice, the last time possibly cut
 * short): aaaaaaaaaa, abcabcabcabc, 12121212121.
 */
export function isRepetition(lower: string): boolean {
  const chars = [...lower];
  for (let unit = 1; unit * 2 <= chars.length; unit++) {
    if (chars.every((ch, i) => ch === chars[i % unit])) return true;
  }
  return false;
}

// The rows of a US keyboard typed left to right, top to bottom; a walk along them either way is
// refused. Column walks (1qaz2wsx…) are common enough to be on the breached list already.
const KEY_ROWS = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./";
const KEY_ROWS_BACK = [...KEY_ROWS].reverse().join('');
export const isKeyboardWalk = (lower: string) => KEY_ROWS.includes(lower) || KEY_ROWS_BACK.includes(lower);

/**
 * The first rule a password breaks, or null. Pure: `common` is the lower-cased list (see
 * commonPasswords). Whole-password matches only: a passphrase that contains a common word is fine.
 */
export function passwordProblem(
  password: string,
  account: { username?: string; email?: string },
  common: ReadonlySet<string>,
): PasswordProblem | null {
  const lower = screenedForm(password);
  if (!lower) return 'blank';
  if (common.has(lower)) return 'common';
  if (isRepetition(lower)) return 'repetition';
  if (isSequence(lower)) return 'sequence';
  if (isKeyboardWalk(lower)) return 'keyboard';
  const username = account.username?.trim().toLowerCase();
  if (username && lower.includes(username)) return 'username';
  const email = account.email?.trim().toLowerCase();
  const localPart = email && email.includes('@') ? email.slice(0, email.lastIndexOf('@')) : '';
  if (localPart.length >= MIN_LOCAL_PART && lower.includes(localPart)) return 'email';
  return null;
}

/**
 * The password as the rules read it, so that padding cannot hide a refused one: NFKC (full-width
 * `ｐａｓｓｗｏｒｄ１２３` is `password123`, as SP 800-63B's normalisation asks), without white space
 * (` password123 `, `password 123`) or invisible format characters (a zero-width space inside),
 * lower-cased. Only the screening reads this form; the password itself is hashed as typed, so
 * existing passwords keep working.
 */
export function screenedForm(password: string): string {
  return password.normalize('NFKC').replace(/[\s\p{Cf}\p{Z}]/gu, '').toLowerCase();
}

let loading: Promise<ReadonlySet<string>> | undefined;

/**
 * zxcvbn-ts's lists, lower-cased into one set, loaded on first use and kept: the common package's
 * passwords (from breach corpora) and the English package's words and names. Only entries long
 * enough to be a valid password are kept (about 21,000 of 229,000).
 */
export function commonPasswords(): Promise<ReadonlySet<string>> {
  loading ??= (async () => {
    const [{ dictionary: common }, { dictionary: english }] = await Promise.all([
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const set = new Set<string>();
    for (const list of [common['passwords-common'], ...Object.values(english)]) {
      for (const word of list) if (word.length >= MIN_LENGTH) set.add(word.toLowerCase());
    }
    return set;
  })();
  return loading;
}

/** Refuses a new password that breaks a rule, with a 400 naming `password` and the reason. */
export async function checkNewPassword(password: string, account: { username?: string; email?: string }): Promise<void> {
  const problem = passwordProblem(password, account, await commonPasswords());
  if (problem) throw passwordRefused(problem);
}

export const passwordRefused = (problem: PasswordProblem): DomainError =>
  invalidField('password', passwordProblemMessages[problem]);
