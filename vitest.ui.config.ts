import { defineConfig } from 'vitest/config';

// UI tests: the built renderer in Chromium. Run after `electron-vite build` (npm run test:ui does both).
export default defineConfig({
  test: {
    include: ['test/ui/**/*.test.ts', 'test/electron/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', ['json', { outputFile: '.tmp/reports/ui.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    // expect.poll waits for what the page shows; its default 1 s is a speed limit on a busy machine, so
    // a wait ends only when the test itself would time out.
    expect: { poll: { timeout: 25_000 } },
  },
});
