#!/usr/bin/env node
// Prints one closing line for the whole suite: "tests: N passed, N failed, N skipped", from vitest's JSON
// reports and the parts report of scripts/run-tests.mjs. A part that failed outside vitest (typecheck,
// lint, a UI build that never reached vitest) counts as one failure, so the line is never all green
// while `npm test` failed.
import { existsSync, readFileSync } from 'node:fs';

const dir = process.env.ROWCOL_TEST_REPORTS ?? '.tmp/reports';
const read = (file) =>
  existsSync(`${dir}/${file}`) ? JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) : undefined;

const totals = { passed: 0, failed: 0, skipped: 0 };
/** Failures one vitest report counts: failed tests, and files that failed outside any test (an import, a hook). */
function count(r) {
  let failed = r.numFailedTests ?? 0;
  for (const file of r.testResults ?? []) {
    if (
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((t) => t.status === 'failed')
    )
      failed++;
  }
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += failed;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  return failed;
}

const parts = read('parts.json')?.parts;
const failedParts = [];
if (parts) {
  for (const part of parts) {
    const report = part.report ? read(part.report) : undefined;
    const failures = report ? count(report) : 0;
    if (!part.ok) failedParts.push(part.name);
    // Failed, yet no failure in its report (or no report at all): the part itself is the failure.
    if (!part.ok && failures === 0) totals.failed++;
  }
} else {
  // Parts run one by one (npm run test:unit, test:ui): only their reports.
  for (const file of ['unit.json', 'ui.json']) {
    const report = read(file);
    if (report) count(report);
  }
}
const tail = failedParts.length ? ` (failed parts: ${failedParts.join(', ')})` : '';
console.log(
  `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${tail}`,
);
