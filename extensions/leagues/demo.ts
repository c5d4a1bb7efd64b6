// The demo's leagues, run by the leagues service as an operator would: a chess round robin that
// ended two weeks ago, a checkers round robin two rounds in (the demo account has fixtures left to
// play), and an open tic-tac-toe league taking registrations. Results are recorded in order, so
// ratings, standings, XP and events follow, then moved to the days they were played. Round robins
// draw every fixture at the start from ratings and registration times, so the whole season is the
// same on every machine (Swiss pairings would break ties by user id).
import { dayTime, daysBefore, type DemoContext, type DemoUser, type Kernel, type Random } from '../../server/extensions/api';
import { createLeagueInput, recordMatchInput } from './schemas';
import { createLeague, registerParticipant, startLeague } from './server/service';
import { recordMatch } from './server/matches';
import { expectedScore } from '../../shared/elo';
import type { MatchResult } from './server/games/index';
import type { MatchRow } from './server/models';

interface LeaguePlan {
  game: string;
  gameName: string;
  tier: string;
  format: 'round_robin' | 'open';
  players: DemoUser[];
  /** Days before now; a negative day is in the future. */
  createdDaysAgo: number;
  startsDaysAgo: number;
  endsDaysAgo: number;
  /** The day each round was played, in order; rounds after these are left to play. */
  roundDays: number[];
}

const monthOf = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const userActor = (user: DemoUser) => ({ kind: 'user' as const, userId: user.id, role: 'user' as const, mode: 'live' as const });

/** Creates, fills and runs the demo's leagues; returns how many matches were recorded. */
export async function seedDemoLeagues(kernel: Kernel, ctx: DemoContext): Promise<{ leagues: number; matches: number }> {
  const random = ctx.random('leagues');
  // Each player's hidden strength decides their results (the demo account a little above average).
  const strength = new Map([[ctx.demo.id, 1320], ...ctx.players.map((p) => [p.id, 1200 + 150 * random.normal()] as const)]);
  const others = (count: number) => random.sample(ctx.players, count);
  const plans: LeaguePlan[] = [
    { game: 'chess', gameName: 'Chess', tier: 'gold', format: 'round_robin', players: [ctx.demo, ...others(4)], createdDaysAgo: 34, startsDaysAgo: 31, endsDaysAgo: 15, roundDays: [29, 26, 23, 20, 17] },
    { game: 'checkers', gameName: 'Checkers', tier: 'silver', format: 'round_robin', players: [ctx.demo, ...others(5)], createdDaysAgo: 12, startsDaysAgo: 9, endsDaysAgo: -21, roundDays: [7, 3] },
    { game: 'tic-tac-toe', gameName: 'Tic-tac-toe', tier: 'open', format: 'open', players: others(5), createdDaysAgo: 2, startsDaysAgo: -3, endsDaysAgo: -33, roundDays: [] },
  ];
  let matches = 0;
  for (const plan of plans) matches += await runLeague(kernel, ctx, random, strength, plan);
  return { leagues: plans.length, matches };
}

function resultOf(random: Random, strength: Map<string, number>, a: string, b: string): MatchResult {
  if (random.chance(0.12)) return 'draw';
  return random.chance(expectedScore(strength.get(a)!, strength.get(b)!)) ? 'a' : 'b';
}

async function runLeague(kernel: Kernel, ctx: DemoContext, random: Random, strength: Map<string, number>, plan: LeaguePlan): Promise<number> {
  const { trx } = ctx;
  const created = daysBefore(ctx.now, plan.createdDaysAgo);
  const start = dayTime(ctx.now, plan.startsDaysAgo, 17);
  const end = dayTime(ctx.now, plan.endsDaysAgo, 17);
  // Created with a start ahead of the real clock (players register before it), moved back below.
  const league = await createLeague(trx, kernel.events, ctx.operator, createLeagueInput.parse({
    game: plan.game,
    name: `${plan.gameName} ${plan.tier} league, ${monthOf.format(start)}`,
    tier: plan.tier,
    format: plan.format,
    maxParticipants: plan.format === 'open' ? 32 : plan.players.length,
    startDate: new Date(Date.now() + 3_600_000).toISOString(),
    endDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  }));
  for (const player of plan.players) await registerParticipant(trx, kernel, userActor(player), { leagueId: league.id });
  // Signed up between the league's creation and its start (or now, for one still taking players).
  const until = Math.min(start.getTime(), ctx.now.getTime() - 60_000);
  const registered = plan.players.map(() => new Date(created.getTime() + random.next() * (until - created.getTime())).toISOString());
  await trx.raw(
    `UPDATE league_participants p SET registered_at = v.at
       FROM unnest(?::uuid[], ?::timestamptz[]) AS v(user_id, at) WHERE p.league_id = ? AND p.user_id = v.user_id`,
    [`{${plan.players.map((p) => p.id).join(',')}}`, `{${registered.join(',')}}`, league.id],
  );

  let lastPlayed: Date | null = null;
  let recorded = 0;
  if (plan.startsDaysAgo > 0) {
    await startLeague(trx, kernel.events, null, league.id);
    await movePending(ctx, league.id, start);
    for (const [round, daysAgo] of plan.roundDays.entries()) {
      const fixtures = (await trx('league_matches')
        .where({ league_id: league.id, round: round + 1, status: 'scheduled' })
        .orderBy('slot')) as MatchRow[];
      for (const [i, fixture] of fixtures.entries()) {
        const at = dayTime(ctx.now, daysAgo, 18 + i * 0.75 + random.next() * 0.5);
        const { match } = await recordMatch(trx, kernel, ctx.operator, recordMatchInput.parse({
          leagueId: league.id,
          playerA: fixture.player_a,
          playerB: fixture.player_b,
          result: resultOf(random, strength, fixture.player_a, fixture.player_b!),
        }));
        await trx.raw(
          `WITH m AS (UPDATE league_matches SET recorded_at = :at WHERE id = :match),
                h AS (UPDATE elo_history SET created_at = :at WHERE match_id = :match),
                r AS (UPDATE player_ratings SET updated_at = :at WHERE mode = 'live' AND game = :game AND user_id IN (:a, :b))
           SELECT 1`,
          { at, match: match.id, game: plan.game, a: fixture.player_a, b: fixture.player_b },
        );
        await ctx.backdate(at);
        lastPlayed = at;
        recorded++;
      }
    }
  }
  await trx('leagues')
    .where({ id: league.id })
    .update({
      created_at: created,
      start_date: start,
      end_date: end,
      started_at: plan.startsDaysAgo > 0 ? start : null,
      completed_at: trx.raw(`CASE WHEN status = 'completed' THEN ?::timestamptz END`, [lastPlayed]),
    });
  return recorded;
}

/** Dates `at` the fixtures created in this transaction and not yet moved, and what the kernel wrote meanwhile. */
async function movePending(ctx: DemoContext, leagueId: string, at: Date) {
  await ctx.trx('league_matches').where({ league_id: leagueId, created_at: ctx.now }).update({ created_at: at });
  await ctx.backdate(at);
}
