#!/usr/bin/env node
// Local patches to installed dependencies, applied by `npm install` / `npm ci` (postinstall).
// Each patch names the exact version it was reviewed against and the exact text it replaces; any
// other version or text is left alone with a warning, so an upgrade can never be patched blindly.
// A missing patch costs speed only, never correctness.
//
// @trpc/server 11.19.0: the build lowers object spread (`{...a, b}`) to oxc's `_objectSpread2`
// helper, which copies key by key through Object.keys + getOwnPropertySymbols + filter + forEach and,
// for its even-position arguments, getOwnPropertyDescriptors + defineProperties. tRPC runs it several
// times per middleware step on every call (callRecursive spreads the call's options and context),
// and it was 20 % of the server's time on GET /api/auth/session (bench/README.md). Every call site in
// this version spreads plain data objects into a fresh target (no accessors, no setters: checked
// when the patch was written), where Object.assign copies exactly the same own enumerable string and
// symbol keys, 7x faster. Upstream: native spread is in every runtime tRPC supports.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRPC_SPREAD_ORIGINAL = `function _objectSpread2(e) {
	for (var r = 1; r < arguments.length; r++) {
		var t = null != arguments[r] ? arguments[r] : {};
		r % 2 ? ownKeys(Object(t), !0).forEach(function(r) {
			_defineProperty(e, r, t[r]);
		}) : Object.getOwnPropertyDescriptors ? Object.defineProperties(e, Object.getOwnPropertyDescriptors(t)) : ownKeys(Object(t)).forEach(function(r) {
			Object.defineProperty(e, r, Object.getOwnPropertyDescriptor(t, r));
		});
	}
	return e;
}`;

// An own "__proto__" key (JSON.parse makes one from input) must stay a plain property, as the
// original's defineProperty keeps it, rather than become the target's prototype through [[Set]].
export const TRPC_SPREAD_PATCHED = `function _objectSpread2(e) {
	/* calos patch (scripts/patch-dependencies.mjs): plain data objects, copied as Object.assign does */
	for (var r = 1; r < arguments.length; r++) {
		var t = arguments[r];
		if (t == null) continue;
		if (Object.prototype.hasOwnProperty.call(t, "__proto__")) ownKeys(Object(t), !0).forEach(function(k) {
			Object.defineProperty(e, k, { value: t[k], enumerable: !0, configurable: !0, writable: !0 });
		});
		else Object.assign(e, t);
	}
	return e;
}`;

const patches = [
  {
    name: '@trpc/server object spread',
    packageDir: 'node_modules/@trpc/server',
    version: '11.19.0',
    files: (dir) => fs.readdirSync(path.join(dir, 'dist')).filter((f) => /^getErrorShape-.*\.(mjs|cjs)$/.test(f)).map((f) => path.join(dir, 'dist', f)),
    original: TRPC_SPREAD_ORIGINAL,
    patched: TRPC_SPREAD_PATCHED,
  },
];

export function applyPatches(root) {
  const report = [];
  for (const patch of patches) {
    const dir = path.join(root, patch.packageDir);
    let version;
    try {
      version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    } catch {
      report.push(`skip ${patch.name}: ${patch.packageDir} is not installed`);
      continue;
    }
    if (version !== patch.version) {
      report.push(`WARNING skip ${patch.name}: reviewed for ${patch.version}, found ${version}; review and update scripts/patch-dependencies.mjs`);
      continue;
    }
    for (const file of patch.files(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      if (text.includes(patch.patched)) report.push(`ok ${patch.name}: ${path.relative(root, file)} already patched`);
      else if (text.includes(patch.original)) {
        fs.writeFileSync(file, text.replace(patch.original, patch.patched));
        report.push(`ok ${patch.name}: patched ${path.relative(root, file)}`);
      } else report.push(`WARNING skip ${patch.name}: ${path.relative(root, file)} does not hold the reviewed text`);
    }
  }
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (const line of applyPatches(root)) console.log(`patch-dependencies: ${line}`);
}
