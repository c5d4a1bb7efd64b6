// The original system's 18 actions with their cooldowns and daily limits (shared/notes/SEED-DATA.md),
// their effects generalised to award_xp with parameters, the payment rewards as credits, and the
// achievement check last; plus one market-hours action and the league games' actions. The seed
// document's vote_domain is the domain-portfolio extension's (extensions/domains/actions.ts).
import type { Db } from '../../server/db/index';
import { effects } from '../../server/modules/actions/effects/index';

export type Effect = { effectCode: string; effectParams: Record<string, unknown> };
export interface SeedAction {
  code: string;
  name: string;
  category: string;
  cooldownSeconds: number;
  dailyLimit: number | null;
  description: string;
  effects: Effect[];
  schedules?: string[];
  systemOnly?: boolean;
}

export const xp = (skill: string, amount: number): Effect => ({ effectCode: 'award_xp', effectParams: { skillId: skill, xpAmount: amount } });
export const checkAchievements: Effect = { effectCode: 'check_achievements', effectParams: {} };
const action = (
  code: string,
  name: string,
  category: string,
  cooldownSeconds: number,
  dailyLimit: number | null,
  description: string,
  effectList: Effect[],
  schedules?: string[],
): SeedAction => ({ code, name, category, cooldownSeconds, dailyLimit, description, effects: [...effectList, checkAchievements], schedules });
export const seedActions: SeedAction[] = [
  action('vote_like', 'Like', 'voting', 3, 1000, 'Vote for something.', [xp('voting', 10), { effectCode: 'increment_counter', effectParams: { counter: 'votes' } }]),
  action('vote_dislike', 'Dislike', 'voting', 3, 1000, 'Vote against something.', [xp('voting', 10), { effectCode: 'increment_counter', effectParams: { counter: 'votes' } }]),
  action('submit_feedback', 'Submit feedback', 'voting', 30, 100, 'Tell the maintainers what you think.', [xp('voting', 25), { effectCode: 'award_credits', effectParams: { amount: 5, reason: 'feedback reward' } }]),
  action('share_domain', 'Share a domain', 'voting', 10, 50, 'Share a domain with others.', [xp('voting', 10)]),
  action('submit_code', 'Submit code', 'development', 60, 20, 'Submit a change.', [xp('development', 50)]),
  action('review_code', 'Review code', 'development', 30, 30, 'Review someone’s change.', [xp('development', 50)]),
  action('complete_challenge', 'Complete a challenge', 'development', 300, 10, 'Solve a coding challenge.', [xp('development', 200), { effectCode: 'streak', effectParams: { streak: 'challenges' } }]),
  action('contribute_docs', 'Contribute documentation', 'development', 60, 20, 'Improve the docs.', [xp('development', 50)]),
  action('report_bug', 'Report a bug', 'security', 60, 10, 'Report a vulnerability or a bug.', [xp('security', 100), { effectCode: 'award_credits', effectParams: { amount: 50, reason: 'bug bounty' } }]),
  action('verify_fix', 'Verify a fix', 'security', 30, 20, 'Confirm that a fix works.', [xp('security', 100)]),
  action('security_scan', 'Run a security scan', 'security', 300, 5, 'Scan a project for vulnerabilities.', [xp('security', 100)]),
  action('create_post', 'Create a post', 'social', 30, 50, 'Post something.', [xp('social', 5), { effectCode: 'streak', effectParams: { streak: 'posting' } }]),
  action('comment', 'Comment', 'social', 5, 200, 'Comment on a post.', [xp('social', 5)]),
  action('like_post', 'Like a post', 'social', 1, 500, 'Like a post.', [xp('social', 5)]),
  action('follow_user', 'Follow someone', 'social', 5, 100, 'Follow another user.', [xp('social', 5)]),
  action('list_item', 'List an item', 'trading', 30, 50, 'Put an item up for trade.', [xp('trading', 25)]),
  action('make_offer', 'Make an offer', 'trading', 10, 100, 'Offer a trade.', [xp('trading', 25)]),
  action('complete_trade', 'Complete a trade', 'trading', 30, 50, 'Close a trade.', [xp('trading', 25)]),
  action('place_market_order', 'Place a market order', 'trading', 5, 100, 'Trade while the New York Stock Exchange is open.', [xp('trading', 25)], ['nyse']),
];

/** Effect definitions from the registry, then actions that are missing with their effects and schedules. */
export async function seedActionsAndEffects(db: Db, extensionActions: ReadonlyArray<SeedAction & { extensionId: string }> = []): Promise<void> {
  await db('effect_definitions')
    .insert(effects.all().map((e) => ({ code: e.code, name: e.name, description: e.description })))
    .onConflict('code')
    .merge(['name', 'description']);
  for (const a of [...seedActions, ...extensionActions] as Array<SeedAction & { extensionId?: string }>) {
    await db.transaction(async (trx) => {
      const owner = a.extensionId ?? null;
      const created = await trx('action_definitions')
        .insert({ code: a.code, name: a.name, category: a.category, cooldown_seconds: a.cooldownSeconds, daily_limit: a.dailyLimit, description: a.description, system_only: a.systemOnly ?? false, extension_id: owner })
        // The unique index on (code, mode) decides; a platform action is the one with no mode.
        .onConflict()
        .ignore()
        .returning('id');
      const id = created[0]?.id as string | undefined;
      if (!id) {
        // It exists: an operator may have changed it, leave it; but it belongs to its extension (an
        // action seeded before extensions has no owner yet), which decides whether only it runs it.
        if (owner) await trx('action_definitions').where({ code: a.code }).whereNull('mode').whereNull('extension_id').update({ extension_id: owner, system_only: a.systemOnly ?? false });
        return;
      }
      await trx('action_effects').insert(
        a.effects.map((e, position) => ({ action_id: id, effect_code: e.effectCode, params: JSON.stringify(e.effectParams), position })),
      );
      for (const code of a.schedules ?? []) {
        const schedule = await trx('schedules').where({ code }).first('id');
        if (schedule) await trx('action_schedule_links').insert({ action_id: id, schedule_id: schedule.id });
      }
    });
  }
}
