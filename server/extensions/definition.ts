// What an extension is: one typed definition, exported by `extensions/<id>/index.ts` (or an npm
// package) as a factory that returns a plain object. The kernel loads the ones CALOS_EXTENSIONS
// names (server/extensions/loader.ts), and each reaches the kernel only through its context
// (server/extensions/kernel.ts) and the public entry server/extensions/api.ts.
import type { Knex } from 'knex';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnyRouter } from '@trpc/server';
import type { z } from 'zod';
import type { EffectDefinition } from '../modules/actions/effects/effect';
import type { ScheduleKindDefinition } from '../modules/schedules/kinds/definition';
import type { ConditionDefinition } from '../modules/skills/conditions/condition';
import type { EventDefinition } from '../events/catalogue';
import type { SeedAction } from '../../database/seeds/actions';
import type { Kernel } from './kernel';
import type { DemoContext } from '../../database/seeds/demo/context';

/** An API-key scope an extension adds; privileged scopes need an administrator on a live key. */
export interface ScopeDefinition {
  scope: string;
  description: string;
  privileged: boolean;
}

/** Typed settings read from the environment: one Zod schema keyed by the variables' names. */
export type SettingsSchema = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>;

/** The environment variables a settings schema reads. */
export const settingsVariables = (schema: SettingsSchema): string[] => Object.keys('shape' in schema ? schema.shape : (schema.in as z.ZodObject).shape);

/** A background job: a pg-boss queue, optionally run on a cron schedule by one instance at a time. */
export interface JobDefinition {
  /** Its name; the queue is `ext-<id>-<name>`. */
  name: string;
  /** The queue's name when it is not `ext-<id>-<name>` (a queue that existed before extensions). */
  queue?: string;
  /** A five-field cron expression (UTC); none: the job runs only when sent. */
  schedule?: string;
  /** At most one queued job at a time (pg-boss "singleton" policy); the default for scheduled jobs. */
  singleton?: boolean;
  run(kernel: Kernel, data: unknown): Promise<void>;
}

/** What an extension keeps per application in test mode (developer portal "test data"). */
export interface TestDataContribution {
  /** Counted on the application's test-data summary, by name. */
  count(trx: Knex.Transaction, applicationId: string): Promise<Record<string, number>>;
  /** Deleted with the application's test data. */
  wipe(trx: Knex.Transaction, applicationId: string): Promise<void>;
}

/**
 * A raw HTTP route beside the router (a file download). `call` runs one of the extension's own
 * procedures with the request's context, so authentication and scopes are the procedure's.
 */
export interface HttpRoute {
  method: 'GET' | 'POST';
  /**
   * Route options: `security` as in docs/extensions.md ("Routes other sites use"), e.g.
   * `'cross-origin-resource'` for a script or image other sites load.
   */
  config?: { security?: 'cross-origin-resource' | 'embeddable' };
  /** Fastify's syntax (`/api/mailer/campaigns/:campaignId/list.csv`), under the extension's REST prefixes. */
  url: string;
  handler(request: FastifyRequest, reply: FastifyReply, call: (procedure: string, input: unknown) => Promise<unknown>): Promise<unknown>;
}

export interface ExtensionDefinition<
  TId extends string = string,
  TRouter extends AnyRouter | undefined = AnyRouter | undefined,
  TSettings extends SettingsSchema | undefined = SettingsSchema | undefined,
> {
  /** Lower-case letters, digits and dashes; its tRPC router is mounted under it. */
  id: TId;
  version: string;
  description: string;
  /**
   * Its migrations, in the order they run (after the kernel's). New tables are named `<id>_…`;
   * migration names are unique across the platform (the loader checks).
   */
  migrations?: Record<string, Knex.Migration>;
  /** Its procedures; their REST paths lie under `/api/ext/<id>/` (or `restPrefixes`). */
  router?: TRouter;
  /**
   * REST path prefixes its routes may use, when not `/ext/<id>` (the bundled leagues and mailer keep
   * the seed document's `/leagues` and `/mailer`).
   */
  restPrefixes?: readonly string[];
  /** Settings read from the environment at start; a bad value stops start-up naming the variable. */
  settings?: TSettings;
  /** Actions (with their effects) it puts in the catalogue at every start. */
  actions?: readonly SeedAction[];
  effects?: readonly EffectDefinition[];
  scheduleKinds?: readonly ScheduleKindDefinition[];
  conditions?: readonly ConditionDefinition[];
  events?: readonly EventDefinition[];
  scopes?: readonly ScopeDefinition[];
  jobs?: readonly JobDefinition[];
  /** Reference data every database needs (idempotent; runs at every start, after the actions). */
  seed?(kernel: Kernel): Promise<void>;
  /**
   * Its part of the demo data (CALOS_SEED_DEMO), seeded once with the kernel's in one transaction
   * (`demo.trx`): its kernel here records events without delivering them, and `demo.backdate(at)`
   * moves what the kernel wrote since the last call to `at`. Returns counts for the start-up banner.
   */
  demo?(kernel: Kernel, demo: DemoContext): Promise<Record<string, number>>;
  /** Lines for the start-up banner on a demo database (the mailer's: the demo's unused coupon codes). */
  demoNotes?(kernel: Kernel): Promise<string[]>;
  /** Runs once at start-up, after migrations, under the migration lock (data conversions). */
  afterMigrate?(kernel: Kernel): Promise<void>;
  testData?: TestDataContribution;
  http?: readonly HttpRoute[];
}


/**
 * Declares an extension. The identity function keeps the object's exact type (its router's type
 * flows into the client's AppRouter) while checking it against ExtensionDefinition.
 */
export function defineExtension<const TId extends string, TRouter extends AnyRouter | undefined = undefined, TSettings extends SettingsSchema | undefined = undefined>(
  definition: ExtensionDefinition<TId, TRouter, TSettings>,
): ExtensionDefinition<TId, TRouter, TSettings> {
  return definition;
}
