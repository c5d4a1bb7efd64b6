// The SDK against a real CalOS listening on a local port (this run's database): every method group,
// the contract's error paths as CalOSError, and the retry rules (429 after Retry-After, network
// errors only where safe, one Idempotency-Key reused across attempts).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ActionUnavailableError,
  APIConnectionError,
  AuthenticationError,
  CalOS,
  CalOSError,
  CooldownError,
  isCalOSError,
  NotFoundError,
  paginate,
  PermissionDeniedError,
  ValidationError,
  verifyWebhook,
} from '@calos/sdk';
import { listenTestApp, type ListeningTestApp } from '../../server/testing/listening';
import { newAccount } from '../../server/testing/harness';
import { operatorKey, signUpAdmin } from '../../server/testing/factories';
import { startWebhookReceiver, type WebhookReceiver } from '../../server/testing/webhook-receiver';

let t: ListeningTestApp;
let receiver: WebhookReceiver;
let admin: CalOS;

beforeAll(async () => {
  t = await listenTestApp({ CALOS_WEBHOOK_ALLOW_PRIVATE: 'true' });
  receiver = await startWebhookReceiver();
  admin = new CalOS({ endpoint: t.endpoint, token: (await signUpAdmin(t)).token });
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A fresh user, signed in through the SDK (the client keeps the token). */
async function newUser() {
  const calos = new CalOS({ endpoint: t.endpoint });
  const account = newAccount();
  const { user } = await calos.auth.register(account);
  return { calos, account, userId: user.id };
}

async function keyClient(scopes: Parameters<typeof operatorKey>[1], fetchImpl?: typeof fetch) {
  const key = await operatorKey(t, scopes);
  return new CalOS({ endpoint: t.endpoint, apiKey: key.secret, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

async function rejection(promise: Promise<unknown>): Promise<CalOSError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CalOSError);
  return error as CalOSError;
}

describe('auth', () => {
  it('registers, logs in with a device, manages devices and sessions, and logs out', async () => {
    const { calos, account, userId } = await newUser();
    expect(calos.token).toBeTruthy();
    expect((await calos.auth.session()).user.id).toBe(userId);

    const other = new CalOS({ endpoint: t.endpoint });
    const session = await other.auth.login(account.username, account.password, {
      device: { fingerprint: 'sdk-test-device-0001', signals: { timezone: 'Europe/Paris', platform: 'Linux' } },
    });
    expect(session.user.username).toBe(account.username);
    expect(other.token).toBe(session.token);
    const deviceId = session.device!.id;
    expect((await other.auth.devices()).items.map((d) => d.id)).toContain(deviceId);
    expect((await other.auth.trustDevice(deviceId)).trusted).toBe(true);
    expect((await other.auth.untrustDevice(deviceId)).trusted).toBe(false);
    expect((await other.auth.renameDevice(deviceId, 'Work laptop')).label).toBe('Work laptop');
    expect((await other.auth.sessions()).items.length).toBe(2);
    expect(Array.isArray((await other.auth.alerts()).items)).toBe(true);
    const refreshed = await other.auth.refresh();
    expect(other.token).toBe(refreshed.token);

    await calos.auth.verifyAge({ minimumAge: 18, method: 'self_declaration', declaredOver: true });
    expect((await calos.auth.ageVerifications()).items[0]).toMatchObject({ minimumAge: 18, over: true });

    await calos.auth.revokeOtherSessions();
    const refused = await rejection(other.auth.session());
    expect([refused.status, refused.code]).toEqual([401, 'UNAUTHENTICATED']);

    const stale = calos.token!;
    await calos.auth.logout();
    expect(calos.token).toBeUndefined();
    const afterLogout = await rejection(new CalOS({ endpoint: t.endpoint, token: stale }).auth.session());
    expect(afterLogout.status).toBe(401);
  });

  it('answers a wrong password with 401 INVALID_CREDENTIALS and a request id', async () => {
    const { account } = await newUser();
    const error = await rejection(new CalOS({ endpoint: t.endpoint }).auth.login(account.username, 'not the password at all'));
    expect(error.status).toBe(401);
    expect(error.requestId).toBeTruthy();
  });
});

describe('developer platform', () => {
  it('creates an application and a key, acts with the key, reads usage, and revokes', async () => {
    const { calos } = await newUser();
    const app = await calos.apps.create({ name: 'Chess club' });
    expect((await calos.apps.update(app.id, { description: 'Puzzles' })).description).toBe('Puzzles');
    expect((await calos.apps.get(app.id)).name).toBe('Chess club');
    expect((await calos.apps.list()).items.map((a) => a.id)).toContain(app.id);
    const created = await calos.apps.createKey(app.id, { name: 'server', scopes: ['webhooks:manage'] });
    expect(created.secret).toMatch(/^calos_sk_/);
    const byKey = new CalOS({ endpoint: t.endpoint, apiKey: created.secret });
    expect((await byKey.keys.me()).application.id).toBe(app.id);
    expect((await calos.apps.keys(app.id)).items).toHaveLength(1);
    const usage = await calos.usage.get({ applicationId: app.id });
    expect(usage).toMatchObject({ totals: expect.any(Object), days: expect.any(Array), routes: expect.any(Array) });
    expect(usage.from <= usage.to).toBe(true);
    await calos.apps.revokeKey(app.id, created.key.id);
    expect((await rejection(byKey.keys.me())).status).toBe(401);
    await calos.apps.delete(app.id);
    const gone = await rejection(calos.apps.get(app.id));
    expect([gone.status, gone.code, gone.details.resource]).toEqual([404, 'NOT_FOUND', 'application']);
  });
});

describe('skills', () => {
  it('lists skills, awards XP with a key, reads the user and the leaderboard', async () => {
    const { userId } = await newUser();
    const calos = await keyClient(['skills:award', 'users:read']);
    expect((await calos.skills.list()).items).toHaveLength(10);
    expect((await calos.skills.get('development')).levels[1]).toEqual({ level: 2, xp: 83 });
    const award = await calos.skills.awardXP(userId, 'development', 100, { reason: 'sdk test' });
    expect(award).toMatchObject({ skill: 'development', xp: 100, level: 2, levelsGained: 1 });
    const skills = await calos.skills.user(userId);
    expect(skills.skills.find((s) => s.code === 'development')?.xp).toBe(100);
    expect(await calos.skills.progress(userId)).toMatchObject({ userId, totalXp: 100, xpToday: 100, xpThisWeek: 100 });
    const board = await calos.skills.leaderboard({ skill: 'development', around: userId });
    expect(board.items.some((row) => row.userId === userId)).toBe(true);
    const everyone: string[] = [];
    for await (const row of paginate((cursor) => calos.skills.leaderboard({ skill: 'development', limit: 1, ...(cursor ? { cursor } : {}) }))) everyone.push(row.userId);
    expect(everyone).toContain(userId);
  });
});

describe('schedules', () => {
  it('lists schedules and checks one at an instant', async () => {
    const calos = new CalOS({ endpoint: t.endpoint });
    expect((await calos.schedule.list()).items.map((s) => s.code)).toEqual(expect.arrayContaining(['always', 'nyse', 'nasdaq']));
    const closed = await calos.schedule.check({ schedule: 'nyse', at: '2026-11-26T15:00:00Z' });
    expect(closed).toMatchObject({ open: false, reason: expect.stringContaining('HOLIDAY') });
  });
});

describe('leagues', () => {
  it('creates, registers, starts, records a match and reads standings, leaderboard and Elo', async () => {
    const calos = await keyClient(['leagues:manage']);
    expect((await calos.leagues.games()).items.map((g) => g.code)).toEqual(['chess', 'tic-tac-toe', 'checkers']);
    const league = await calos.leagues.create({
      game: 'chess', name: 'SDK cup', tier: 'bronze', startDate: later(1), endDate: later(30), format: 'open', maxParticipants: 4,
    });
    const [a, b] = await Promise.all([newUser(), newUser()]);
    await a.calos.leagues.register(league.id);
    await calos.leagues.register(league.id, { userId: b.userId });
    await calos.leagues.start(league.id);
    const match = await calos.leagues.recordMatch({ leagueId: league.id, playerA: a.userId, playerB: b.userId, result: 'a' });
    expect(match.ratings).toMatchObject({ a: { before: 1200, after: 1216 }, b: { before: 1200, after: 1184 } });
    expect((await calos.leagues.standings(league.id)).items[0]).toMatchObject({ userId: a.userId, won: 1 });
    expect((await calos.leagues.leaderboard({ game: 'chess' })).items.map((r) => r.userId)).toContain(a.userId);
    expect((await calos.leagues.elo(a.userId)).items[0]).toMatchObject({ game: 'chess', rating: 1216 });
    expect((await calos.leagues.get(league.id)).league.id).toBe(league.id);
    expect((await calos.leagues.list({ game: 'chess' })).items.map((l) => l.id)).toContain(league.id);
    const again = await rejection(a.calos.leagues.register(league.id));
    expect([again.status, again.code, again.reason]).toEqual([409, 'CONFLICT', 'ALREADY_REGISTERED']);
  });
});

describe('the seed document’s examples', () => {
  it('checks vote_domain and creates a league from a date alone, as written there', async () => {
    const calos = await keyClient(['leagues:manage', 'actions:execute']);
    const { userId } = await newUser();
    const available = await calos.actions.check(userId, 'vote_domain');
    expect(available).toMatchObject({ actionCode: 'vote_domain', available: true, remainingToday: 1000 });

    const league = await calos.leagues.create({
      game: 'chess',
      tier: 'bronze',
      startDate: '2025-11-01'
    });
    expect(league).toMatchObject({
      name: 'Chess bronze league, November 2025',
      format: 'open',
      startDate: '2025-11-01T00:00:00.000Z',
      endDate: '2025-12-01T00:00:00.000Z',
      maxParticipants: 64,
      kFactor: 32,
      status: 'running',
      registrationOpen: true,
    });
    const player = await newUser();
    expect(await player.calos.leagues.register(league.id)).toMatchObject({ leagueId: league.id, userId: player.userId });
  });
});

describe('swiper', () => {
  it('generates a deck, draws, swipes (once), likes back, reads analytics and exports', async () => {
    const owner = await newUser();
    const deck = await owner.calos.swiper.generateDeck({ name: 'SDK deck', seed: 'sdk', count: 3, attributes: [{ key: 'city', values: [{ value: 'Lyon', weight: 1 }] }] });
    expect((await owner.calos.swiper.deck(deck.id)).cards).toBe(3);
    const own = await owner.calos.swiper.addCard(deck.id, { profile: { name: 'Owner' }, weight: 2 });
    const fan = await newUser();
    const drawn = await fan.calos.swiper.draw(deck.id, { count: 4 });
    expect(new Set(drawn.cards.map((c) => c.id)).size).toBe(4);
    const liked = await fan.calos.swiper.swipe(own.id, 'right');
    expect(liked).toMatchObject({ replayed: false, xpAwarded: 1 });
    expect((await fan.calos.swiper.swipe(own.id, 'right')).replayed).toBe(true);
    expect((await rejection(fan.calos.swiper.swipe(own.id, 'left'))).status).toBe(409);
    const match = await owner.calos.swiper.likeBack(own.id, fan.userId);
    expect((await fan.calos.swiper.matches()).items.map((m) => m.id)).toEqual([match.id]);
    expect((await owner.calos.swiper.analytics(deck.id, { days: 1 })).totals.swipes).toBe(1);
    expect((await owner.calos.swiper.exportCsv(deck.id)).trim().split('\r\n')).toHaveLength(2);
  });
});

describe('mailer', () => {
  it('runs a campaign: codes, the one-time CSV, a redemption, inventory, addresses and deliveries', async () => {
    const calos = await keyClient(['mailer:manage']);
    const campaign = await calos.mailer.createCampaign({
      name: 'SDK mailer', period: 'one_off', startsAt: later(-1), endsAt: later(30), benefits: [{ type: 'xp_boost', multiplier: 2, hours: 24 }],
    });
    expect((await calos.mailer.campaign(campaign.id)).name).toBe('SDK mailer');
    expect((await calos.mailer.campaigns()).items.map((c) => c.id)).toContain(campaign.id);
    const batch = await calos.mailer.generateCoupons({ campaignId: campaign.id, count: 3 });
    expect(batch.codes).toHaveLength(3);
    const csv = await calos.mailer.downloadCodesCsv(batch.batchId);
    expect(csv.split('\r\n')[0]).toBe('code,campaign,uses_per_code,expires_at');
    expect(csv).toContain(batch.codes[0]);
    expect((await rejection(calos.mailer.downloadCodesCsv(batch.batchId))).status).toBe(410);
    expect((await calos.mailer.batches(campaign.id)).items[0]).toMatchObject({ id: batch.batchId, csvAvailable: false });

    const { calos: user } = await newUser();
    const redeemed = await user.mailer.redeem(batch.codes[0]!);
    expect(redeemed.benefits).toHaveLength(1);
    const again = await rejection(user.mailer.redeem(batch.codes[0]!));
    expect([again.status, again.reason]).toEqual([409, 'ALREADY_REDEEMED']);
    expect((await user.mailer.inventory()).activeBoosts).toHaveLength(1);
    await user.mailer.setAddress({ recipient: 'Ada Lovelace', line1: '12 St James’s Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'gb', optedIn: true });
    expect((await user.mailer.address()).address?.recipient).toBe('Ada Lovelace');
    await calos.mailer.queueDeliveries(campaign.id);
    const deliveries = await calos.mailer.deliveries(campaign.id);
    expect(deliveries.items).toHaveLength(1);
    expect((await calos.mailer.updateDelivery(deliveries.items[0]!.id, { status: 'printed' })).status).toBe('printed');
    await user.mailer.deleteAddress();
    expect((await user.mailer.address()).address).toBeNull();
  });
});

describe('webhooks', () => {
  it('registers an endpoint, sends a test event that verifyWebhook accepts, and manages the endpoint', async () => {
    const { calos } = await newUser();
    expect((await calos.webhooks.eventTypes()).items.map((e) => e.type)).toContain('webhook.test');
    const { endpoint, secret } = await calos.webhooks.register({ url: receiver.url, events: ['webhook.test'] });
    expect((await calos.webhooks.get(endpoint.id)).url).toBe(receiver.url);
    expect((await calos.webhooks.list()).items.map((w) => w.id)).toContain(endpoint.id);
    await calos.webhooks.sendTest(endpoint.id);
    const [delivery] = await receiver.waitFor(1);
    const event = await verifyWebhook(delivery!.body, delivery!.headers as Record<string, string>, secret);
    expect(event.type).toBe('webhook.test');
    await expect(verifyWebhook(delivery!.body.replace('webhook.test', 'webhook.tset'), delivery!.headers as Record<string, string>, secret)).rejects.toThrow();

    const deliveries = await calos.webhooks.deliveries(endpoint.id);
    expect(deliveries.items).toHaveLength(1);
    await calos.webhooks.replay(deliveries.items[0]!.id);
    const [, replayed] = await receiver.waitFor(2);
    expect(replayed!.headers['webhook-id']).toBe(delivery!.headers['webhook-id']);
    expect((await calos.webhooks.update(endpoint.id, { description: 'SDK' })).description).toBe('SDK');
    const rotated = await calos.webhooks.rotateSecret(endpoint.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    await calos.webhooks.delete(endpoint.id);
    expect((await rejection(calos.webhooks.get(endpoint.id))).status).toBe(404);
  });
});

describe('actions', () => {
  it('lists actions, checks one, reads history and stats, and reports an unknown action', async () => {
    const { userId } = await newUser();
    const calos = await keyClient(['actions:execute']);
    const { items } = await calos.actions.list();
    expect(items.length).toBeGreaterThan(0);
    // A new user may take an action that no schedule closes; nothing has been done yet.
    const anytime = items.find((a) => a.schedules.length === 0)!;
    expect(await calos.actions.check(userId, anytime.code)).toMatchObject({ available: true, reason: null });
    expect((await calos.actions.history(userId)).items).toEqual([]);
    expect((await calos.actions.stats(userId)).total).toBe(0);
    const unknown = await rejection(calos.actions.execute(userId, 'no_such_action_code', {}));
    expect(unknown.status).toBe(404);
  });
});

describe('errors', () => {
  it('401 for an unknown key, 403 naming the required scope, 400 naming the field, 404 naming the resource', async () => {
    const { userId } = await newUser();
    const unknownKey = new CalOS({ endpoint: t.endpoint, apiKey: 'calos_sk_notarealkeynotarealkeynotarealkey0000' });
    const unauthenticated = await rejection(unknownKey.skills.awardXP(userId, 'development', 1));
    expect([unauthenticated.status, unauthenticated.code]).toEqual([401, 'UNAUTHENTICATED']);

    const wrongScope = await keyClient(['leagues:manage']);
    const forbidden = await rejection(wrongScope.skills.awardXP(userId, 'development', 1));
    expect([forbidden.status, forbidden.code, forbidden.requiredScope]).toEqual([403, 'FORBIDDEN', 'skills:award']);

    const awarder = await keyClient(['skills:award']);
    const invalid = await rejection(awarder.skills.awardXP(userId, 'development', 0));
    expect([invalid.status, invalid.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(invalid.issues.map((i) => i.path)).toContain('body.xp');

    const missing = await rejection(awarder.skills.get('no_such_skill'));
    expect([missing.status, missing.code, missing.details.resource]).toEqual([404, 'NOT_FOUND', 'skill']);
  });

  it('reports a 429 at once, with retryAfterSeconds, when Retry-After is longer than it may wait', async () => {
    const app = await admin.apps.create({ name: 'Throttled' });
    const slow = await admin.apps.createKey(app.id, { name: 'one a minute', scopes: ['skills:award'], rateLimitPerMinute: 1 });
    const calos = new CalOS({ endpoint: t.endpoint, apiKey: slow.secret, maxRetryAfterSeconds: 0 });
    await calos.keys.me();
    const limited = await rejection(calos.keys.me());
    expect([limited.status, limited.code]).toEqual([429, 'RATE_LIMITED']);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('retries', () => {
  /** A fetch that lets the test decide what each attempt sees, recording what was sent. */
  function scriptedFetch(script: Array<'pass' | 'lose-response' | 'network-error' | { status: number; headers?: Record<string, string> }>) {
    const sent: Array<{ url: string; idempotencyKey: string | null; replayed?: string | null }> = [];
    const impl: typeof fetch = async (input, init) => {
      const step = script.shift() ?? 'pass';
      const headers = new Headers(init?.headers);
      const record = { url: String(input), idempotencyKey: headers.get('idempotency-key') } as (typeof sent)[number];
      sent.push(record);
      if (step === 'network-error') throw new TypeError('fetch failed');
      if (typeof step === 'object') {
        return new Response(JSON.stringify({ error: { code: step.status === 429 ? 'RATE_LIMITED' : 'INTERNAL', message: 'scripted', details: {} } }), {
          status: step.status,
          headers: { 'content-type': 'application/json', ...step.headers },
        });
      }
      const response = await fetch(input, init);
      record.replayed = response.headers.get('idempotent-replayed');
      // The server handled it, but the answer is lost on the way back.
      if (step === 'lose-response') throw new TypeError('socket hang up');
      return response;
    };
    return { impl, sent };
  }

  it('retries a write whose answer was lost with the same Idempotency-Key, and the XP is added once', async () => {
    const { userId } = await newUser();
    const { impl, sent } = scriptedFetch(['lose-response', 'pass']);
    const calos = await keyClient(['skills:award'], impl);
    const award = await calos.skills.awardXP(userId, 'development', 500);
    expect(award.xp).toBe(500);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.idempotencyKey).toBeTruthy();
    expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
    expect(sent[1]!.replayed).toBe('true');
    expect((await calos.skills.user(userId)).skills.find((s) => s.code === 'development')?.xp).toBe(500);
  });

  it('sends a new key per logical call, and your own key when given', async () => {
    const { userId } = await newUser();
    const { impl, sent } = scriptedFetch([]);
    const calos = await keyClient(['skills:award'], impl);
    await calos.skills.awardXP(userId, 'development', 1);
    await calos.skills.awardXP(userId, 'development', 1);
    await calos.skills.awardXP(userId, 'development', 1, {}, { idempotencyKey: 'puzzle-42-solved' });
    const again = await calos.skills.awardXP(userId, 'development', 1, {}, { idempotencyKey: 'puzzle-42-solved' });
    expect(new Set(sent.map((s) => s.idempotencyKey)).size).toBe(3);
    expect(sent[3]!.replayed).toBe('true');
    expect(again.xp).toBe(3);
  });

  it('waits out a 429 RATE_LIMITED for Retry-After, then succeeds', async () => {
    const { impl, sent } = scriptedFetch([{ status: 429, headers: { 'retry-after': '1' } }, 'pass']);
    const calos = new CalOS({ endpoint: t.endpoint, fetch: impl });
    // The wait is observed as the timer the SDK sets, not by the clock.
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      expect((await calos.skills.list()).items).toHaveLength(10);
      expect(timers.mock.calls.map(([, ms]) => ms)).toContain(1000);
    } finally {
      timers.mockRestore();
    }
    expect(sent).toHaveLength(2);
  });

  it('retries reads after network errors and 503s, but never a write without an Idempotency-Key', async () => {
    const reads = scriptedFetch(['network-error', { status: 503 }, 'pass']);
    expect((await new CalOS({ endpoint: t.endpoint, fetch: reads.impl }).schedule.list()).items.length).toBeGreaterThan(0);
    expect(reads.sent).toHaveLength(3);

    const writes = scriptedFetch(['network-error', 'pass']);
    const error = await rejection(new CalOS({ endpoint: t.endpoint, fetch: writes.impl }).auth.register(newAccount()));
    expect([error.code, error.status]).toEqual(['NETWORK_ERROR', 0]);
    expect(writes.sent).toHaveLength(1);

    const exhausted = scriptedFetch(['network-error', 'network-error', 'network-error', 'pass']);
    const gaveUp = await rejection(new CalOS({ endpoint: t.endpoint, fetch: exhausted.impl, maxRetries: 2 }).skills.list());
    expect(gaveUp.code).toBe('NETWORK_ERROR');
    expect(exhausted.sent).toHaveLength(3);
  });
  it('sends an Idempotency-Key on every route that honours one, so a create retried after a network error makes one', async () => {
    const { calos: user, userId } = await newUser();
    const { impl, sent } = scriptedFetch(['lose-response', 'pass']);
    const calos = new CalOS({ endpoint: t.endpoint, token: user.token!, fetch: impl });
    const app = await calos.apps.create({ name: 'Retried club' });
    expect(sent).toHaveLength(2);
    expect(sent[0]!.idempotencyKey).toBeTruthy();
    expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
    expect(sent[1]!.replayed).toBe('true');
    const mine = await user.apps.list();
    expect(mine.items.filter((a) => a.name === 'Retried club').map((a) => a.id)).toEqual([app.id]);
  });

  it('raises the class of each kind, each a CalOSError', async () => {
    const { calos, userId } = await newUser();
    await calos.actions.execute(null, 'vote_like');
    const cooldown = await rejection(calos.actions.execute(null, 'vote_like'));
    expect(cooldown).toBeInstanceOf(CooldownError);
    expect(cooldown).toBeInstanceOf(ActionUnavailableError);
    expect([cooldown.name, cooldown.code, isCalOSError(cooldown)]).toEqual(['CooldownError', 'COOLDOWN', true]);
    const key = await keyClient(['skills:award']);
    expect(await rejection(key.skills.awardXP(userId, 'development', -1))).toBeInstanceOf(ValidationError);
    expect(await rejection(key.webhooks.list())).toBeInstanceOf(PermissionDeniedError);
    expect(await rejection(key.skills.get('no-such-skill'))).toBeInstanceOf(NotFoundError);
    expect(await rejection(new CalOS({ endpoint: t.endpoint, token: 'nope' }).auth.session())).toBeInstanceOf(AuthenticationError);
    const offline = await rejection(new CalOS({ endpoint: 'http://127.0.0.1:9', maxRetries: 0 }).skills.list());
    expect(offline).toBeInstanceOf(APIConnectionError);
  });
});
