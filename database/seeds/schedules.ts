// The built-in schedules. `business_hours` is Monday–Friday 09:00–17:00 UTC: a neutral default
// for a platform with users everywhere; a deployment adds a row in its own zone for local hours.
// Inserted when missing and otherwise left alone, so an operator's change to a row survives.
import type { Db } from '../../server/db/index';

export const builtInSchedules = [
  { code: 'always', name: 'Always available', kind: 'always', timezone: 'UTC', params: {} },
  {
    code: 'business_hours',
    name: 'Business hours (Mon–Fri 09:00–17:00 UTC)',
    kind: 'business_hours',
    timezone: 'UTC',
    params: { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' },
  },
  { code: 'nyse', name: 'NYSE trading hours', kind: 'exchange', timezone: 'America/New_York', params: { exchange: 'NYSE' } },
  { code: 'nasdaq', name: 'NASDAQ trading hours', kind: 'exchange', timezone: 'America/New_York', params: { exchange: 'NASDAQ' } },
];

export async function seedSchedules(db: Db): Promise<void> {
  await db('schedules')
    .insert(builtInSchedules.map((s) => ({ ...s, params: JSON.stringify(s.params) })))
    .onConflict('code')
    .ignore();
}
