// Login throttling lives in the database (docs/authentication.md): a device the account has signed
// in from has its own budget; everything else counts per address, per account and address, and per
// account, where it slows down before it locks. Exact under parallel attempts, shared by every
// instance on the database, and silent about whether an account exists.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { raceTest, createTestApp, dbKind, newAccount, type TestApp } from '../../testing/harness';

const MAX_PER_ACCOUNT = 5;
const MAX_PER_IP = 12;
const CEILING = 10;
const MAX_DELAY = 4;
let t: TestApp;
/** The same database and limits with the slow-down off, to reach the ceiling without waiting. */
let noDelay: TestApp;
beforeAll(async () => {
  const env = {
    CALOS_LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
    CALOS_LOGIN_MAX_PER_IP: String(MAX_PER_IP),
    CALOS_LOGIN_ACCOUNT_CEILING: String(CEILING),
    CALOS_LOGIN_MAX_DELAY_SECONDS: String(MAX_DELAY),
    CALOS_ARGON2_CONCURRENCY: '4',
  };
  t = await createTestApp(env);
  noDelay = await createTestApp({ ...env, CALOS_LOGIN_MAX_DELAY_SECONDS: '0' }, { db: t.db });
});
afterAll(async () => {
  await noDelay.close();
  await t.close();
});

let ipCounter = 1;
const freshIp = () => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const device = (fingerprint: string) => ({ fingerprint, signals: {} });

async function register(fingerprint?: string) {
  const account = newAccount();
  const res = await t.caller({ ip: freshIp() }).auth.register({ ...account, ...(fingerprint ? { device: device(fingerprint) } : {}) });
  // Sign-in by email needs a verified address (email.int.test.ts verifies through the mail).
  await t.db.knex('users').where({ id: res.user.id }).update({ email_verified_at: new Date() });
  return { ...account, id: res.user.id };
}

type Outcome = 'ok' | 'INVALID_CREDENTIALS' | `RATE_LIMITED:${string}` | string;
const attempt = (login: string, password: string, ip: string, options: { fingerprint?: string; app?: TestApp } = {}) =>
  (options.app ?? t)
    .caller({ ip })
    .auth.login({ login, password, ...(options.fingerprint ? { device: device(options.fingerprint) } : {}) })
    .then(
      (): Outcome => 'ok',
      (err: { cause?: { code?: string; rateLimit?: { policy: string }; details?: { retryAfterSeconds?: number } } }): Outcome =>
        err.cause?.code === 'RATE_LIMITED' ? `RATE_LIMITED:${err.cause.rateLimit?.policy}` : (err.cause?.code ?? 'error'),
    );

/** Counts password checks against a real hash (the dummy hash of a refused attempt is not one). */
function countChecks(app: TestApp) {
  const spy = vi.spyOn(app.auth.passwords, 'verify');
  return { get count() { return spy.mock.calls.filter(([hash]) => hash !== null).length; }, restore: () => spy.mockRestore() };
}

/** Lets the slow-down's current wait on a login text (an account's username or email, or an unknown login) pass: the test does not sleep. */
const letWaitPass = (account: string) =>
  t.db.knex('rate_limit_windows').where({ key: `login:account:${account}` }).update({ held_until: t.db.knex.fn.now() });

