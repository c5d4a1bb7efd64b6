// One measured load for the HTTP benchmark: autocannon after a warm-up, with the CPU each process
// spent during it.
import autocannon from 'autocannon';
import { cpuUse, rssMiB, snapshot, type CpuUse } from './cpu-accounting';

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * What each connection sends in turn, over `headers` and `body`: one user's token, or one user's
   * credentials, per connection.
   */
  perConnection?: Array<{ headers?: Record<string, string>; body?: string }>;
  /** Rewrites each request before it is sent (e.g. a random user per request). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  connections: number;
  /** The process whose CPU time is charged to the requests. */
  serverPid: number | undefined;
  warmupSeconds: number;
  durationSeconds: number;
  /** Whether PostgreSQL's processes are counted (not on PGlite, which runs inside the server). */
  withPostgres: boolean;
}

export interface Measurement {
  /** Responses by status code when some were not 2xx, e.g. {"401": 5163}. */
  statusCodes?: Record<string, number>;
  /** Resident memory of the server after the figure, MiB (a leak shows as growth from run to run). */
  serverRssMiB: number | null;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
  cpu: CpuUse;
}

export async function load(spec: LoadSpec): Promise<Measurement> {
  const base = {
    url: spec.url,
    connections: spec.connections,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(spec.setupRequest ? { requests: [{ setupRequest: spec.setupRequest }] } : {}),
    ...(spec.perConnection?.length ? { setupClient: clientSetup(spec.headers ?? {}, spec.perConnection) } : {}),
    timeout: 30,
  };
  if (spec.warmupSeconds > 0) await autocannon({ ...base, duration: spec.warmupSeconds });
  const before = snapshot(spec.serverPid, spec.withPostgres);
  const r = await autocannon({ ...base, duration: spec.durationSeconds });
  const after = snapshot(spec.serverPid, spec.withPostgres);
  const ok = r['2xx'];
  const statusCodes = r.non2xx
    ? Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count]))
    : undefined;
  return {
    ...(statusCodes ? { statusCodes } : {}),
    serverRssMiB: spec.serverPid ? rssMiB(spec.serverPid) : null,
    rps: Math.round(ok / r.duration),
    requests: ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    cpu: cpuUse(before, after, ok, spec.withPostgres),
  };
}

/** autocannon's setupClient, giving connection i the headers and body of perConnection[i % length]. */
function clientSetup(common: Record<string, string>, each: NonNullable<LoadSpec['perConnection']>) {
  let next = 0;
  return (client: autocannon.Client) => {
    const own = each[next++ % each.length]!;
    client.setHeaders({ ...common, ...own.headers });
    if (own.body !== undefined) client.setBody(own.body);
  };
}
