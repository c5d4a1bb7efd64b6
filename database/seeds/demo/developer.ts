// The demo account as a developer: an application with a live key (webhooks) and a test key that
// has been calling the API for two weeks (its usage, and what it did in the application's sandbox),
// and a webhook endpoint with a history of deliveries. The endpoint's host is in the reserved
// .invalid domain: nothing is ever sent anywhere, and a new delivery fails to resolve (and retries).
import { createApiKeyInput, createApplicationInput } from '../../../shared/schemas/developer';
import { registerWebhookInput } from '../../../shared/schemas/webhooks';
import { createApplication } from '../../../server/modules/developer/applications';
import { createApiKey } from '../../../server/modules/developer/api-keys';
import { registerWebhook } from '../../../server/modules/webhooks/service';
import { webhookTestEvent } from '../../../server/events/catalogue';
import { executeActionIn } from '../../../server/modules/actions/engine';
import { awardXp } from '../../../server/modules/skills/service';
import { LATENCY_BUCKETS_MS } from '../../../server/modules/usage/recorder';
import { dayTime, daysBefore, type DemoContext } from './context';
import type { Random } from './random';

export const DEMO_WEBHOOK_URL = 'https://hooks.demo.calos.invalid/calos';
export const DEMO_WEBHOOK_EVENTS = ['achievement.unlocked', 'level.up', 'coupon.redeemed'];
const USAGE_DAYS = 14;

// Requests per day of the test key, by route (a range), and how the latency spreads over the buckets.
const TEST_KEY_ROUTES: Record<string, [number, number]> = {
  'POST /actions/execute': [10, 60],
  'GET /actions/check/{code}': [10, 40],
  'POST /skills/award-xp': [4, 25],
  'GET /skills/user/{userId}': [20, 80],
  'GET /skills/leaderboard': [5, 30],
};
const LATENCY_SHAPE = [0.08, 0.3, 0.34, 0.16, 0.07, 0.04, 0.01, 0, 0, 0, 0];

export async function seedDemoDeveloper(ctx: DemoContext): Promise<{ apiKeys: number; deliveries: number }> {
  const { trx, now, demo } = ctx;
  const random = ctx.random('developer');
  const owner = { id: demo.id, role: 'user' as const };
  const actor = { kind: 'user' as const, userId: demo.id, role: 'user' as const, mode: 'live' as const };

  const application = await createApplication(trx, demo.id, createApplicationInput.parse({
    name: 'Chess puzzles',
    description: 'Awards Analytics XP for solved puzzles (examples/chess-puzzles) and listens for level-ups.',
  }));
  const live = await createApiKey(trx, owner, createApiKeyInput.parse({ applicationId: application.id, name: 'Production webhooks', mode: 'live', scopes: ['webhooks:manage'] }));
  const test = await createApiKey(trx, owner, createApiKeyInput.parse({
    applicationId: application.id,
    name: 'Local development',
    mode: 'test',
    scopes: ['skills:award', 'actions:execute', 'users:read'],
  }));
  const created = daysBefore(now, 21);
  await trx('applications').where({ id: application.id }).update({ created_at: created });
  await trx('api_keys').where({ id: live.key.id }).update({ created_at: created, last_used_at: dayTime(now, 3, 11) });
  await trx('api_keys').where({ id: test.key.id }).update({ created_at: created, last_used_at: dayTime(now, 0, 23.9) });

  await seedSandbox(ctx, random, application.id, test.key.id);
  await seedUsage(ctx, random, [test.key.id, live.key.id]);

  const { endpoint } = await registerWebhook(trx, { allowPrivate: true }, actor, registerWebhookInput.parse({
    url: DEMO_WEBHOOK_URL,
    events: DEMO_WEBHOOK_EVENTS,
    applicationId: application.id,
    description: 'Level-ups and achievements for the puzzle app (a reserved .invalid host: nothing is sent).',
  }));
  const since = daysBefore(now, 18);
  await trx('webhook_endpoints').where({ id: endpoint.id }).update({ created_at: since, updated_at: since });
  await ctx.events.emit(trx, {
    event: webhookTestEvent,
    data: { endpointId: endpoint.id, message: 'This is a test event from CalOS.' },
    mode: 'live',
    userId: demo.id,
    applicationId: application.id,
    endpointId: endpoint.id,
  });
  await ctx.backdate(new Date(since.getTime() + 120_000));
  return { apiKeys: 2, deliveries: await seedDeliveries(ctx, random, endpoint.id, since) };
}