describe('a device the account has signed in from', () => {
  it('signs its owner in while an attacker on the same address has spent the address, the account and its ceiling', async () => {
    const owner = await register('owner-phone-fingerprint');
    const shared = freshIp();
    // The attacker shares the owner's address (a café, a carrier NAT) and sends a fingerprint of its own.
    const fromShared = await Promise.all(
      Array.from({ length: 20 }, () => attempt(owner.username, 'wrong password', shared, { fingerprint: 'attacker-device' })),
    );
    expect(fromShared).not.toContain('ok');
    // … and more from elsewhere until the account is locked for every unrecognised device.
    await letWaitPass(owner.username);
    for (let i = 0; i < CEILING; i++) await attempt(owner.username, 'wrong password', freshIp(), { app: noDelay });
    expect(await attempt(owner.username, owner.password, shared)).toBe('RATE_LIMITED:login-ip');
    expect(await attempt(owner.username, owner.password, freshIp(), { app: noDelay })).toBe('INVALID_CREDENTIALS');

    expect(await attempt(owner.username, owner.password, shared, { fingerprint: 'owner-phone-fingerprint' })).toBe('ok');
    expect(await attempt(owner.email, owner.password, shared, { fingerprint: 'owner-phone-fingerprint' })).toBe('ok');
  });

  it.runIf(dbKind() === 'postgres')(
    'lets the owner’s device in while 30 guesses from the same address race it (PostgreSQL: PGlite runs them one at a time)',
    async () => {
      const owner = await register('owner-tablet-fingerprint');
      const shared = freshIp();
      const guesses = Array.from({ length: 30 }, () =>
        t.caller({ ip: shared }).auth.login({ login: owner.username, password: 'wrong password', device: device('attacker-device') }),
      );
      const mine = t.caller({ ip: shared }).auth.login({ login: owner.username, password: owner.password, device: device('owner-tablet-fingerprint') });
      const [own, ...others] = await Promise.allSettled([mine, ...guesses]);
      expect(own!.status).toBe('fulfilled');
      expect(others.filter((r) => r.status === 'fulfilled')).toHaveLength(0);
      // The guesses spent the address's budget and the account's, not the device's.
      expect(await attempt(owner.username, owner.password, shared)).toBe('RATE_LIMITED:login-ip');
      expect(await attempt(owner.username, owner.password, shared, { fingerprint: 'owner-tablet-fingerprint' })).toBe('ok');
    },
  );

  it('has a budget of its own: its failures leave the account and the address alone, and lock only itself', async () => {
    const owner = await register('owner-laptop-fingerprint');
    const ip = freshIp();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect(await attempt(owner.username, 'wrong password', ip, { fingerprint: 'owner-laptop-fingerprint' })).toBe('INVALID_CREDENTIALS');
    }
    expect(await attempt(owner.username, owner.password, ip, { fingerprint: 'owner-laptop-fingerprint' })).toBe('RATE_LIMITED:login-device');
    // The same address, without the device: its budgets were never touched.
    expect(await attempt(owner.username, owner.password, ip)).toBe('ok');
  });

  it('is recognised only for its own account: a fingerprint known elsewhere gets no budget of its own', async () => {
    await register('shared-fingerprint');
    const target = await register();
    const ip = freshIp();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) await attempt(target.username, 'wrong password', ip, { fingerprint: 'shared-fingerprint' });
    expect(await attempt(target.username, target.password, ip, { fingerprint: 'shared-fingerprint' })).toBe('RATE_LIMITED:login-account-ip');
  });
});

