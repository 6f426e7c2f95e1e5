import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // engines started by tests log to their files and rings, not to the console
    env: { ALGOSPACE_LOG_CONSOLE: '0' },
    // CI also writes a JSON report that .ci/run sums with Playwright's.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/reports/vitest.json' }]] : ['default'],
  },
});
