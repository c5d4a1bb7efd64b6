// Summarises a V8 .cpuprofile (from `npm run bench -- --only apiPing --cpu-prof DIR`): self time by
// package and by function, and inclusive ("total") time by function, so the cost of each layer of
// a door can be read off. Samples in the first --skip seconds (start-up, module loading) are left out.
//   npx tsx bench/cpu-profile-summary.ts DIR/CPU.*.0.001.cpuprofile [--top 30] [--skip 4] [--grep text]
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, skip: { type: 'string', default: '0' }, grep: { type: 'string' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: cpu-profile-summary.ts FILE.cpuprofile [--top N] [--skip S] [--grep text]');
const top = Number(opts.top);
const skipUs = Number(opts.skip) * 1e6;
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function pkgOf(url: string): string {
  if (!url) return '(native, V8, GC, idle)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/deps\/([^/]+).*$/, 'node:$1 (bundled)');
  if (/\/(server|shared)\//.test(url)) return 'calos (server/, shared/)';
  return url;
}
const fnKey = (n: Node) => {
  const f = n.callFrame;
  const where = f.url
    ? `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(server|shared|bench)\//, '$1/')}:${f.lineNumber + 1}`
    : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const selfFn = new Map<string, number>();
const selfPkg = new Map<string, number>();
const inclusive = new Map<string, number>();
let elapsed = 0;
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  elapsed += dt;
  if (elapsed < skipUs) return;
  const n = byId.get(id)!;
  total += dt;
  if (n.callFrame.functionName === '(idle)') {
    idle += dt;
    return;
  }
  selfFn.set(fnKey(n), (selfFn.get(fnKey(n)) ?? 0) + dt);
  const p = pkgOf(n.callFrame.url);
  selfPkg.set(p, (selfPkg.get(p) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = fnKey(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
});
const busy = total - idle;
const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)} %`;
const list = (m: Map<string, number>, n: number) =>
  [...m]
    .filter(([k]) => !opts.grep || k.includes(opts.grep))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, t]) => `  ${pct(t)}  ${k}`)
    .join('\n');
console.log(
  `${file}\n${(total / 1e6).toFixed(2)} s sampled after the first ${opts.skip} s, ` +
    `${(busy / 1e6).toFixed(2)} s busy (percentages are of busy time)\n`,
);
console.log(`self time by package/module:\n${list(selfPkg, 25)}\n`);
console.log(`self time by function (top ${top}):\n${list(selfFn, top)}\n`);
console.log(`inclusive time by function (top ${top}):\n${list(inclusive, top)}`);