describe('per account, from unrecognised devices', () => {
  it('slows down past the budget rather than locking: each wait doubles up to the longest, then the right password gets in', async () => {
    const account = await register();
    const checks = countChecks(t);
    try {
      // Fired together from six addresses: five are checked, the sixth is held back without a check.
      const first = await Promise.all(Array.from({ length: MAX_PER_ACCOUNT + 1 }, () => attempt(account.username, 'wrong password', freshIp())));
      expect(first.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(MAX_PER_ACCOUNT);
      expect(first.filter((r) => r === 'RATE_LIMITED:login-account')).toHaveLength(1);
      expect(checks.count).toBe(MAX_PER_ACCOUNT);

      const waits: number[] = [];
      for (let i = 0; i < 3; i++) {
        await letWaitPass(account.username);
        expect(await attempt(account.username, 'wrong password', freshIp())).toBe('INVALID_CREDENTIALS');
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: freshIp(),
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ login: account.username, password: account.password }),
        });
        expect(res.statusCode).toBe(429);
        expect(res.json().error.code).toBe('RATE_LIMITED');
        expect(res.headers['ratelimit-policy']).toBe(`"login-account";q=${MAX_PER_ACCOUNT};w=900`);
        waits.push(Number(res.headers['retry-after']));
      }
      expect(waits).toEqual([2, 4, MAX_DELAY]);
      expect(checks.count).toBe(MAX_PER_ACCOUNT + 3);

      await letWaitPass(account.username);
      expect(await attempt(account.username, account.password, freshIp())).toBe('ok');
    } finally {
      checks.restore();
    }
  });

  it('locks a login text at the ceiling with the same answer as a wrong password, even for the right one', async () => {
    const account = await register();
    for (let i = 0; i < CEILING; i++) {
      expect(await attempt(account.username, 'wrong password', freshIp(), { app: noDelay })).toBe('INVALID_CREDENTIALS');
    }
    const checks = countChecks(noDelay);
    try {
      expect(await attempt(account.username, account.password, freshIp(), { app: noDelay })).toBe('INVALID_CREDENTIALS');
      expect(await attempt(account.username.toUpperCase(), account.password, freshIp(), { app: noDelay })).toBe('INVALID_CREDENTIALS');
      // Refused without looking at the real hash (a dummy one is verified instead, for the timing).
      expect(checks.count).toBe(0);
      // The email is counted apart (as two unknown texts would be), so the owner still gets in by it.
      expect(await attempt(account.email, account.password, freshIp(), { app: noDelay })).toBe('ok');
    } finally {
      checks.restore();
    }
  });

  it('counts a username and an email apart, as two unknown texts are, so throttling cannot pair them', async () => {
    const account = await register();
    const alternate = async (first: string, second: string) => {
      const ip = freshIp();
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 2 * MAX_PER_ACCOUNT + 2; i++) outcomes.push(await attempt(i % 2 ? second : first, 'wrong password', ip, { app: noDelay }));
      return outcomes;
    };
    const nobody = `ghost_${account.username}`.slice(0, 32);
    const unknown = await alternate(nobody, `${nobody}@example.com`);
    const known = await alternate(account.username, account.email);
    expect(known).toEqual(unknown);
    expect(known.slice(0, 2 * MAX_PER_ACCOUNT)).toEqual(Array(2 * MAX_PER_ACCOUNT).fill('INVALID_CREDENTIALS'));
  });

  it('answers an unknown login exactly as an account under the same attempts, so throttling reveals nothing', async () => {
    const account = await register();
    const run = async (login: string, password: string, account: string) => {
      const outcomes: Outcome[] = [];
      const first = await Promise.all(Array.from({ length: MAX_PER_ACCOUNT + 1 }, () => attempt(login, password, freshIp())));
      outcomes.push(...first.sort());
      await letWaitPass(account);
      for (let i = 0; i < CEILING + 1; i++) outcomes.push(await attempt(login, password, freshIp(), { app: noDelay }));
      return outcomes;
    };
    const nobody = `nobody_${account.username}`.slice(0, 32);
    const unknown = await run(nobody, 'wrong password', nobody);
    const known = await run(account.username, 'wrong password', account.username);
    expect(known).toEqual(unknown);
    expect(new Set(known)).toEqual(new Set(['INVALID_CREDENTIALS', 'RATE_LIMITED:login-account']));
  });

  it.runIf(dbKind() === 'postgres')(
    'checks exactly the ceiling’s worth of 30 parallel guesses from 30 addresses (PostgreSQL: PGlite runs them one at a time)',
    async () => {
      const account = await register();
      const checks = countChecks(noDelay);
      try {
        const results = await Promise.allSettled(
          Array.from({ length: 30 }, () => noDelay.caller({ ip: freshIp() }).auth.login({ login: account.username, password: 'wrong password' })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(0);
        expect(checks.count).toBe(CEILING);
        const row = await t.db.knex('rate_limit_windows').where({ key: `login:account:${account.username}` }).first('attempts');
        expect(row.attempts).toBe(30);
      } finally {
        checks.restore();
      }
    },
  );
});

