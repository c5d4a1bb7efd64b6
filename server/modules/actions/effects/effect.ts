// What an effect is. Each effect type is one file in this folder, listed once in index.ts.
import type { z } from 'zod';
import type { Config } from '../../../config';
import type { Tx } from '../../../db/index';
import type { EventOutbox } from '../../../events/outbox';
import type { Mode } from '../../../../shared/schemas/developer';
import type { ModeScope, Realm } from '../../developer/realm';
import type { Kernel } from '../../../extensions/kernel';

/** What an effect may know and use while it runs, inside the execution's transaction. */
export interface EffectContext {
  trx: Tx;
  events: EventOutbox;
  config: Config;
  mode: Mode;
  /** Where the user's state lives: live, or the calling application's sandbox (developer/realm.ts). */
  realm: Realm;
  userId: string;
  /** The user's IANA zone ("daily" and streak days are theirs). */
  timezone: string;
  now: Date;
  action: { id: string; code: string; category: string };
  executionId: string;
  /** The parameters the caller passed to execute. */
  params: Record<string, unknown>;
  applicationId: string | null;
  /**
   * The kernel of the extension that defines the effect (its settings, limits, …), whoever executes
   * the action; null for the kernel's own effects.
   */
  kernel: Kernel | null;
}

export interface EffectOutcome {
  status: 'applied' | 'skipped';
  result: Record<string, unknown>;
}

export interface EffectDefinition<P extends z.ZodType = z.ZodType> {
  code: string;
  name: string;
  description: string;
  params: P;
  /**
   * Result fields the caller of execute sees once and nothing keeps: they are left out of the effect
   * log, the events and an idempotent replay (a granted coupon code is a bearer secret).
   */
  shownOnce?: readonly string[];
  /**
   * References the params make to other data (a skill, an action, a campaign); null when they exist
   * for the registering caller (`scope`: another application's test actions do not).
   */
  checkReferences?(trx: Tx, params: z.output<P>, scope: ModeScope): Promise<{ field: string; message: string } | null>;
  apply(context: EffectContext, params: z.output<P>): Promise<EffectOutcome>;
}

export const defineEffect = <P extends z.ZodType>(definition: EffectDefinition<P>) => definition;
