// Actions and effects: the catalogue, execute, check, history and stats, registering custom actions,
// and per-user schedule exceptions. Inputs and outputs of both doors, and the web client's types.
import { z } from 'zod';
import { freeJson, freeJsonBounds, listInput, page, text, timestamp, uuid } from './primitives';

// Stored free-form JSON as read back; inputs take freeJson(), which bounds it.
const jsonObject = z.record(z.string(), z.unknown());
const instant = z.iso.datetime({ offset: true });

export const actionCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, 'must be 2–64 characters of a–z, 0–9 and _, starting with a letter');

export const refusalReason = z.enum(['SCHEDULE_CLOSED', 'COOLDOWN', 'DAILY_LIMIT', 'RATE_LIMITED']);

export const actionEffectOutput = z.object({ effectCode: z.string(), effectParams: jsonObject });
export const actionOutput = z.object({
  id: uuid(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  description: z.string(),
  cooldownSeconds: z.number().int(),
  dailyLimit: z.number().int().nullable().describe('Executions per calendar day in the user’s time zone; null: no limit.'),
  rateLimitPerMinute: z.number().int().nullable(),
  schedules: z.array(z.string()).describe('Codes of the schedules that must all be open; empty: always.'),
  effects: z.array(actionEffectOutput),
  custom: z.boolean().describe('Registered by an application rather than part of the platform.'),
  systemOnly: z.boolean().describe('Run by the platform itself (e.g. league results); execute refuses it with 403.'),
});
export type Action = z.infer<typeof actionOutput>;

export const listActionsInput = z.strictObject({ category: text(64).optional() }).optional();
export const listActionsOutput = z.object({ items: z.array(actionOutput) });

const onBehalfOf = uuid().optional().describe('The user to act for: required with an API key; a signed-in user acts for themselves.');

export const executeActionInput = z.strictObject({
  actionCode: text(64, 1),
  params: freeJson().default({}).describe(`Free-form parameters, logged and passed to the effects. ${freeJsonBounds}`),
  userId: onBehalfOf,
});
export const effectResultOutput = z.object({
  effectCode: z.string(),
  status: z.enum(['applied', 'skipped']),
  result: jsonObject,
});
export const executeActionOutput = z.object({
  execution: z.object({
    id: uuid(),
    actionCode: z.string(),
    userId: uuid(),
    executedAt: timestamp(),
    freeUse: z.boolean().describe('A free-action benefit let it past a cooldown or the daily limit.'),
  }),
  effects: z.array(effectResultOutput),
});
export type ExecuteActionResult = z.infer<typeof executeActionOutput>;

export const checkActionInput = z.strictObject({
  code: text(64, 1),
  at: instant.optional().describe('The instant to check (ISO-8601); default now.'),
  userId: onBehalfOf,
});
export const checkActionOutput = z.object({
  actionCode: z.string(),
  at: timestamp(),
  available: z.boolean(),
  reason: refusalReason.nullable(),
  nextAvailableAt: timestamp().nullable().describe('When every rule allows it again; null when available (or never).'),
  remainingToday: z.number().int().nullable(),
  cooldownEndsAt: timestamp().nullable(),
});
export type ActionAvailability = z.infer<typeof checkActionOutput>;

export const actionHistoryInput = z.strictObject({ actionCode: text(64).optional(), userId: onBehalfOf, ...listInput });
export const actionHistoryItem = z.object({
  id: uuid(),
  actionCode: z.string(),
  status: z.enum(['succeeded', 'failed']),
  reason: refusalReason.nullable(),
  nextAvailableAt: timestamp().nullable(),
  freeUse: z.boolean(),
  params: jsonObject,
  executedAt: timestamp(),
  effects: z.array(effectResultOutput),
});
export const actionHistoryOutput = page(actionHistoryItem);

export const actionStatsInput = z.strictObject({ userId: onBehalfOf }).optional();
export const actionStatsOutput = z.object({
  total: z.number().int().describe('Successful executions, ever.'),
  today: z.number().int().describe('Successful executions today, in the user’s time zone.'),
  failed: z.number().int(),
  timezone: z.string(),
  byAction: z.array(z.object({ actionCode: z.string(), count: z.number().int(), lastExecutedAt: timestamp() })),
  perDay: z.array(z.object({ day: z.string(), count: z.number().int() })).describe('The last 30 days, oldest first.'),
});

export const registerActionInput = z.strictObject({
  actionCode,
  actionName: text(100, 1),
  actionCategory: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and _'),
  actionDescription: text(500).optional(),
  cooldownSeconds: z.number().int().min(0).max(31_536_000).default(0),
  dailyLimit: z.number().int().min(1).max(1_000_000).nullable().default(null),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).nullable().default(null),
  schedules: z.array(text(100, 1)).max(5).default([]).describe('Schedule codes that must all be open.'),
  effects: z
    .array(z.strictObject({ effectCode: text(64, 1), effectParams: freeJson().default({}).describe(freeJsonBounds) }))
    .min(1)
    .max(20),
});

export const scheduleExceptionInput = z
  .strictObject({
    userId: uuid(),
    actionCode: text(64, 1),
    startsAt: instant,
    endsAt: instant,
    reason: text(500, 1),
  })
  .refine((e) => new Date(e.endsAt) > new Date(e.startsAt), { message: 'must be after startsAt', path: ['endsAt'] });
export const scheduleExceptionOutput = z.object({
  id: uuid(),
  userId: uuid(),
  actionCode: z.string(),
  startsAt: timestamp(),
  endsAt: timestamp(),
  reason: z.string(),
  createdAt: timestamp(),
});
