// The password rules one by one, on the real zxcvbn-ts lists: what each refuses, and what passes.
import { beforeAll, describe, expect, it } from 'vitest';
import { commonPasswords, isKeyboardWalk, isRepetition, isSequence, passwordProblem } from './password-policy';

let common: ReadonlySet<string>;
beforeAll(async () => {
  common = await commonPasswords();
});

const problem = (password: string, account: { username?: string; email?: string } = {}) =>
  passwordProblem(password, account, common);

describe('the breached and common list', () => {
  it.each(['password1234', 'qwertyuiop', '1qaz2wsx3edc', 'iloveyou12', 'PassWord1234', 'Television'])(
    'refuses %s, compared without case',
    (password) => expect(problem(password)).toBe('common'),
  );

  it('loads once: every call shares one set', async () => {
    expect(await commonPasswords()).toBe(common);
  });

  it('keeps no entry shorter than the minimum length', () => {
    expect([...common].some((word) => word.length < 10)).toBe(false);
  });

  it('matches the whole password only, so a passphrase of common words passes', () => {
    expect(problem('correct horse battery staple')).toBeNull();
    expect(problem('password is not my password')).toBeNull();
  });
});

describe('padding and look-alike forms', () => {
  it.each([
    [' password123', 'common'],
    ['password123 ', 'common'],
    ['pass word 123', 'common'],
    ['ｐａｓｓｗｏｒｄ１２３', 'common'],
    ['pass\u200bword123', 'common'],
    ['\ufeffpassword123', 'common'],
    ['mnopqrstuvwx ', 'sequence'],
    ['ｍｎｏｐｑｒｓｔｕｖｗｘ', 'sequence'],
    ['１２３４５６７８９０', 'common'],
    ['aaaaaaaaaaaa ', 'repetition'],
    ['\t\t\t\t\t\n\n\n\n\n', 'blank'],
    ['\u200b'.repeat(12), 'blank'],
  ])('reads %j as the rules see it: %s', (password, expected) => {
    expect(problem(password)).toBe(expected);
  });
});

describe('repetitions and sequences', () => {
  it.each(['aaaaaaaaaa', 'abcabcabcabc', '12121212121', 'xyzXYZxyzXYZ', '🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂'])('%s is a repetition', (p) => {
    expect(isRepetition(p.toLowerCase())).toBe(true);
  });

  it.each(['1234567890', '0987654321', '3456789012', 'abcdefghijk', 'zyxwvutsrqp', 'xyzabcdefgh', 'acegikmoqsu', '13579135791'])(
    '%s is a sequence',
    (p) => expect(isSequence(p)).toBe(true),
  );

  it.each(['1234567899', 'abcdefghiz', 'a1b2c3d4e5', 'aaaaaaaaaa', 'adgjmpsvy0'])('%s is not a sequence', (p) => {
    expect(isSequence(p)).toBe(false);
  });

  it.each(['qwertyuiop[]', 'asdfghjkl;', ';lkjhgfdsa', 'zxcvbnm,./', '567890-=qwe'])('%s is a row of keys', (p) => {
    expect(isKeyboardWalk(p)).toBe(true);
  });

  it('names the rule a password breaks', () => {
    expect(problem('zzzzzzzzzzzz')).toBe('repetition');
    expect(problem('mnopqrstuvwx')).toBe('sequence');
    expect(problem("asdfghjkl;'")).toBe('keyboard');
  });
});

describe('the account’s own name', () => {
  it('refuses a password containing the username, in any case', () => {
    expect(problem('my name is Alice_W, hi', { username: 'alice_w' })).toBe('username');
  });

  it('refuses a password containing the email’s local part', () => {
    expect(problem('xx-Johnny.Doe-2026', { email: 'johnny.doe@example.com' })).toBe('email');
  });

  it('ignores local parts shorter than 3 characters, which sit inside ordinary words', () => {
    expect(problem('jolly good fellow', { email: 'jo@example.com' })).toBeNull();
    expect(problem('the joe index 77', { email: 'joe@example.com' })).toBe('email');
  });

  it('passes a password that breaks no rule', () => {
    expect(problem('calos-demo-2026')).toBeNull();
    expect(problem('river stone lantern', { username: 'someone', email: 'someone@example.com' })).toBeNull();
  });
});
