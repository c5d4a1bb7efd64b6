// Email through a real mail path: CalOS queues mails on the job queue and sends them over SMTP to a
// local server this test starts. Verification, a registration that does not reveal a taken
// address, sign-in by verified addresses only, and password reset with single-use expiring links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newAccount, raceTest, type TestApp } from '../../testing/harness';
import { signUp } from '../../testing/factories';
import { startSmtpServer } from '../../testing/smtp';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ CALOS_SMTP_URL: smtp.url, CALOS_PUBLIC_URL: 'https://calos.example.com', CALOS_MAIL_FROM: 'CalOS <no-reply@calos.example.com>' });
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const tokenIn = (text: string, page: string) => new RegExp(`https://calos\\.example\\.com/${page}\\?token=([\\w-]+)`).exec(text)?.[1];
const login = (loginName: string, password: string) => t.rest('POST', '/api/auth/login', { body: { login: loginName, password } });

describe('email verification', () => {
  it('mails a link; sign-in by email works once the address is verified; the link works once', async () => {
    const { account } = await signUp(t);
    const mail = await smtp.waitFor(account.email, /verify-email/);
    expect(mail.raw).toMatch(/^From: CalOS <no-reply@calos\.example\.com>/m);
    expect(mail.text).toContain('Confirm that this address is yours');
    expect((await login(account.email, account.password)).status).toBe(401);
    expect((await login(account.username, account.password)).status).toBe(200);
    const token = tokenIn(mail.text, 'verify-email')!;
    const verified = await t.rest('POST', '/api/auth/email/verify', { body: { token } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ username: account.username, email: account.email });
    expect((await login(account.email, account.password)).status).toBe(200);
    const again = await t.rest('POST', '/api/auth/email/verify', { body: { token } });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('GONE');
    expect((await t.rest('POST', '/api/auth/email/verify', { body: { token: 'x'.repeat(43) } })).status).toBe(410);
    expect((await t.rest('POST', '/api/auth/email/verify', { body: { token: 'bad token!' } })).body.error.details.issues[0].path).toBe('body.token');
  });

  it('resends the link to an unverified address only', async () => {
    const { account, token } = await signUp(t);
    await smtp.waitFor(account.email, /verify-email/);
    expect((await t.rest('POST', '/api/auth/email/verification', { token })).status).toBe(204);
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(account.email)).length, { timeout: 15_000 }).toBe(2);
    const second = smtp.mails.filter((m) => m.to.includes(account.email))[1]!;
    expect((await t.rest('POST', '/api/auth/email/verify', { body: { token: tokenIn(second.text, 'verify-email') } })).status).toBe(200);
    const after = await t.rest('POST', '/api/auth/email/verification', { token });
    expect(after.status).toBe(409);
    expect(after.body.error.details.reason).toBe('ALREADY_VERIFIED');
  });
});

describe('registration does not reveal a taken address', () => {
  it('answers the same 201; the owner is told by mail; the newcomer cannot sign in with the address', async () => {
    const owner = await signUp(t);
    const mail = await smtp.waitFor(owner.account.email, /verify-email/);
    await t.rest('POST', '/api/auth/email/verify', { body: { token: tokenIn(mail.text, 'verify-email') } });

    const newcomer = newAccount({ email: owner.account.email, password: 'the newcomer own passphrase 9' });
    const res = await t.rest('POST', '/api/auth/register', { body: newcomer });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'token', 'user']);
    expect(res.body.user).toMatchObject({ username: newcomer.username, email: owner.account.email });
    const notice = await smtp.waitFor(owner.account.email, /Someone just created a CalOS account/);
    expect(notice.text).toContain(`named "${newcomer.username}"`);
    expect(notice.text).toContain('https://calos.example.com/forgot-password');
    // No verification link for the newcomer: the address is the owner's.
    expect(smtp.mails.filter((m) => m.to.includes(owner.account.email) && /verify-email/.test(m.text))).toHaveLength(1);
    // Signing in by the address is the owner's; the newcomer signs in by username.
    expect((await login(owner.account.email, newcomer.password)).status).toBe(401);
    expect((await login(owner.account.email, owner.account.password)).status).toBe(200);
    expect((await login(newcomer.username, newcomer.password)).status).toBe(200);
    // Two unverified accounts may share an address; a taken username is still 409.
    const third = await t.rest('POST', '/api/auth/register', { body: newAccount({ email: owner.account.email }) });
    expect(third.status).toBe(201);
    const sameName = await t.rest('POST', '/api/auth/register', { body: newAccount({ username: newcomer.username }) });
    expect(sameName.status).toBe(409);
  });

  it('an unverified address can be verified by one account only', async () => {
    const email = newAccount().email;
    const a = await signUp(t, { email });
    const b = await signUp(t, { email });
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(email) && /verify-email/.test(m.text)).length, { timeout: 15_000 }).toBe(2);
    const [first, second] = smtp.mails.filter((m) => m.to.includes(email));
    const tokens = [tokenIn(first!.text, 'verify-email'), tokenIn(second!.text, 'verify-email')];
    expect((await t.rest('POST', '/api/auth/email/verify', { body: { token: tokens[0] } })).status).toBe(200);
    const loser = await t.rest('POST', '/api/auth/email/verify', { body: { token: tokens[1] } });
    expect(loser.status).toBe(409);
    expect(loser.body.error.details.reason).toBe('EMAIL_TAKEN');
    expect([a.userId, b.userId]).toHaveLength(2);
  });
});