/** What the test key did in the application's sandbox: executions and XP for the demo account and a few players. */
async function seedSandbox(ctx: DemoContext, random: Random, applicationId: string, keyId: string) {
  const users = [ctx.demo, ...ctx.players.slice(0, 3)];
  for (let i = 0; i < 12; i++) {
    const user = random.pick(users);
    const outcome = await executeActionIn(ctx.trx, ctx.engine, {
      mode: 'test', userId: user.id, actionCode: random.pick(['submit_code', 'review_code', 'vote_like']), params: { source: 'local test' }, apiKeyId: keyId, applicationId,
    });
    if ('refused' in outcome) throw new Error(`demo data: a sandbox execution was refused (${outcome.refused.reason})`);
    await ctx.backdate(dayTime(ctx.now, random.int(0, USAGE_DAYS - 1), 9 + random.next() * 9));
  }
  for (const user of users) {
    await awardXp(ctx.trx, ctx.events, {
      mode: 'test', userId: user.id, skill: 'analytics', xp: random.int(40, 400), reason: 'puzzle solved (test)', source: { kind: 'api_key', id: keyId }, applicationId,
    });
    await ctx.backdate(dayTime(ctx.now, random.int(0, USAGE_DAYS - 1), 9 + random.next() * 9));
  }
}

/** Daily usage rows as the usage recorder writes them: requests, errors and latency buckets per route. */
async function seedUsage(ctx: DemoContext, random: Random, [testKey, liveKey]: [string, string]) {
  const rows = [];
  for (let daysAgo = USAGE_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const day = dayTime(ctx.now, daysAgo, 12).toISOString().slice(0, 10);
    if (random.chance(0.15)) continue; // a day off
    for (const [route, [min, max]] of Object.entries(TEST_KEY_ROUTES)) {
      const requests = random.int(min, max);
      rows.push({ day, api_key_id: testKey, route, requests, errors: random.chance(0.3) ? random.int(1, 3) : 0, latency_buckets: spread(random, requests) });
    }
  }
  rows.push({ day: daysBefore(ctx.now, 18).toISOString().slice(0, 10), api_key_id: liveKey, route: 'POST /webhooks/register', requests: 1, errors: 0, latency_buckets: spread(random, 1) });
  await ctx.trx('api_usage_daily').insert(rows);
}

function spread(random: Random, requests: number): number[] {
  const buckets = LATENCY_BUCKETS_MS.map(() => 0);
  for (let i = 0; i < requests; i++) {
    let r = random.next();
    const index = LATENCY_SHAPE.findIndex((share) => (r -= share) < 0);
    buckets[index < 0 ? 2 : index]!++;
  }
  return buckets;
}

/**
 * The endpoint's delivery history: every event about the demo account it subscribes to since it
 * was registered (and its test event), answered 200 by the receiver; two of them on a retry.
 */
async function seedDeliveries(ctx: DemoContext, random: Random, endpointId: string, since: Date): Promise<number> {
  const events = (await ctx.trx('events')
    .where({ user_id: ctx.demo.id, mode: 'live' })
    .where((w) => w.whereIn('type', DEMO_WEBHOOK_EVENTS).orWhere({ type: 'webhook.test' }))
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .select('id', 'created_at')) as Array<{ id: string; created_at: Date }>;
  const retried = new Set(random.sample(events.map((e) => e.id), 2));
  const rows = events.map((event) => {
    const retry = retried.has(event.id);
    const durationMs = random.int(35, 280);
    const lastAttempt = new Date(event.created_at.getTime() + (retry ? 31_000 : 400) + random.int(0, 900));
    return {
      endpoint_id: endpointId,
      event_id: event.id,
      status: 'succeeded',
      attempts: retry ? 2 : 1,
      response_status: 200,
      response_body: '{"received":true}',
      duration_ms: durationMs,
      created_at: event.created_at,
      last_attempt_at: lastAttempt,
      delivered_at: new Date(lastAttempt.getTime() + durationMs),
    };
  });
  if (rows.length) await ctx.trx('webhook_deliveries').insert(rows);
  return rows.length;
}
