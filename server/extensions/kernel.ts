// The kernel as an extension sees it: the one documented way in. Procedures reach it as
// `ctx.kernel`, jobs, seeds and hooks receive it; nothing else of the kernel is an extension's to
// import (server/extensions/api.ts lists the rest: procedure bases, errors, schema helpers).
//
// Transactions: a procedure, job or hook opens one with `kernel.transaction` (it retries on a
// serialisation failure or deadlock); every other function here takes the caller's `tx` and never
// opens its own, so an extension's change, the XP it awards and the events it emits commit together.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Benefit, AppliedBenefit, FreeActions, XpBoost } from '../../shared/schemas/benefits';
import type { Mode } from '../../shared/schemas/developer';
import type { ExecuteActionResult } from '../../shared/schemas/actions';
import type { Config } from '../config';
import { transactionWithRetry, type Tx } from '../db/index';
import { DomainError } from '../errors';
import type { EventDefinition } from '../events/catalogue';
import type { EventOutbox } from '../events/outbox';
import { hitWindow, hitWindows, refundHit, refundHits, type WindowHit } from '../limits/fixed-window';
import { executeActionIn, refusalError } from '../modules/actions/engine';
import type { RefusalReason } from '../modules/actions/availability';
import { applyBenefit, inventory } from '../modules/benefits/service';
import { effects } from '../modules/actions/effects/index';
import { rewriteEffectResults, type RewriteResult } from '../modules/actions/rewrite-results';
import { awardXp, userProgress } from '../modules/skills/service';
import { findSkill } from '../modules/skills/catalogue';
import { evaluateSchedule, findSchedule } from '../modules/schedules/service';
import { DateTime } from 'luxon';
import { EXCHANGE_ZONE, exchangeHours, tradingDay } from '../modules/schedules/calendars/trading-days';
import type { Exchange } from '../modules/schedules/calendars/exchange-days';
import { realmOf, type ModeScope } from '../modules/developer/realm';
import { userNames, userExists } from '../modules/auth/users';
import type { AwardXpResult, UserProgress } from '../../shared/schemas/skills';
import type { SettingsSchema } from './definition';
import { inTransaction, type JobQueue } from '../jobs';

export interface ExecuteForUser {
  /** Where it happens: live, or an application's test sandbox (the caller's scope). */
  scope: ModeScope;
  userId: string;
  actionCode: string;
  params?: Record<string, unknown>;
  /** True for actions only the extension runs (`systemOnly` in its catalogue). */
  system?: boolean;
}

/** An event an extension emits: one of its own types, about a user, in the caller's mode. */
export interface ExtensionEvent<T extends z.ZodType> {
  event: EventDefinition<T>;
  data: z.input<T>;
  mode: Mode;
  userId?: string | null;
  /** The application whose key caused it: a test-mode event reaches that application's endpoints only. */
  applicationId?: string | null;
}

