// The unit and integration suite. The database comes from CALOS_TEST_DB (pglite by default, or
// postgres); scripts/test.mjs runs it once for each. Browser tests have their own config in e2e/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'database/**/*.test.ts'],
    globalSetup: ['server/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
