import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/ui/**', 'test/electron/**', 'node_modules/**'],
    environment: 'node',
    // Builds out/cli first: tests that spawn bin/rowcol.js run the sources as they are.
    globalSetup: ['test/support/build-cli.ts'],
    // The JSON report lets .ci/run print one 'N passed, N failed' line for the whole suite.
    reporters: ['default', ['json', { outputFile: '.tmp/reports/unit.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests open real SQLite files and real loopback servers; two cores, so keep workers modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