describe('per account and address', () => {
  it('refuses an address that spent its budget on an account with 429, while another address gets in', async () => {
    const account = await register();
    const ip = freshIp();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) await attempt(account.username, 'wrong password', ip, { app: noDelay });
    const res = await noDelay.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: account.username, password: account.password }),
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(res.headers['ratelimit-policy']).toBe(`"login-account-ip";q=${MAX_PER_ACCOUNT};w=900`);
    expect(await attempt(account.username, account.password, freshIp(), { app: noDelay })).toBe('ok');
  });

  it('forgets its address’s failures after a successful login from there', async () => {
    const roomy = await createTestApp(
      { CALOS_LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT), CALOS_LOGIN_ACCOUNT_CEILING: '100', CALOS_LOGIN_MAX_DELAY_SECONDS: '0' },
      { db: t.db },
    );
    try {
      const account = await register();
      const ip = freshIp();
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) expect(await attempt(account.username, 'wrong password', ip, { app: roomy })).toBe('INVALID_CREDENTIALS');
        expect(await attempt(account.username, account.password, ip, { app: roomy })).toBe('ok');
      }
    } finally {
      await roomy.close();
    }
  });

  it.runIf(dbKind() === 'postgres')(
    'checks exactly the budget’s worth of 20 parallel guesses from one address (PostgreSQL: PGlite runs them one at a time)',
    async () => {
      const roomy = await createTestApp(
        { CALOS_LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT), CALOS_LOGIN_MAX_PER_IP: '1000', CALOS_ARGON2_CONCURRENCY: '4' },
        { db: t.db },
      );
      const checks = countChecks(roomy);
      try {
        const account = await register();
        const ip = freshIp();
        const results = await Promise.all(Array.from({ length: 20 }, () => attempt(account.username, 'wrong password', ip, { app: roomy })));
        expect(results.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(MAX_PER_ACCOUNT);
        expect(results.filter((r) => r === 'RATE_LIMITED:login-account-ip')).toHaveLength(20 - MAX_PER_ACCOUNT);
        expect(checks.count).toBe(MAX_PER_ACCOUNT);
      } finally {
        checks.restore();
        await roomy.close();
      }
    },
  );
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
  raceTest('settles 10 parallel right and 10 wrong passwords for one account from one address, each counted exactly once', async () => {
    // The checking and settling statements of 20 logins overlap on the same three window rows (both
    // lock them in one order, so they cannot deadlock); every hit and refund must land.
    const roomy = await createTestApp(
      { CALOS_LOGIN_MAX_PER_ACCOUNT: '1000', CALOS_LOGIN_MAX_PER_IP: '1000', CALOS_LOGIN_ACCOUNT_CEILING: '1000', CALOS_ARGON2_CONCURRENCY: '4' },
      { db: t.db },
    );
    try {
      const ip = freshIp();
      const account = await register();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => attempt(account.username, i % 2 ? 'wrong password' : account.password, ip, { app: roomy })),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(10);
      expect(results.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(10);
      // The 10 successes took their address and account hits back; the 10 failures stay counted.
      const rows = await t.db.knex('rate_limit_windows').whereIn('key', [`login:ip:${ip}`, `login:account:${account.username}`]).select('key', 'attempts');
      expect(Object.fromEntries(rows.map((r) => [r.key, r.attempts]))).toEqual({ [`login:ip:${ip}`]: 10, [`login:account:${account.username}`]: 10 });
    } finally {
      await roomy.close();
    }
  });
});

describe('across instances', () => {
  it('holds one account budget for two app instances on the same database', async () => {
    const instance = await createTestApp(
      { CALOS_LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT), CALOS_LOGIN_ACCOUNT_CEILING: String(CEILING), CALOS_LOGIN_MAX_DELAY_SECONDS: '0' },
      { db: t.db },
    );
    try {
      const account = await register();
      const apps = [noDelay, instance];
      for (let i = 0; i < CEILING; i++) await attempt(account.username, 'wrong password', freshIp(), { app: apps[i % 2] });
      expect(await attempt(account.username, account.password, freshIp(), { app: noDelay })).toBe('INVALID_CREDENTIALS');
      expect(await attempt(account.username, account.password, freshIp(), { app: instance })).toBe('INVALID_CREDENTIALS');
    } finally {
      await instance.close();
    }
  });
});

describe('registration', () => {
  it('is throttled per address: past the hourly limit it answers 429 with Retry-After, other addresses unaffected', async () => {
    const strict = await createTestApp({ CALOS_REGISTER_MAX_PER_IP: '3' }, { db: t.db });
    try {
      const ip = freshIp();
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push(await strict.caller({ ip }).auth.register(newAccount()).then(() => 'ok', (e: { cause?: { code?: string } }) => e.cause?.code ?? 'error'));
      }
      expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
      const res = await strict.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: ip,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(newAccount()),
      });
      expect(res.statusCode).toBe(429);
      expect(res.headers['ratelimit-policy']).toBe('"register-ip";q=3;w=3600');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await strict.caller({ ip: freshIp() }).auth.register(newAccount());
    } finally {
      await strict.close();
    }
  });
});
