// Rows of the schedules table and their API shape.
import type { Schedule } from '../../../shared/schemas/schedules';

export interface ScheduleRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  timezone: string;
  params: unknown;
  created_at: Date;
}

export const toSchedule = (r: ScheduleRow): Schedule => ({ code: r.code, name: r.name, kind: r.kind, timezone: r.timezone });
