#!/usr/bin/env node
// `npm run bench [-- name…]`: runs every bench/*.bench.ts in its own Node process (so each one's memory
// and timing stand alone) and lets each print its figures. Benchmarks are not tests: they print, and a
// missed target is reported in words, not as a failed assertion.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`rowcol bench: no benchmark matches ${filters.join(' ')}`);
  process.exit(2);
}
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f.replace('.bench.ts', '')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', f)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed++;
    console.log(`   (${f} ended with exit code ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
