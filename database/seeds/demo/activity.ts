// The demo's progress: the synthetic players' XP spread over skills (awarded by the skills service,
// so levels, totals, leaderboard counts and achievements follow), and the demo account's own actions
// over the last four weeks, executed by the actions engine and moved to the days they stand for.
import { awardXp } from '../../../server/modules/skills/service';
import { executeActionIn } from '../../../server/modules/actions/engine';
import { seedSkills } from '../progression';
import { dayTime, type DemoContext } from './context';
import type { Random } from './random';

/** How far back the demo's history goes, in days. */
export const HISTORY_DAYS = 28;
/** The demo account has acted on each of the last this many days, today included. */
export const DEMO_STREAK_DAYS = 8;

// How often the demo account runs each action (relative weights): a voter and developer first.
const DEMO_HABITS = {
  vote_like: 7, vote_dislike: 1, share_domain: 1.5, submit_feedback: 1.5,
  submit_code: 2.2, review_code: 1.8, contribute_docs: 1,
  report_bug: 0.5, verify_fix: 0.4, security_scan: 0.3,
  comment: 2, like_post: 2, follow_user: 0.8,
  list_item: 0.6, make_offer: 0.6, complete_trade: 0.3,
} as const;

export interface DemoStep {
  at: Date;
  actionCode: string;
  /** Executed twice at once: the second is refused for its cooldown, as a double click would be. */
  doubleClick?: boolean;
}

/**
 * The demo account's executions, oldest first: most days of the last four weeks, a few actions to a
 * dozen each, every one of the last DEMO_STREAK_DAYS days and none the day before them.
 */
export function demoActivityPlan(random: Random, now: Date): DemoStep[] {
  const steps: DemoStep[] = [];
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const inStreak = daysAgo < DEMO_STREAK_DAYS;
    if (daysAgo === DEMO_STREAK_DAYS || (!inStreak && random.chance(0.3))) continue;
    const count = random.int(2, daysAgo === 0 ? 4 : 7);
    const hours = Array.from({ length: count }, () => 7 + random.next() * 15.5).sort((a, b) => a - b);
    for (const hour of hours) steps.push({ at: dayTime(now, daysAgo, hour), actionCode: random.weighted(DEMO_HABITS) });
  }
  // Today's steps may all fall on one instant (a seed early in the day): keep them in order, a
  // millisecond apart.
  steps.forEach((step, i) => {
    if (i > 0 && step.at <= steps[i - 1]!.at) step.at = new Date(steps[i - 1]!.at.getTime() + 1);
  });
  // Two refusals in the history: a scan run twice within its five-minute cooldown.
  for (const index of [Math.floor(steps.length / 3), Math.floor((steps.length * 2) / 3)]) {
    steps[index] = { ...steps[index]!, actionCode: 'security_scan', doubleClick: true };
  }
  return steps;
}

/** Executes the demo account's history through the actions engine, each step at its instant. */
export async function seedDemoActivity(ctx: DemoContext): Promise<number> {
  const steps = demoActivityPlan(ctx.random('activity'), ctx.now);
  const execute = (actionCode: string) =>
    executeActionIn(ctx.trx, ctx.engine, { mode: 'live', userId: ctx.demo.id, actionCode, params: {}, apiKeyId: null, applicationId: null });
  for (const step of steps) {
    const outcome = await execute(step.actionCode);
    if ('refused' in outcome) throw new Error(`demo data: ${step.actionCode} was refused (${outcome.refused.reason})`);
    if (step.doubleClick && !('refused' in (await execute(step.actionCode)))) {
      throw new Error(`demo data: a second ${step.actionCode} within its cooldown was not refused`);
    }
    await ctx.backdate(step.at);
  }
  return steps.length;
}

/**
 * The players' XP: a total drawn around the demo account's (a few far above, many near, some
 * below), split over one to three skills and awarded by the skills service on a day of the last
 * four weeks. Analytics is left to the league games.
 */
export async function seedPlayerProgress(ctx: DemoContext): Promise<number> {
  const random = ctx.random('players');
  const skills = seedSkills.map((s) => s.code).filter((code) => code !== 'analytics');
  let awards = 0;
  for (const player of ctx.players) {
    const total = Math.min(150_000, Math.max(250, Math.round(Math.exp(Math.log(4500) + 1.1 * random.normal()))));
    const chosen = random.sample(skills, random.int(1, 3));
    const weights = chosen.map(() => 0.3 + random.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    for (const [i, skill] of chosen.entries()) {
      const xp = Math.max(1, Math.round((total * weights[i]!) / sum));
      await awardXp(ctx.trx, ctx.events, {
        mode: 'live',
        userId: player.id,
        skill,
        xp,
        reason: 'demo history',
        source: { kind: 'admin', id: ctx.operator.userId },
      });
      awards++;
    }
    await ctx.backdate(dayTime(ctx.now, random.int(1, HISTORY_DAYS - 1), 8 + random.next() * 14));
  }
  return awards;
}

/**
 * Each seeded user's per-action state (live and sandboxes) as the engine would have left it after the
 * history: the last execution (cooldowns) and today's count in the user's time zone (daily limits).
 */
export async function settleActionState(ctx: DemoContext): Promise<void> {
  await ctx.trx.raw(
    `UPDATE user_action_state s SET
       last_executed_at = x.last_at,
       day = CASE WHEN x.today > 0 THEN (:now::timestamptz AT TIME ZONE x.zone)::date END,
       day_resets_at = CASE WHEN x.today > 0 THEN (date_trunc('day', :now::timestamptz AT TIME ZONE x.zone) + interval '1 day') AT TIME ZONE x.zone END,
       day_count = x.today
     FROM (
       SELECT l.mode, l.user_id, l.action_id, z.zone, max(l.executed_at) AS last_at,
              count(*) FILTER (WHERE NOT l.free_use AND l.executed_at >= date_trunc('day', :now::timestamptz AT TIME ZONE z.zone) AT TIME ZONE z.zone)::int AS today
         FROM user_action_log l
         JOIN users u ON u.id = l.user_id
         CROSS JOIN LATERAL (SELECT coalesce(u.timezone, 'UTC') AS zone) z
        WHERE l.status = 'succeeded' AND l.user_id = ANY(:users::uuid[])
        GROUP BY l.mode, l.user_id, l.action_id, z.zone
     ) x
     WHERE s.mode = x.mode AND s.user_id = x.user_id AND s.action_id = x.action_id`,
    { now: ctx.now, users: `{${[ctx.demo.id, ...ctx.players.map((p) => p.id)].join(',')}}` },
  );
}
