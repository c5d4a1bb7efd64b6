// The schedule kinds: one file each, one line here. Adding a kind is a new file and a new line.
import type { ScheduleKindDefinition } from './definition';
import { alwaysKind } from './always';
import { businessHoursKind } from './business-hours';
import { exchangeKind } from './exchange';

/** Gathers definitions by id; a duplicate id stops start-up rather than shadowing a kind. */
export function collectScheduleKinds(definitions: ScheduleKindDefinition[]): ReadonlyMap<string, ScheduleKindDefinition> {
  const kinds = new Map<string, ScheduleKindDefinition>();
  for (const definition of definitions) {
    if (kinds.has(definition.id)) throw new Error(`Schedule kind ${definition.id} is defined twice`);
    kinds.set(definition.id, definition);
  }
  return kinds;
}

export const scheduleKinds = collectScheduleKinds([
  alwaysKind,
  businessHoursKind,
  exchangeKind,
]);
