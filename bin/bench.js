#!/usr/bin/env node
// `npm run bench [name…] [-- --sizes 1x,4x --rounds 3 --clients 50,200]`: runs every bench/*.bench.ts
// (or those whose name contains a given word) in its own Node process, so each one's memory and timing
// stand alone, passes the options on, and collects every figure in one JSON file whose path it prints
// (bench/support/report.ts), so runs can be compared. Benchmarks are not tests: they print, and a missed
// goal is reported in words, never as a failed assertion.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const filters = firstFlag < 0 ? args : args.slice(0, firstFlag);
const options = firstFlag < 0 ? [] : args.slice(firstFlag);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`rowcol bench: no benchmark matches ${filters.join(' ')}`);
  process.exit(2);
}
const out =
  process.env.ROWCOL_BENCH_OUT ??
  join(root, '.tmp', 'bench', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f.replace('.bench.ts', '')}`);
  // The emulator runs inside the bench process: at 16× the large company it holds ~750,000 records and
  // their answers, more than Node's default heap.
  const heap = '--max-old-space-size=12288';
  const r = spawnSync(process.execPath, [heap, '--import', 'tsx', join('bench', f), ...options], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ROWCOL_BENCH_OUT: out, ROWCOL_BENCH_QUIET: '1' },
  });
  if (r.status !== 0) {
    failed++;
    console.log(`   (${f} ended with exit code ${r.status})`);
  }
}
console.log(`\nfigures written to ${out}`);
process.exit(failed ? 1 : 0);
