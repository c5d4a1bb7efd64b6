// CPU accounting from /proc for the benchmarks: which process spent the cores during a measurement,
// and waiting for a shared machine to go quiet before one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { sleep } from './processes';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process (all its threads), or of one thread with `/proc/<pid>/task/<tid>`. */
function procTicks(pid: number, path = `/proc/${pid}`): number | undefined {
  try {
    const stat = fs.readFileSync(`${path}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15)
  } catch {
    return undefined;
  }
}

export function rssMiB(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

function postgresTicks(withPostgres: boolean): Map<number, number> {
  const map = new Map<number, number>();
  if (!withPostgres) return map;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const t = procTicks(Number(entry));
    if (t !== undefined) map.set(Number(entry), t);
  }
  return map;
}

export function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface CpuSnapshot {
  server: number | undefined;
  /** The server's main thread alone (JavaScript, the event loop); the rest are libuv's and V8's threads. */
  serverMain: number | undefined;
  pg: Map<number, number>;
  client: NodeJS.CpuUsage;
  machine: { busy: number; total: number };
  at: number;
}

export function snapshot(serverPid: number | undefined, withPostgres: boolean): CpuSnapshot {
  return {
    server: serverPid ? procTicks(serverPid) : undefined,
    serverMain: serverPid ? procTicks(serverPid, `/proc/${serverPid}/task/${serverPid}`) : undefined,
    pg: postgresTicks(withPostgres),
    client: process.cpuUsage(),
    machine: machineTicks(),
    at: performance.now(),
  };
}

export interface CpuUse {
  /** CPU µs per successful request, by process. */
  serverUsPerReq: number | null;
  /** Of serverUsPerReq, the main thread's share; the rest ran on libuv's pool (argon2) and V8's threads. */
  serverMainUsPerReq: number | null;
  pgUsPerReq: number | null;
  clientUsPerReq: number;
  /** Cores busy on the whole machine during the measurement (out of os.cpus().length). */
  machineBusyCores: number;
  serverCores: number | null;
  /** Busy cores not explained by the server, PostgreSQL or the load generator: other work on the box. */
  otherCores: number;
}

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot, requests: number, withPostgres: boolean): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const ticksToUs = 1e6 / CLK_TCK;
  const per = (us: number) => (requests > 0 ? Math.round(us / requests) : null);
  const serverUs =
    before.server !== undefined && after.server !== undefined ? (after.server - before.server) * ticksToUs : undefined;
  let pgTicks = 0;
  for (const [pid, t] of after.pg) pgTicks += t - (before.pg.get(pid) ?? 0);
  const clientUs = after.client.user - before.client.user + (after.client.system - before.client.system);
  const m = { busy: after.machine.busy - before.machine.busy, total: after.machine.total - before.machine.total };
  const machineBusy = (m.busy / Math.max(m.total, 1)) * os.cpus().length;
  const known = ((serverUs ?? 0) + pgTicks * ticksToUs + clientUs) / 1e6 / seconds;
  return {
    otherCores: round2(Math.max(0, machineBusy - known)),
    serverUsPerReq: serverUs === undefined ? null : per(serverUs),
    serverMainUsPerReq:
      before.serverMain !== undefined && after.serverMain !== undefined
        ? per((after.serverMain - before.serverMain) * ticksToUs)
        : null,
    pgUsPerReq: withPostgres ? per(pgTicks * ticksToUs) : null,
    clientUsPerReq: per(clientUs) ?? 0,
    machineBusyCores: round2(machineBusy),
    serverCores: serverUs === undefined ? null : round2(serverUs / 1e6 / seconds),
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The box is shared (other sessions build and test here): wait until the machine is idle, so that
 * a figure measures this code and not a neighbour. Returns the busy cores seen last.
 */
export async function waitForQuiet(quietWaitSeconds: number): Promise<number> {
  const deadline = Date.now() + quietWaitSeconds * 1000;
  let warned = false;
  let quietSamples = 0;
  for (;;) {
    const a = machineTicks();
    await sleep(1000);
    const b = machineTicks();
    const busy = ((b.busy - a.busy) / Math.max(b.total - a.total, 1)) * os.cpus().length;
    quietSamples = busy < 0.25 ? quietSamples + 1 : 0;
    if (quietSamples >= 2 || Date.now() >= deadline) {
      if (busy >= 0.25) process.stdout.write(`[machine still busy: ${busy.toFixed(2)} cores] `);
      return busy;
    }
    if (!warned) {
      process.stdout.write(`[waiting for the machine to go idle: ${busy.toFixed(2)} cores busy] `);
      warned = true;
    }
  }
}