describe('password reset', () => {
  async function verifiedUser() {
    const user = await signUp(t);
    const mail = await smtp.waitFor(user.account.email, /verify-email/);
    await t.rest('POST', '/api/auth/email/verify', { body: { token: tokenIn(mail.text, 'verify-email') } });
    return user;
  }
  const forgot = (email: string) => t.rest('POST', '/api/auth/password/forgot', { body: { email } });

  it('answers 204 for any address, and mails verified ones only', async () => {
    const unknown = newAccount().email;
    expect((await forgot(unknown)).status).toBe(204);
    const user = await verifiedUser();
    expect((await forgot(user.account.email)).status).toBe(204);
    await smtp.waitFor(user.account.email, /reset-password/);
    expect(smtp.mails.some((m) => m.to.includes(unknown))).toBe(false);
  });

  it('a link sets a new password once, ends every session, and screens the password', async () => {
    const user = await verifiedUser();
    await forgot(user.account.email);
    const token = tokenIn((await smtp.waitFor(user.account.email, /reset-password/)).text, 'reset-password')!;
    const weak = await t.rest('POST', '/api/auth/password/reset', { body: { token, password: 'password123' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.issues[0].path).toBe('body.password');
    const done = await t.rest('POST', '/api/auth/password/reset', { body: { token, password: 'a brand new passphrase 2026' } });
    expect(done.status).toBe(204);
    expect((await t.rest('GET', '/api/auth/session', { token: user.token })).status).toBe(401);
    expect((await login(user.account.username, user.account.password)).status).toBe(401);
    expect((await login(user.account.email, 'a brand new passphrase 2026')).status).toBe(200);
    const again = await t.rest('POST', '/api/auth/password/reset', { body: { token, password: 'another new passphrase 2026' } });
    expect(again.status).toBe(410);
  });

  it('an expired link is refused', async () => {
    const user = await verifiedUser();
    await forgot(user.account.email);
    const token = tokenIn((await smtp.waitFor(user.account.email, /reset-password/)).text, 'reset-password')!;
    await t.db.knex('email_tokens').where({ user_id: user.userId, purpose: 'reset_password' }).update({ expires_at: new Date(Date.now() - 1000) });
    expect((await t.rest('POST', '/api/auth/password/reset', { body: { token, password: 'a brand new passphrase 2026' } })).status).toBe(410);
  });

  raceTest('the same link used twice at once changes the password once', async () => {
    const user = await verifiedUser();
    await forgot(user.account.email);
    const token = tokenIn((await smtp.waitFor(user.account.email, /reset-password/)).text, 'reset-password')!;
    const results = await Promise.all(
      ['first racing passphrase 2026', 'second racing passphrase 2026'].map((password) => t.rest('POST', '/api/auth/password/reset', { body: { token, password } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, 410]);
  });
});

describe('mail flooding', () => {
  it('sends at most 5 reset mails an hour to one address, answering 204 throughout', async () => {
    const user = await signUp(t);
    const mail = await smtp.waitFor(user.account.email, /verify-email/);
    await t.rest('POST', '/api/auth/email/verify', { body: { token: tokenIn(mail.text, 'verify-email') } });
    for (let i = 0; i < 8; i++) {
      const res = await t.rest('POST', '/api/auth/password/forgot', { body: { email: user.account.email }, headers: { 'x-forwarded-for': `10.9.${i}.1` } });
      expect(res.status).toBe(204);
    }
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(user.account.email) && /reset-password/.test(m.text)).length, { timeout: 15_000 }).toBe(5);
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.mails.filter((m) => m.to.includes(user.account.email) && /reset-password/.test(m.text))).toHaveLength(5);
  });
});
