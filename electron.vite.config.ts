import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds, one per process. Native modules and the QBO/OAuth clients stay external to the main
// bundle: better-sqlite3 must be loaded from disk with the right ABI (see src/main/db/open.ts).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('src/main/app/index.ts') },
        external: [
          'better-sqlite3',
          'electron',
          'intuit-oauth',
          'undici',
          'bottleneck',
          'electron-store',
          // The digest's PDF printer drives Chromium; loaded from node_modules when a PDF is asked for.
          'playwright-core',
        ],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // Minified: a cold window parses less before the client list is on screen (issue 13's 1 s).
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
