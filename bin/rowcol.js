#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: no build step between a checkout and `npx rowcol`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
