#!/usr/bin/env node
// `npm test`: every part of the suite in turn (typecheck, lint, unit + integration tests, UI tests), each
// run even when one before it failed, so one red part cannot hide another. One line per part, a report
// in .tmp/reports/parts.json (scripts/test-summary.mjs counts a part that failed outside vitest), and a
// non-zero exit when any part failed. Each part stays runnable alone: npm run typecheck | lint |
// test:unit | test:ui. `node scripts/run-tests.mjs unit ui` runs only the parts named.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Where vitest writes its reports (vitest.config.ts, vitest.ui.config.ts); another folder only for the
// test of this script.
const reports = process.env.ROWCOL_TEST_REPORTS ?? join(root, '.tmp', 'reports');

/** Part name, the package.json script that runs it, and the vitest report it writes (if any). */
const parts = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit', report: 'unit.json' },
  { name: 'ui', script: 'test:ui', report: 'ui.json' },
];

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !parts.some((p) => p.name === a));
if (unknown.length) {
  console.error(
    `run-tests: unknown part ${unknown.join(', ')} (parts: ${parts.map((p) => p.name).join(', ')})`,
  );
  process.exit(2);
}
const chosen = asked.length ? parts.filter((p) => asked.includes(p.name)) : parts;

mkdirSync(reports, { recursive: true });
// A report left from an earlier run must not stand in for a part that fails before vitest writes one.
for (const p of chosen) if (p.report) rmSync(join(reports, p.report), { force: true });

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];
for (const part of chosen) {
  console.log(`\n── ${part.name}: npm run ${part.script}`);
  const r = spawnSync(npm, ['run', '--silent', part.script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  // Ctrl-C reaches the part too: stop here rather than start the next one.
  if (r.signal === 'SIGINT' || r.signal === 'SIGTERM') process.exit(130);
  const code = r.status ?? 1;
  results.push({
    name: part.name,
    ok: code === 0,
    code,
    ...(r.error ? { error: r.error.message } : {}),
    ...(part.report ? { report: part.report } : {}),
  });
  writeFileSync(join(reports, 'parts.json'), JSON.stringify({ parts: results }, null, 2));
}

console.log('');
for (const r of results)
  console.log(
    `${r.ok ? 'ok    ' : 'FAILED'}  ${r.name}${r.ok ? '' : ` (exit ${r.code}${r.error ? `: ${r.error}` : ''})`}`,
  );
const failed = results.filter((r) => !r.ok);
console.log(
  failed.length
    ? `npm test: ${failed.length} of ${results.length} parts failed: ${failed.map((r) => r.name).join(', ')}`
    : `npm test: all ${results.length} part${results.length === 1 ? '' : 's'} passed`,
);
process.exit(failed.length ? 1 : 0);
