// The one entry into the kernel for extensions (the import-boundary rule allows extensions to import
// this file, shared/, npm packages and their own folder, nothing else). What an extension may use:
// its definition's types, the procedure bases (authentication, scopes, the input check and the error
// shape come with them), errors, pagination, the realm helpers of test mode, and the kernel context.
import type { Context } from '../trpc';
import type { Kernel } from './kernel';

export { z } from 'zod';
export { at, exampleIds, examples, type OperationExamples } from '../openapi-examples';
export { defineExtension, settingsVariables } from './definition';
export type { ExtensionDefinition, HttpRoute, JobDefinition, ScopeDefinition, SettingsSchema, TestDataContribution } from './definition';
export type { ExecuteForUser, ExtensionEvent, Kernel } from './kernel';
export type { StoredEffectResult } from '../modules/actions/rewrite-results';
export type { SeedAction } from '../../database/seeds/actions';
export { dayTime, daysBefore, type DemoContext, type DemoUser } from '../../database/seeds/demo/context';
export { Random } from '../../database/seeds/demo/random';
export type { Actor } from '../domain';
export type { Context } from '../trpc';
export type { Tx } from '../db/index';

export {
  router,
  publicProcedure,
  publicReadProcedure,
  userProcedure,
  adminProcedure,
  apiKeyProcedure,
  userOrApiKeyProcedure,
  adminOrApiKeyProcedure,
  userOrPublishableKeyProcedure,
} from '../trpc';
export type { PublishableKeyPrincipal } from '../modules/developer/publishable-keys';
export { DomainError, conflict, invalidField, notFound, type ErrorCode } from '../errors';
// For raw HTTP routes answering a procedure's error in the contract's shape.
export { describeError, errorBody, errorCodes } from '../errors';
export { isUniqueViolation } from '../db/index';
// A hot-path statement as a named prepared statement ($1-style; name it `<id>.…`, always with the same text).
export { prepared } from '../db/index';
export { newestFirstPage, type PageInput } from '../db/cursor';
export { eventType, type EventDefinition } from '../events/catalogue';
export { defineEffect, type EffectDefinition, type EffectContext, type EffectOutcome } from '../modules/actions/effects/effect';
export { defineScheduleKind, calendarOf, type ScheduleKindDefinition } from '../modules/schedules/kinds/definition';
export { defineCondition, type ConditionDefinition } from '../modules/skills/conditions/condition';
export { LIVE_SCOPE, actorRealm, realmOf, sameSandbox, scopeOf, type ModeScope, type Realm } from '../modules/developer/realm';
export { addressBucket } from '../net/ip';

/** What an extension emits events with (its kernel's `events`). */
export type EventEmitter = Kernel['events'];

/**
 * The kernel of extension `id` inside one of its procedures. A procedure reaches the kernel only
 * through this (and `ctx.actor`, `ctx.scope`, …, which its procedure base sets).
 */
export function kernelOf(ctx: Pick<Context, 'platform'>, id: string): Kernel {
  const kernel = ctx.platform.kernels.get(id);
  if (!kernel) throw new Error(`Extension "${id}" is not loaded`);
  return kernel;
}