export interface Kernel {
  /** The root database handle: an extension reads and writes its own tables only. */
  readonly db: Knex;
  readonly log: Logger;
  /** Opens a transaction, retried on serialisation failures and deadlocks. */
  transaction<T>(work: (tx: Knex.Transaction) => Promise<T>): Promise<T>;
  /** This extension's settings, parsed from the environment at start. */
  settings<S extends SettingsSchema>(schema: S): z.output<S>;
  readonly actions: {
    /** Executes an action for a user inside `tx`; a refusal (cooldown, limit, schedule) throws its 429/409. */
    execute(tx: Tx, input: ExecuteForUser): Promise<ExecuteActionResult>;
    /**
     * The same, but a refusal is returned instead of thrown (it is still logged as a failed execution,
     * with its `action.failed` event), for callers whose own change stands without the action.
     */
    tryExecute(tx: Tx, input: ExecuteForUser): Promise<{ executed: ExecuteActionResult } | { refused: { reason: RefusalReason; nextAvailableAt: Date | null } }>;
    /**
     * A start-up conversion (afterMigrate): rewrites the logged results of one of this extension's
     * effects that still hold `field`, batch by batch, each batch one transaction with `rewrite`'s
     * own writes. The new result must not hold `field`; returns how many rows changed.
     */
    rewriteEffectResults(effectCode: string, field: string, rewrite: RewriteResult): Promise<number>;
  };
  readonly xp: {
    /** Awards XP inside `tx` (levels, leaderboards, achievements and their events included). */
    award(tx: Tx, input: { scope: ModeScope; userId: string; skill: string; xp: number; reason: string; sourceId: string | null }): Promise<AwardXpResult>;
  };
  readonly users: {
    exists(tx: Tx, userId: string): Promise<boolean>;
    /** Usernames by id (unknown ids are absent). */
    names(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>>;
    /** Skills, levels, totals and achievements of a user, in a realm. */
    progress(tx: Tx, scope: ModeScope, userId: string): Promise<UserProgress>;
  };
  readonly skills: {
    /** The skill's id and code, from either; null when there is none. */
    find(tx: Tx, idOrCode: string): Promise<{ id: string; code: string } | null>;
  };
  readonly benefits: {
    /** Applies a benefit (XP boost, free action uses, an XP grant) to a live user inside `tx`. */
    apply(tx: Tx, userId: string, benefit: Benefit, source: string, at?: Date): Promise<AppliedBenefit>;
    /** A live user's boosts not yet over and free uses left per action. */
    inventory(tx: Tx, userId: string, at?: Date): Promise<{ activeBoosts: XpBoost[]; freeActions: FreeActions[] }>;
  };
  readonly schedules: {
    /** Whether a schedule (by code) is open at an instant, and when that changes. */
    check(tx: Tx, code: string, at: Date): Promise<{ open: boolean; reason: string | null; nextOpenAt: Date | null; nextCloseAt: Date | null }>;
  };
  readonly calendars: {
    /**
     * The trading days of a US exchange (`NYSE`, `NASDAQ`) whose local date (America/New_York) lies in
     * [`fromDate`, `toDate`] (ISO dates, both inclusive, at most 40 years apart): each with its local
     * midnight (`dayStart`, as an instant), its session's open and close (early closes included).
     */
    tradingDays(exchange: 'NYSE' | 'NASDAQ', fromDate: string, toDate: string): Array<{ date: string; dayStart: Date; opensAt: Date; closesAt: Date }>;
  };
  readonly events: {
    /** Emits an event inside `tx`: it is stored and delivered to webhooks only if `tx` commits. */
    emit<T extends z.ZodType>(tx: Tx, input: ExtensionEvent<T>): Promise<{ eventId: string }>;
  };
  readonly limits: {
    /** Counts a hit in a fixed window named `key` (prefixed with the extension's id). */
    hit(tx: Tx, key: string, windowSeconds: number): Promise<WindowHit>;
    refund(tx: Tx, key: string): Promise<void>;
    /** One hit on each key, in one statement; the answers in the keys' order. */
    hitMany(tx: Tx, keys: readonly string[], windowSeconds: number): Promise<WindowHit[]>;
    /** One hit back from each key, in one statement. */
    refundMany(tx: Tx, keys: readonly string[]): Promise<void>;
  };
  readonly jobs: {
    /**
     * Queues one of its own jobs (`jobs` in its definition, by name) inside `tx`: it runs only if
     * `tx` commits. `singletonKey`: at most one such job queued or running at a time.
     */
    send(tx: Tx, name: string, data: object, options?: { singletonKey?: string; retryLimit?: number }): Promise<void>;
  };
}

export interface KernelServices {
  config: Config;
  db: Knex;
  events: EventOutbox;
  log: Logger;
  /** Parsed settings by extension id. */
  settings: ReadonlyMap<string, Record<string, unknown>>;
  /** The settings schema each extension declared, by identity, to its id. */
  settingsOwners: ReadonlyMap<SettingsSchema, string>;
  /** Every extension's kernel (filled as they are made): an effect runs with its extension's. */
  kernels: ReadonlyMap<string, Kernel>;
  /** The job queue (extensions send their own jobs on it). */
  queue: JobQueue;
  /** Each extension's jobs' queues by job name, by extension id. */
  jobQueues: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** The kernel an extension (`id`) gets: the same services, its log lines and limit keys tagged with its id. */
export function createKernel(services: KernelServices, id: string): Kernel {
  const { config, db, events } = services;
  const log = services.log.child({ extension: id });
  const engine = { events, config, kernels: services.kernels };
  const executeFor = (tx: Tx, input: ExecuteForUser) =>
    executeActionIn(tx, engine, {
      mode: input.scope.mode,
      applicationId: input.scope.applicationId,
      userId: input.userId,
      actionCode: input.actionCode,
      params: input.params ?? {},
      apiKeyId: null,
      system: input.system ?? false,
    });
  return {
    db,
    log,
    transaction: (work) => transactionWithRetry(db, work),
    settings(schema) {
      const owner = services.settingsOwners.get(schema);
      if (!owner) throw new Error(`Extension ${id} asked for settings that no loaded extension declares`);
      return services.settings.get(owner) as never;
    },
    actions: {
      async execute(tx, input) {
        const outcome = await executeFor(tx, input);
        if ('refused' in outcome) throw refusalError(outcome.refused);
        return outcome.executed;
      },
      async tryExecute(tx, input) {
        const outcome = await executeFor(tx, input);
        if ('refused' in outcome) return { refused: { reason: outcome.refused.reason, nextAvailableAt: outcome.refused.nextAvailableAt } };
        return outcome;
      },
      rewriteEffectResults(effectCode, field, rewrite) {
        if (effects.ownerOf(effectCode) !== id) throw new Error(`Extension ${id} may rewrite the results of its own effects only, not ${effectCode}`);
        return rewriteEffectResults(db, effectCode, field, rewrite);
      },
    },
    xp: {
      award: (tx, input) =>
        awardXp(tx, events, {
          mode: input.scope.mode,
          applicationId: input.scope.applicationId,
          userId: input.userId,
          skill: input.skill,
          xp: input.xp,
          reason: input.reason,
          source: { kind: 'action', id: input.sourceId },
        }),
    },
    users: {
      exists: (tx, userId) => userExists(tx, userId),
      names: (tx, userIds) => userNames(tx, userIds),
      progress: (tx, scope, userId) => userProgress(tx, realmOf(scope), userId),
    },
    skills: {
      async find(tx, idOrCode) {
        const skill = await findSkill(tx, idOrCode).catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
          throw err;
        });
        return skill ? { id: skill.id, code: skill.code } : null;
      },
    },
    benefits: {
      apply: (tx, userId, benefit, source, at) => applyBenefit(tx, events, userId, benefit, source, at),
      inventory: (tx, userId, at) => inventory(tx, userId, at),
    },
    schedules: {
      async check(tx, code, at) {
        const row = await findSchedule(tx, code);
        const state = evaluateSchedule(row, at);
        return { open: state.open, reason: state.reason, nextOpenAt: state.nextOpenAt, nextCloseAt: state.nextCloseAt };
      },
    },
    calendars: {
      tradingDays: (exchange, fromDate, toDate) => listTradingDays(exchange, fromDate, toDate),
    },
    events: {
      async emit(tx, input) {
        const { eventId } = await events.emit(tx, { event: input.event, data: input.data, mode: input.mode, userId: input.userId ?? null, applicationId: input.applicationId ?? null });
        return { eventId };
      },
    },
    limits: {
      hit: (tx, key, windowSeconds) => hitWindow(tx, `ext:${id}:${key}`, windowSeconds),
      refund: (tx, key) => refundHit(tx, `ext:${id}:${key}`),
      hitMany: (tx, keys, windowSeconds) => hitWindows(tx, keys.map((key) => `ext:${id}:${key}`), windowSeconds),
      refundMany: (tx, keys) => refundHits(tx, keys.map((key) => `ext:${id}:${key}`)),
    },
    jobs: {
      async send(tx, name, data, options = {}) {
        const queue = services.jobQueues.get(id)?.get(name);
        if (!queue) throw new Error(`Extension ${id} has no job "${name}"`);
        await services.queue.send(queue, data, { ...options, db: inTransaction(tx) });
      },
    },
  };
}

/** The trading days of `exchange` between two local dates (inclusive), from the schedules' calendar. */
function listTradingDays(exchange: Exchange, fromDate: string, toDate: string) {
  let day = DateTime.fromISO(fromDate, { zone: EXCHANGE_ZONE }).startOf('day');
  const last = DateTime.fromISO(toDate, { zone: EXCHANGE_ZONE }).startOf('day');
  if (!day.isValid || !last.isValid) throw new Error(`tradingDays: invalid dates ${fromDate}..${toDate}`);
  if (last.diff(day, 'years').years > 40) throw new Error('tradingDays: at most 40 years at a time');
  const at = (local: DateTime, hhmm: string) => {
    const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
    return local.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
  };
  const days: Array<{ date: string; dayStart: Date; opensAt: Date; closesAt: Date }> = [];
  for (; day <= last; day = day.plus({ days: 1 })) {
    const kind = tradingDay(exchange, day);
    if (kind.kind !== 'trading') continue;
    days.push({ date: day.toISODate()!, dayStart: day.toJSDate(), opensAt: at(day, exchangeHours.opens), closesAt: at(day, kind.closes) });
  }
  return days;
}
