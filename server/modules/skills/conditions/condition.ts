// What an achievement condition is. Each condition type is one file in this folder, listed once in
// index.ts; extensions add theirs through their definition (server/extensions/loader.ts).
import type { z } from 'zod';
import type { Tx } from '../../../db/index';
import type { Realm } from '../../developer/realm';

/** A user's progression right after a change, as the skills service computed it. */
export interface ProgressSnapshot {
  /** Skill code → XP and level, for every skill (0 XP, level 1 where nothing was awarded). */
  skills: Map<string, { xp: number; level: number }>;
  totalLevel: number;
  totalXp: number;
}

/**
 * What the actions engine tells of the user's executions, from its own log (actions/execution-counts.ts),
 * in the same transaction and realm.
 */
export interface ExecutionCounts {
  /** Whether the user has at least `count` successful executions of `action`, or of any action of `category`. */
  atLeast(filter: { action?: string | undefined; category?: string | undefined }, count: number): Promise<boolean>;
  /** How many there are, counted only up to `limit`. */
  upTo(filter: { action?: string | undefined; category?: string | undefined }, limit: number): Promise<number>;
}

export interface ConditionContext {
  trx: Tx;
  userId: string;
  /** Where the user's progress is read: live, or an application's sandbox (developer/realm.ts). */
  realm: Realm;
  progress: ProgressSnapshot;
  /** Given when an action ran (the 'action' change, from the check_achievements effect). */
  executions?: ExecutionCounts;
}

/** What can make a condition newly true: any XP, a level gained, or an action run. */
export type ProgressChange = 'xp' | 'level' | 'action';

/** How far a user is towards a condition: `current` of `target`, counted in `unit`. */
export interface ConditionProgress {
  current: number;
  target: number;
  unit: 'xp' | 'level' | 'skills' | 'actions';
}

export interface ConditionDefinition<P extends z.ZodType = z.ZodType> {
  type: string;
  description: string;
  /** Only these changes are checked against it, so an XP award does not count actions, say. */
  changesOn: readonly ProgressChange[];
  params: P;
  isMet(context: ConditionContext, params: z.infer<P>): boolean | Promise<boolean>;
  /**
   * How far the user is towards it, for the "next achievement" of GET /api/progress; `current` may
   * pass `target`. Without it, achievements with this condition are never offered as the next one.
   */
  progress?(context: ConditionContext, params: z.infer<P>): ConditionProgress | Promise<ConditionProgress>;
}

export const defineCondition = <P extends z.ZodType>(definition: ConditionDefinition<P>) => definition;
