// The Argon2 ceiling: argon2id `verify` from @node-rs/argon2 with default options (the ones CalOS
// hashes with), `concurrency` calls in flight at a time, as the server's password gate allows.
// Run by bench/http.ts in its own process while the server is idle; prints one JSON line.
//   node --import tsx bench/argon2-verify.ts <concurrency> <warmupSeconds> <durationSeconds>
import { hash, verify } from '@node-rs/argon2';

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
const cpu0 = process.cpuUsage();
const t0 = performance.now();
counting = true;
await new Promise((r) => setTimeout(r, durationS * 1000));
counting = false;
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
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
  }),
);
