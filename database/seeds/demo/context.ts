// What every part of the demo data works with: the seed's transaction, the platform's services'
// dependencies, the demo account and the synthetic players, a seeded random stream per part, and
// the clock. The platform's services write "now"; the demo's history happened over the last weeks,
// so after each step the seed moves what that step wrote to the instant it stands for (backdate).
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../../../server/config';
import { writeAlongside, type EventOutbox } from '../../../server/events/outbox';
import type { EngineDeps } from '../../../server/modules/actions/engine';
import type { Actor } from '../../../server/trpc';
import { Random } from './random';

export interface DemoUser {
  id: string;
  username: string;
}

export interface DemoContext {
  trx: Knex.Transaction;
  config: Config;
  /** Records events without delivering them: the demo's history is older than any endpoint. */
  events: HistoryOutbox;
  /** The actions engine's dependencies, without the per-user minute limit (history is replayed fast). */
  engine: EngineDeps;
  /** The transaction's start on the database clock (millisecond precision, as the columns keep it). */
  now: Date;
  demo: DemoUser;
  /** The synthetic players, in a fixed order. */
  players: DemoUser[];
  /** The synthetic organiser, acting as an operator for leagues and campaigns. */
  operator: Actor & { kind: 'user' };
  /** The seeded random stream of one part of the demo. */
  random(stream: string): Random;
  /** Moves what the kernel wrote since the last call (executions, XP, events, achievements) to `at`. */
  backdate(at: Date): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * `hours` (fractional) into the UTC day `daysAgo` days before `now` (after it when negative). An
 * instant of today is kept before `now` (by a minute, or half the time since midnight if less).
 */
export function dayTime(now: Date, daysAgo: number, hours: number): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = midnight - daysAgo * DAY_MS + Math.round(hours * 3_600_000);
  if (daysAgo !== 0) return new Date(at);
  return new Date(Math.min(at, now.getTime() - Math.min(60_000, (now.getTime() - midnight) / 2)));
}

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** The outbox the demo's services write to: events are kept and written when their step is dated. */
export interface HistoryOutbox extends EventOutbox {
  /** Rewrites the data of the kept events of `type` (for a field that holds the real clock). */
  amend(type: string, change: (data: Record<string, unknown>) => Record<string, unknown>): void;
  /** Writes the kept events, dated `at`, in the order they were emitted; never a delivery or a job. */
  flush(trx: Knex.Transaction, at: Date): Promise<void>;
}

export function historyOutbox(): HistoryOutbox {
  let kept: Array<{ id: string; type: string; mode: string; user_id: string | null; application_id: string | null; data: Record<string, unknown> }> = [];
  return {
    async emit(tx, input) {
      await writeAlongside(tx, input.alongside); // the caller's write, made now; only the event waits
      const id = randomUUID();
      const data = input.event.data.parse(input.data) as Record<string, unknown>;
      kept.push({ id, type: input.event.type, mode: input.mode, user_id: input.userId ?? null, application_id: input.applicationId ?? null, data });
      return { eventId: id, deliveryIds: [] };
    },
    async enqueueDelivery() {
      // Nothing is delivered from the demo's history.
    },
    amend(type, change) {
      for (const event of kept) if (event.type === type) event.data = change(event.data);
    },
    async flush(trx, at) {
      if (!kept.length) return;
      const rows = kept.map((e) => ({ ...e, data: JSON.stringify(e.data), created_at: at }));
      kept = [];
      // A multi-row insert numbers the rows (events.sequence) in order.
      for (let i = 0; i < rows.length; i += 500) await trx('events').insert(rows.slice(i, i + 500));
    },
  };
}

/**
 * Moves the rows the kernel's services wrote since the last call to `at`, and writes the events they
 * emitted. A row written in this transaction carries its start (`now()`, the column's default) or,
 * for executions, a later clock reading; a row already moved carries an earlier instant. State rows
 * are reset so that the next step is not refused for a cooldown or a daily limit that, in the demo's
 * history, were days apart (their final state is recomputed from the log at the end:
 * settleActionState).
 */
export function backdater(trx: Knex.Transaction, now: Date, userIds: () => string[], events: HistoryOutbox) {
  return async (at: Date) => {
    await events.flush(trx, at);
    const users = `{${userIds().join(',')}}`;
    await trx.raw(
      `WITH log AS (
         UPDATE user_action_log SET executed_at = :at,
                next_available_at = CASE WHEN next_available_at IS NULL THEN NULL ELSE :at::timestamptz + (next_available_at - executed_at) END
          WHERE user_id = ANY(:users::uuid[]) AND executed_at >= :now RETURNING id),
       effects AS (UPDATE effect_execution_log SET created_at = :at WHERE execution_id IN (SELECT id FROM log)),
       state AS (
         UPDATE user_action_state SET last_executed_at = :at, day = NULL, day_resets_at = NULL, day_count = 0
          WHERE user_id = ANY(:users::uuid[]) AND last_executed_at >= :now),
       refusals AS (UPDATE rate_limit_violations SET occurred_at = :at WHERE user_id = ANY(:users::uuid[]) AND occurred_at >= :now),
       xp AS (UPDATE xp_gain_log SET created_at = :at WHERE user_id = ANY(:users::uuid[]) AND created_at = :now),
       unlocked AS (UPDATE user_achievements SET unlocked_at = :at WHERE user_id = ANY(:users::uuid[]) AND unlocked_at = :now),
       credits AS (UPDATE credit_ledger SET created_at = :at WHERE user_id = ANY(:users::uuid[]) AND created_at = :now)
       SELECT 1`,
      { at, now, users },
    );
  };
}

export const randomStreams = () => {
  const streams = new Map<string, Random>();
  return (name: string) => streams.get(name) ?? streams.set(name, new Random(`calos-demo:${name}`)).get(name)!;
};
