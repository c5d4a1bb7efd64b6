// Registration refuses each kind of password the policy names, with a 400 that names the password
// field and says why, through both doors; the refused account is not created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newAccount, type TestApp } from '../../testing/harness';
import { runSeeds } from '../../../database/seeds/index';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const refused = [
  { kind: 'on the breached list', password: () => 'Password1234', reason: /common or breached/ },
  { kind: 'a repetition', password: () => 'abcabcabcabc', reason: /repeated/ },
  { kind: 'a sequence', password: () => '9876543210', reason: /sequence/ },
  { kind: 'a row of keys', password: () => "asdfghjkl;'", reason: /row of keys/ },
  { kind: 'the username inside', password: (a: Account) => `My ${a.username.toUpperCase()} pass`, reason: /username/ },
  { kind: 'the email’s local part inside', password: (a: Account) => `x-${a.email.split('@')[0]}-y`, reason: /email/ },
];
type Account = ReturnType<typeof newAccount>;
/** The username made distinct from the email's local part, so each rule is the one that refuses. */
const account = () => {
  const a = newAccount();
  return { ...a, email: `mail_${a.username.slice(5)}@example.com` };
};

describe('registration refuses a password', () => {
  it.each(refused)('$kind over REST with 400 naming body.password', async ({ password, reason }) => {
    const a = account();
    const res = await t.rest('POST', '/api/auth/register', { body: { ...a, password: password(a) } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues).toEqual([{ path: 'body.password', message: expect.stringMatching(reason) }]);
    expect(res.body.error.message).toMatch(reason);
    expect(await t.db.knex('users').where({ username: a.username }).first()).toBeUndefined();
  });

  it.each(refused)('$kind over /trpc with 400 naming password', async ({ password, reason }) => {
    const a = account();
    const res = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ json: { ...a, password: password(a) } }),
    });
    expect(res.statusCode).toBe(400);
    const calos = res.json().error.json.data.calos;
    expect(calos.code).toBe('VALIDATION_FAILED');
    expect(calos.details.issues).toEqual([{ path: 'password', message: expect.stringMatching(reason) }]);
  });

  it('below 10 or above 256 characters, by the schema', async () => {
    for (const password of ['nine chrs', 'x'.repeat(120) + 'y'.repeat(137)]) {
      const res = await t.rest('POST', '/api/auth/register', { body: { ...account(), password } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('body.password');
    }
  });
});

describe('registration accepts', () => {
  it('a password of 10 to 256 characters that breaks no rule, with no composition rule and no score', async () => {
    for (const password of ['lowercase only words', '7 rivers 7 stones', 'x'.repeat(128) + 'y'.repeat(128), 'ÄÖÜ ñ 漢字 emoji 🙂']) {
      const res = await t.rest('POST', '/api/auth/register', { body: { ...account(), password } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it('an email local part shorter than 3 characters inside the password', async () => {
    const a = { ...account(), email: `jo@${newAccount().username.replace(/_/g, '-')}.example.com` };
    const res = await t.rest('POST', '/api/auth/register', { body: { ...a, password: 'jolly good fellow' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});

describe('the seeded demo account', () => {
  it('keeps its published password (it contains "demo"): seeding makes it at start-up, past the policy', async () => {
    await runSeeds(t.db.knex, t.auth, { ...t.config, seedDemo: true }, t.platform);
    const res = await t.rest('POST', '/api/auth/login', { body: { login: 'demo', password: 'calos-demo-2026' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});
