// Schedules as data: list them, check one at an instant, and evaluate a schedule row for the
// actions engine (evaluateSchedule is pure, so it can run inside the action's transaction for each
// linked schedule without another query).
import type { Tx } from '../../db/index';
import { notFound } from '../../errors';
import { isUuid } from '../../ids';
import type { CheckScheduleInput, ScheduleCheck } from '../../../shared/schemas/schedules';
import type { ScheduleCalendar } from './kinds/definition';
import { scheduleKinds } from './kinds/index';
import { toSchedule, type ScheduleRow } from './models';

/** Codes of the original CalOS, still accepted by checks and actions. */
export const scheduleCodeAliases: Readonly<Record<string, string>> = {
  always_available: 'always',
  nyse_trading_hours: 'nyse',
};

export const canonicalScheduleCode = (code: string) => scheduleCodeAliases[code] ?? code;


// Calendars keep their worked-out sessions, so one is kept per distinct schedule definition.
const calendars = new Map<string, ScheduleCalendar>();
const MAX_CALENDARS = 1000;

function calendarFor(row: Pick<ScheduleRow, 'kind' | 'timezone' | 'params'>): ScheduleCalendar {
  const key = `${row.kind}\u0000${row.timezone}\u0000${JSON.stringify(row.params)}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    const kind = scheduleKinds.get(row.kind);
    // A row the registry cannot read is a data error (an INTERNAL answer), not the caller's fault.
    if (!kind) throw new Error(`Schedule kind ${row.kind} is not registered`);
    calendar = kind.calendar(kind.paramsSchema.parse(row.params ?? {}), row.timezone);
    if (calendars.size >= MAX_CALENDARS) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

/** Whether a schedule is open at `at`, why not, and when that changes. Pure: no database. */
export function evaluateSchedule(row: Pick<ScheduleRow, 'kind' | 'timezone' | 'params'>, at: Date): ScheduleCheck {
  return { at, ...calendarFor(row).stateAt(at) };
}

export async function listSchedules(tx: Tx) {
  const rows = (await tx('schedules').select('*').orderBy('code')) as ScheduleRow[];
  return { items: rows.map(toSchedule) };
}

/** The id of the schedule with this code or alias; null when there is none. */
export async function scheduleIdOf(tx: Tx, code: string): Promise<string | null> {
  const row = await tx('schedules').where({ code: canonicalScheduleCode(code) }).first('id');
  return (row?.id as string | undefined) ?? null;
}

/**
 * The schedules as another module's SQL may read them, where a statement must read them in its
 * own round trip (loading an action with its schedules): `JOIN ${SCHEDULES} s ON s.id = …`.
 */
export const SCHEDULES = '(SELECT id, code, kind, timezone, params FROM schedules)';

/** A schedule by code, alias or id; 404 when there is none. */
export async function findSchedule(tx: Tx, schedule: string): Promise<ScheduleRow> {
  const query = tx('schedules').first('*');
  if (isUuid(schedule)) query.where({ id: schedule });
  else query.where({ code: canonicalScheduleCode(schedule) });
  const row = (await query) as ScheduleRow | undefined;
  if (!row) throw notFound('schedule', `No schedule ${schedule}.`);
  return row;
}

export async function checkSchedule(tx: Tx, input: CheckScheduleInput & { schedule: string }): Promise<ScheduleCheck> {
  const row = await findSchedule(tx, input.schedule);
  return evaluateSchedule(row, input.at ? new Date(input.at) : new Date());
}
