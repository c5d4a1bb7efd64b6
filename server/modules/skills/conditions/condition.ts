// What an achievement condition is. Each condition type is one file in this folder, listed once in
// index.ts; other modules add theirs the same way (e.g. the actions engine's action counts).
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

export interface ConditionContext {
  trx: Tx;
  userId: string;
  /** Where the user's progress is read: live, or an application's sandbox (developer/realm.ts). */
  realm: Realm;
  progress: ProgressSnapshot;
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
