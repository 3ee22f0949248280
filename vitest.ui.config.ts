import { defineConfig } from 'vitest/config';

// UI tests: the built renderer in Chromium. Run after `electron-vite build` (npm run test:ui does both).
export default defineConfig({
  test: { include: ['test/ui/**/*.test.ts', 'test/electron/**/*.test.ts'], environment: 'node', reporters: ['default', ['json', { outputFile: '.tmp/reports/ui.json' }]], testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks', maxWorkers: 1 },
});
