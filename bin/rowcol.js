#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: no build step between a checkout and `npx rowcol`.
import { register } from 'tsx/esm/api';

// `rowcol console … | head` closes the pipe early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
