// The schedule kinds: one file each, one line here. Adding a kind is a new file and a new line.
import { collectRegistry, type ExtensibleRegistry } from '../../../registry';
import type { ScheduleKindDefinition } from './definition';
import { alwaysKind } from './always';
import { businessHoursKind } from './business-hours';
import { exchangeKind } from './exchange';

/** Gathers definitions by id; a duplicate id stops start-up rather than shadowing a kind. */
export function collectScheduleKinds(definitions: ScheduleKindDefinition[]): ExtensibleRegistry<ScheduleKindDefinition> {
  return collectRegistry('schedule kind', definitions, (d) => d.id);
}

export const scheduleKinds = collectScheduleKinds([
  alwaysKind,
  businessHoursKind,
  exchangeKind,
]);
