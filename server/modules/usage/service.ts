// Reads usage analytics back: sums of the daily rows of a developer's keys, with latency
// percentiles taken from the summed bucket counts.
import type { z } from 'zod';
import type { Tx } from '../../db/index';
import type { usageInput } from '../../../shared/schemas/usage';
import { ownedApplication } from '../developer/applications';
import { LATENCY_BUCKETS_MS } from './recorder';

interface UsageRow {
  day: string | Date;
  api_key_id: string;
  route: string;
  requests: number;
  errors: number;
  latency_buckets: number[];
  key_name: string;
  key_display: string;
  key_mode: 'live' | 'test';
}

/** The upper bound of the bucket where the cumulative count reaches quantile `q`. */
export function percentile(buckets: number[], q: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i]!;
    if (seen >= rank) return Math.min(LATENCY_BUCKETS_MS[i]!, LATENCY_BUCKETS_MS.at(-2)!);
  }
  return LATENCY_BUCKETS_MS.at(-2)!;
}

class Aggregate {
  requests = 0;
  errors = 0;
  buckets = LATENCY_BUCKETS_MS.map(() => 0);
  add(row: UsageRow) {
    this.requests += row.requests;
    this.errors += row.errors;
    row.latency_buckets.forEach((n, i) => (this.buckets[i]! += n));
  }
  summary() {
    return {
      requests: this.requests,
      errors: this.errors,
      p50Ms: percentile(this.buckets, 0.5),
      p95Ms: percentile(this.buckets, 0.95),
      p99Ms: percentile(this.buckets, 0.99),
    };
  }
}

const isoDay = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export async function getUsage(tx: Tx, ownerId: string, input: z.output<typeof usageInput>) {
  if (input.applicationId) await ownedApplication(tx, ownerId, input.applicationId);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - (input.days - 1) * 86_400_000).toISOString().slice(0, 10);
  const query = tx('api_usage_daily as u')
    .join('api_keys as k', 'k.id', 'u.api_key_id')
    .join('applications as a', 'a.id', 'k.application_id')
    .where('a.owner_id', ownerId)
    .whereBetween('u.day', [from, to])
    .select('u.*', 'k.name as key_name', 'k.display as key_display', 'k.mode as key_mode');
  if (input.applicationId) query.where('a.id', input.applicationId);
  const rows = (await query) as UsageRow[];

  const totals = new Aggregate();
  const days = new Map<string, Aggregate>();
  const routes = new Map<string, Aggregate>();
  const keys = new Map<string, { row: UsageRow; aggregate: Aggregate }>();
  for (let d = new Date(`${from}T00:00:00Z`); isoDay(d) <= to; d = new Date(d.getTime() + 86_400_000)) {
    days.set(isoDay(d), new Aggregate());
  }
  for (const row of rows) {
    totals.add(row);
    days.get(isoDay(row.day))?.add(row);
    if (!routes.has(row.route)) routes.set(row.route, new Aggregate());
    routes.get(row.route)!.add(row);
    if (!keys.has(row.api_key_id)) keys.set(row.api_key_id, { row, aggregate: new Aggregate() });
    keys.get(row.api_key_id)!.aggregate.add(row);
  }
  return {
    from,
    to,
    totals: totals.summary(),
    days: [...days].map(([day, a]) => ({ day, ...a.summary() })),
    routes: [...routes]
      .map(([route, a]) => ({ route, ...a.summary() }))
      .sort((x, y) => y.requests - x.requests),
    keys: [...keys.values()]
      .map(({ row, aggregate }) => ({
        keyId: row.api_key_id,
        name: row.key_name,
        display: row.key_display,
        mode: row.key_mode,
        ...aggregate.summary(),
      }))
      .sort((x, y) => y.requests - x.requests),
  };
}
