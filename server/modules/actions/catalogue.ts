// The action catalogue: platform actions and those applications register, with their effects and
// schedules. Registration validates every effect's params against the effect registry.
import type { z } from 'zod';
import type { Action, registerActionInput } from '../../../shared/schemas/actions';
import type { Mode } from '../../../shared/schemas/developer';
import type { Tx } from '../../db/index';
import { conflict, invalidField, notFound } from '../../errors';
import type { Actor } from '../../trpc';
import { scopeOf, type ModeScope } from '../developer/realm';
import { effects } from './effects/index';
import { canonicalScheduleCode } from '../schedules/service';

export interface ActionRow {
  id: string;
  code: string;
  name: string;
  category: string;
  description: string;
  cooldown_seconds: number;
  daily_limit: number | null;
  rate_limit_per_minute: number | null;
  mode: Mode | null;
  system_only: boolean;
  effects: Array<{ code: string; params: Record<string, unknown> }>;
  schedules: Array<{ code: string; kind: string; timezone: string; params: Record<string, unknown> }>;
}

/** Columns and aggregates of an action with its effects (in order) and schedules. */
export const actionSelect = `a.id, a.code, a.name, a.category, a.description, a.cooldown_seconds, a.daily_limit, a.rate_limit_per_minute, a.mode, a.system_only,
  (SELECT coalesce(json_agg(json_build_object('code', e.effect_code, 'params', e.params) ORDER BY e.position), '[]')
     FROM action_effects e WHERE e.action_id = a.id) AS effects,
  (SELECT coalesce(json_agg(json_build_object('code', s.code, 'kind', s.kind, 'timezone', s.timezone, 'params', s.params) ORDER BY s.code), '[]')
     FROM action_schedule_links l JOIN schedules s ON s.id = l.schedule_id WHERE l.action_id = a.id) AS schedules`;

/**
 * Actions a caller sees, as a condition on `a` taking the caller's mode and application id (as
 * placeholders, `?` by default): the platform's; for a live caller, every live action an
 * application registered; for a test key, only those its own application registered in test mode.
 */
/** The loaded extensions' ids as SQL (checked ids: lower-case letters, digits, dashes). */
let ownedByLoaded = 'a.extension_id IS NULL';

/** Actions of extensions that are not loaded are neither listed nor run (server/extensions/loader.ts). */
export function installActionOwners(extensionIds: readonly string[]): void {
  if (extensionIds.some((id) => !/^[a-z][a-z0-9-]*$/.test(id))) throw new Error('Extension ids must be lower-case letters, digits and dashes');
  ownedByLoaded = extensionIds.length ? `(a.extension_id IS NULL OR a.extension_id IN (${extensionIds.map((id) => `'${id}'`).join(', ')}))` : 'a.extension_id IS NULL';
}

/** Names prepared statements that embed the filter (it changes only when extensions load). */
export const loadedOwnersKey = () => ownedByLoaded.replace(/[^a-z0-9-]+/g, '_');

export const visible = (mode = '?', applicationId = '?') =>
  `(a.mode IS NULL OR (a.mode = ${mode} AND (a.mode = 'live' OR a.application_id = ${applicationId}::uuid))) AND ${ownedByLoaded}`;
export const visibleValues = (scope: ModeScope) => [scope.mode, scope.applicationId];

export const toAction = (row: ActionRow): Action => ({
  id: row.id,
  code: row.code,
  name: row.name,
  category: row.category,
  description: row.description,
  cooldownSeconds: row.cooldown_seconds,
  dailyLimit: row.daily_limit,
  rateLimitPerMinute: row.rate_limit_per_minute,
  schedules: row.schedules.map((s) => s.code),
  effects: row.effects.map((e) => ({ effectCode: e.code, effectParams: e.params })),
  custom: row.mode !== null,
  systemOnly: row.system_only,
});

export async function listActions(db: Tx, scope: ModeScope, category?: string): Promise<{ items: Action[] }> {
  const { rows } = await db.raw(
    `SELECT ${actionSelect} FROM action_definitions a WHERE ${visible()}${category ? ' AND a.category = ?' : ''} ORDER BY a.category, a.code`,
    [...visibleValues(scope), ...(category ? [category] : [])],
  );
  return { items: (rows as ActionRow[]).map(toAction) };
}

export async function findAction(db: Tx, scope: ModeScope, code: string): Promise<ActionRow> {
  // Should a later platform action share a registered code, the application's own one wins.
  const { rows } = await db.raw(`SELECT ${actionSelect} FROM action_definitions a WHERE a.code = ? AND ${visible()} ORDER BY a.mode NULLS LAST LIMIT 1`, [
    code,
    ...visibleValues(scope),
  ]);
  const row = rows[0] as ActionRow | undefined;
  if (!row) throw notFound('action', `No action "${code}".`);
  return row;
}

/**
 * Registers a custom action (POST /api/actions/register), in the caller's mode: a live action for
 * every live caller, or a test action of the key's own application, whose code is its own (two
 * applications may both have a test `daily_quiz`, and neither takes the code from live callers).
 */
export async function registerAction(trx: Tx, actor: Actor, input: z.output<typeof registerActionInput>): Promise<Action> {
  const steps = [];
  for (const [i, step] of input.effects.entries()) {
    const effect = effects.get(step.effectCode);
    if (!effect) throw invalidField(`effects.${i}.effectCode`, `unknown effect; known: ${effects.ids().join(', ')}`);
    const parsed = effect.params.safeParse(step.effectParams);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalidField(['effects', i, 'effectParams', ...issue.path].join('.'), issue.message);
    }
    const missing = effect.checkReferences ? await effect.checkReferences(trx, parsed.data, scopeOf(actor)) : null;
    if (missing) throw invalidField(`effects.${i}.effectParams.${missing.field}`, missing.message);
    steps.push(step);
  }
  const scheduleIds: string[] = [];
  for (const [i, code] of input.schedules.entries()) {
    const schedule = await trx('schedules').where({ code: canonicalScheduleCode(code) }).first('id');
    if (!schedule) throw invalidField(`schedules.${i}`, `no schedule "${code}"`);
    scheduleIds.push(schedule.id);
  }
  if (await trx('action_definitions').where({ code: input.actionCode }).whereNull('mode').first('id')) {
    throw conflict('ACTION_EXISTS', `"${input.actionCode}" is one of the platform's actions.`);
  }
  // The unique indexes (live codes; test codes per application) decide between two parallel
  // registrations of one code.
  const inserted = await trx('action_definitions')
    .insert({
      code: input.actionCode,
      name: input.actionName,
      category: input.actionCategory,
      description: input.actionDescription ?? '',
      cooldown_seconds: input.cooldownSeconds,
      daily_limit: input.dailyLimit,
      rate_limit_per_minute: input.rateLimitPerMinute,
      mode: actor.mode,
      application_id: actor.kind === 'apiKey' ? actor.key.applicationId : null,
    })
    .onConflict()
    .ignore()
    .returning('id');
  const id = inserted[0]?.id as string | undefined;
  if (!id) throw conflict('ACTION_EXISTS', `An action "${input.actionCode}" exists already.`);
  await trx('action_effects').insert(
    steps.map((step, position) => ({ action_id: id, effect_code: step.effectCode, params: JSON.stringify(step.effectParams), position })),
  );
  if (scheduleIds.length) await trx('action_schedule_links').insert(scheduleIds.map((schedule_id) => ({ action_id: id, schedule_id })));
  return toAction(await findAction(trx, scopeOf(actor), input.actionCode));
}
