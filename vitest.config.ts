import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests open real SQLite files and real loopback servers; two cores, so keep workers modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
