// The Argon2 ceiling: argon2id `verify` from @node-rs/argon2 with default options (the ones CalOS
// hashes with), `concurrency` calls in flight at a time, as the server's password gate allows.
// Run by bench/http.ts in its own process while the server is idle; prints one JSON line.
//   node --import tsx bench/argon2-verify.ts <concurrency> <warmupSeconds> <durationSeconds>
import fs from 'node:fs';
import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';

/** Busy and total jiffies of the whole machine, to tell how much else ran during the window. */
function machineTicks() {
  try {
    const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

const concurrency = Number(process.argv[2] ?? 2);
const warmupS = Number(process.argv[3] ?? 2);
const durationS = Number(process.argv[4] ?? 8);
const password = 'bench-password-0123';

const stored = await hash(password);
let counting = false;
let count = 0;
let stop = false;
const loop = async () => {
  while (!stop) {
    const ok = await verify(stored, password);
    if (!ok) throw new Error('argon2 verify returned false');
    if (counting) count++;
  }
};
const loops = Array.from({ length: concurrency }, loop);
await new Promise((r) => setTimeout(r, warmupS * 1000));
const m0 = machineTicks();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
counting = true;
await new Promise((r) => setTimeout(r, durationS * 1000));
counting = false;
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const m1 = machineTicks();
const machineBusyCores =
  m0 && m1 ? ((m1.busy - m0.busy) / Math.max(m1.total - m0.total, 1)) * os.cpus().length : null;
stop = true;
await Promise.all(loops);
console.log(
  JSON.stringify({
    concurrency,
    seconds,
    verifications: count,
    perSecond: count / seconds,
    msPerVerifyCpu: (cpu.user + cpu.system) / 1000 / Math.max(count, 1),
    cpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
    machineBusyCores,
  }),
);
