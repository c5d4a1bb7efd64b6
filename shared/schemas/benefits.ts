// Benefits a user can hold (XP boosts, free actions) and the benefit templates that campaigns and
// effects hand out, shared by server and client.
import { z } from 'zod';
import { timestamp, uuid } from './primitives';

/** A skill code (`fishing`) as the skills module names them. */
export const skillCode = z.string().min(1).max(50).regex(/^[a-z][a-z0-9_]*$/, 'must be a skill code such as fishing');
/** An action code (`cast_vote`) as the actions module names them. */
export const actionCode = z.string().min(1).max(100).regex(/^[a-z][a-z0-9_.:-]*$/, 'must be an action code such as cast_vote');

export const MAX_BOOST_MULTIPLIER = 10;
export const MAX_BOOST_HOURS = 24 * 366;

export const xpBoostBenefit = z.strictObject({
  type: z.literal('xp_boost'),
  multiplier: z.number().gt(1).max(MAX_BOOST_MULTIPLIER).describe('XP from actions is multiplied by this (1 < m ≤ 10).'),
  hours: z.number().gt(0).max(MAX_BOOST_HOURS).describe('How long the boost lasts once it starts.'),
  skill: skillCode.optional().describe('Only this skill; every skill when omitted.'),
});
export const freeActionBenefit = z.strictObject({
  type: z.literal('free_action'),
  actionCode,
  uses: z.number().int().min(1).max(1000).describe('Executions past the cooldown or daily limit.'),
});
export const xpGrantBenefit = z.strictObject({
  type: z.literal('xp_grant'),
  skill: skillCode,
  xp: z.number().int().min(1).max(200_000_000),
});
export const benefit = z.discriminatedUnion('type', [xpBoostBenefit, freeActionBenefit, xpGrantBenefit]);
export type Benefit = z.infer<typeof benefit>;
export const benefitList = z.array(benefit).min(1).max(20);

export const xpBoostOutput = z.object({
  id: uuid(),
  multiplier: z.number(),
  skill: z.string().nullable().describe('null: every skill.'),
  startsAt: timestamp(),
  endsAt: timestamp(),
  active: z.boolean().describe('Running now; false when it waits for an earlier boost of the same kind to end.'),
  secondsLeft: z.number().int().describe('Until it ends, counted from now.'),
  source: z.string(),
});
export type XpBoost = z.infer<typeof xpBoostOutput>;

export const freeActionOutput = z.object({
  actionCode: z.string(),
  usesLeft: z.number().int(),
});
export type FreeActions = z.infer<typeof freeActionOutput>;

/** What applying one benefit did, as redemption and the grant_coupon effect report it. */
export const appliedBenefitOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('xp_boost'), boost: xpBoostOutput }),
  z.object({ type: z.literal('free_action'), actionCode: z.string(), uses: z.number().int(), usesLeft: z.number().int() }),
  z.object({ type: z.literal('xp_grant'), skill: z.string(), xp: z.number().int() }),
]);
export type AppliedBenefit = z.infer<typeof appliedBenefitOutput>;
