// Child processes of the benchmarks: each in its own process group, so it and anything it starts
// are killed together, at the end or on an error.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  name: string;
  proc: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
  done: boolean;
  /** How it ended, for error messages. */
  how?: string;
}
const children = new Set<Child>();

export function startNode(name: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Child {
  const proc = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: Child = { name, proc, output: [], done: false, exited: Promise.resolve(null) };
  const keep = (chunk: Buffer) => {
    child.output.push(chunk.toString());
    if (child.output.length > 200) child.output.splice(0, child.output.length - 200);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  child.exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      child.how = signal ? `killed by ${signal}` : `exit code ${code}`;
      child.done = true;
      children.delete(child);
      resolve(code ?? (signal ? 128 : null));
    });
    proc.on('error', (err) => {
      child.output.push(String(err));
      child.done = true;
      children.delete(child);
      resolve(null);
    });
  });
  children.add(child);
  return child;
}

export function killGroup(child: Child, signal: NodeJS.Signals) {
  if (child.done || !child.proc.pid) return;
  try {
    process.kill(-child.proc.pid, signal);
  } catch {
    try {
      child.proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

export async function stopChild(child: Child, graceMs = 15_000) {
  if (child.done) return;
  killGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    killGroup(child, 'SIGKILL');
    await child.exited;
  }
}

export async function stopAll() {
  await Promise.all([...children].map((c) => stopChild(c)));
}

// Last resort if this process dies without running its cleanup.
process.on('exit', () => {
  for (const c of children) killGroup(c, 'SIGKILL');
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitForHttp(child: Child, url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.done) throw new Error(`${child.name} exited (${child.how}) during start-up:\n${child.output.join('').slice(-4000)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output.join('').slice(-4000)}`);
}
