// The unit and integration suite. The database comes from CALOS_TEST_DB (pglite by default, or
// postgres); scripts/test.mjs runs it once for each. Browser tests have their own config in e2e/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Examples and doc samples import the SDK by its package name, as a user's app would.
  resolve: { alias: { '@calos/sdk': fileURLToPath(new URL('./sdk/src/index.ts', import.meta.url)) } },
  test: {
    include: [
      'server/**/*.test.ts',
      'extensions/**/*.test.ts',
      'shared/**/*.test.ts',
      'database/**/*.test.ts',
      'sdk/**/*.test.ts',
      'sdk-python/**/*.test.ts',
      'examples/**/*.test.ts',
      'docs/**/*.test.ts',
      'deploy/**/*.test.ts',
    ],
    globalSetup: ['server/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
