// Login throttling lives in the database: per account and per client address, exact under parallel
// attempts, shared by every instance on the database, and silent about whether an account exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newAccount, type TestApp } from '../../testing/harness';

const MAX_PER_ACCOUNT = 5;
const MAX_PER_IP = 12;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    CALOS_LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
    CALOS_LOGIN_MAX_PER_IP: String(MAX_PER_IP),
    CALOS_ARGON2_CONCURRENCY: '4',
  });
});
afterAll(async () => {
  await t.close();
});

let ipCounter = 1;
const freshIp = () => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

async function register() {
  const account = newAccount();
  await t.caller({ ip: freshIp() }).auth.register(account);
  return account;
}

const attempt = (login: string, password: string, ip: string) =>
  t.caller({ ip }).auth.login({ login, password }).then(
    () => 'ok' as const,
    (err: { cause?: { code?: string } }) => err.cause?.code ?? 'error',
  );

describe('per account', () => {
  it('locks an account after the limit, with the same answer as a wrong password, even for the right one', async () => {
    const account = await register();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect(await attempt(account.username, 'wrong password', freshIp())).toBe('INVALID_CREDENTIALS');
    }
    expect(await attempt(account.username, account.password, freshIp())).toBe('INVALID_CREDENTIALS');
    // Using the email instead of the username does not buy more attempts.
    expect(await attempt(account.email, account.password, freshIp())).toBe('INVALID_CREDENTIALS');
  });

  it('counts every one of 20 parallel guesses, so the right password afterwards is refused', async () => {
    const account = await register();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(account.username, 'wrong password', freshIp())));
    expect(new Set(results)).toEqual(new Set(['INVALID_CREDENTIALS']));
    const user = await t.db.knex('users').where({ username: account.username }).first('id');
    const row = await t.db.knex('rate_limit_windows').where({ key: `login:account:${user.id}` }).first('attempts');
    expect(row.attempts).toBe(20);
    expect(await attempt(account.username, account.password, freshIp())).toBe('INVALID_CREDENTIALS');
  });

  it('forgets failures after a successful login', async () => {
    const account = await register();
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) await attempt(account.username, 'wrong password', freshIp());
    expect(await attempt(account.username, account.password, freshIp())).toBe('ok');
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) await attempt(account.username, 'wrong password', freshIp());
    expect(await attempt(account.username, account.password, freshIp())).toBe('ok');
  });

  it('throttles unknown logins too, so a lock does not reveal that an account exists', async () => {
    const results = [];
    for (let i = 0; i <= MAX_PER_ACCOUNT; i++) results.push(await attempt('no_such_user_x', 'whatever12', freshIp()));
    expect(new Set(results)).toEqual(new Set(['INVALID_CREDENTIALS']));
  });
});

describe('per client address', () => {
  it('answers 429 with Retry-After and RateLimit headers once an address is over its limit', async () => {
    const ip = freshIp();
    const account = await register();
    for (let i = 0; i < MAX_PER_IP; i++) await attempt(`nobody_${i}`, 'whatever12', ip);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: account.username, password: account.password }),
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['ratelimit-policy']).toBe(`"login-ip";q=${MAX_PER_IP};w=900`);
    expect(res.headers.ratelimit).toMatch(/^"login-ip";r=0;t=\d+$/);
    // Another address is unaffected.
    expect(await attempt(account.username, account.password, freshIp())).toBe('ok');
  });

  it('counts an IPv6 client by its /64, so rotating addresses within it does not help', async () => {
    const prefix = `2001:db8:${(ipCounter++).toString(16)}:1`;
    for (let i = 0; i < MAX_PER_IP; i++) await attempt(`nobody_v6_${i}`, 'whatever12', `${prefix}::${(i + 1).toString(16)}`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: `${prefix}:ffff:ffff:ffff:ffff`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: 'someone', password: 'whatever12' }),
    });
    expect(res.statusCode).toBe(429);
  });

  it('does not count successful logins against the address', async () => {
    const ip = freshIp();
    const account = await register();
    for (let i = 0; i < MAX_PER_IP + 3; i++) expect(await attempt(account.username, account.password, ip)).toBe('ok');
  });
});

describe('parallel logins', () => {
  it('settles 10 parallel right and 10 wrong passwords for one account from one address, each counted exactly once', async () => {
    // The checking and settling statements of 20 logins overlap on the same two window rows (both
    // lock the address's row first, so they cannot deadlock); every hit and refund must land.
    const roomy = await createTestApp(
      { CALOS_LOGIN_MAX_PER_ACCOUNT: '1000', CALOS_LOGIN_MAX_PER_IP: '1000', CALOS_ARGON2_CONCURRENCY: '4' },
      { db: t.db },
    );
    try {
      const ip = freshIp();
      const account = await register();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          roomy
            .caller({ ip })
            .auth.login({ login: account.username, password: i % 2 ? 'wrong password' : account.password })
            .then(
              () => 'ok',
              (err: { cause?: { code?: string } }) => err.cause?.code ?? String(err),
            ),
        ),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(10);
      expect(results.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(10);
      // The 10 successes took their address hits back; the 10 failures stay counted.
      const row = await t.db.knex('rate_limit_windows').where({ key: `login:ip:${ip}` }).first('attempts');
      expect(row.attempts).toBe(10);
    } finally {
      await roomy.close();
    }
  });
});

describe('across instances', () => {
  it('holds one account limit for two app instances on the same database', async () => {
    const instance = await createTestApp(
      { CALOS_LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT), CALOS_LOGIN_MAX_PER_IP: '1000' },
      { db: t.db },
    );
    const second = instance.app;
    try {
      const account = await register();
      const login = (app: typeof second, i: number) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: freshIp(),
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ login: account.username, password: i < 0 ? account.password : 'wrong password' }),
        });
      for (let i = 0; i < MAX_PER_ACCOUNT; i++) await login(i % 2 ? t.app : second, i);
      expect((await login(t.app, -1)).statusCode).toBe(401);
      expect((await login(second, -1)).statusCode).toBe(401);
    } finally {
      await instance.close();
    }
  });
});
