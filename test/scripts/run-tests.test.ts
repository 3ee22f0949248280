// `npm test` (scripts/run-tests.mjs) runs every part even after one failed, and fails at the end; the
// closing line (scripts/test-summary.mjs) counts a part that failed outside vitest. The parts here are
// played by a stand-in `npm` first on PATH, which records what it was asked to run.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const posix = process.platform !== 'win32';
if (!posix)
  console.warn('[scripts] run-tests test skipped: its stand-in npm is a POSIX shell script');

/** A vitest JSON report with these counts (the fields test-summary.mjs reads). */
const report = (passed: number, failed: number) =>
  JSON.stringify({
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    testResults: [
      {
        status: failed ? 'failed' : 'passed',
        assertionResults: [
          ...Array(passed).fill({ status: 'passed' }),
          ...Array(failed).fill({ status: 'failed' }),
        ],
      },
    ],
  });

/** Runs run-tests.mjs, then test-summary.mjs, with `npm` standing in: `fail` lists the scripts that exit 1. */
function npmTest(fail: string[], stale: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rowcol-run-tests-'));
  const reports = join(dir, 'reports');
  mkdirSync(join(dir, 'bin'));
  mkdirSync(reports);
  for (const [file, text] of Object.entries(stale)) writeFileSync(join(reports, file), text);
  // `npm run --silent SCRIPT`: log SCRIPT; the test parts write their report unless they fail early.
  writeFileSync(
    join(dir, 'bin', 'npm'),
    `#!/bin/sh
echo "$3" >> "${dir}/ran"
case " $FAIL " in *" $3 "*) exit 1 ;; esac
[ "$3" = test:unit ] && printf '%s' '${report(3, 0)}' > "${reports}/unit.json"
[ "$3" = test:ui ] && printf '%s' '${report(2, 0)}' > "${reports}/ui.json"
exit 0
`,
  );
  chmodSync(join(dir, 'bin', 'npm'), 0o755);
  const env = {
    ...process.env,
    PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
    FAIL: fail.join(' '),
    ROWCOL_TEST_REPORTS: reports,
  };
  const run = spawnSync(process.execPath, ['scripts/run-tests.mjs'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  const summary = spawnSync(process.execPath, ['scripts/test-summary.mjs'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return {
    code: run.status,
    out: run.stdout,
    ran: existsSync(join(dir, 'ran'))
      ? readFileSync(join(dir, 'ran'), 'utf8').trim().split('\n')
      : [],
    parts: JSON.parse(readFileSync(join(reports, 'parts.json'), 'utf8')).parts as {
      name: string;
      ok: boolean;
    }[],
    summary: summary.stdout.trim(),
  };
}

describe.skipIf(!posix)('npm test', () => {
  it('runs every part after a failed typecheck, fails at the end, and the closing line is not green', () => {
    const r = npmTest(['typecheck']);
    expect(r.ran).toEqual(['typecheck', 'lint', 'test:unit', 'test:ui']);
    expect(r.code).toBe(1);
    expect(r.parts.map((p) => [p.name, p.ok])).toEqual([
      ['typecheck', false],
      ['lint', true],
      ['unit', true],
      ['ui', true],
    ]);
    expect(r.out).toContain('FAILED  typecheck (exit 1)');
    expect(r.out).toContain('npm test: 1 of 4 parts failed: typecheck');
    expect(r.summary).toBe('tests: 5 passed, 1 failed, 0 skipped (failed parts: typecheck)');
  });

  it('passes when every part passes', () => {
    const r = npmTest([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('npm test: all 4 parts passed');
    expect(r.summary).toBe('tests: 5 passed, 0 failed, 0 skipped');
  });

  it('does not count an earlier run’s UI report for a UI part that failed before vitest ran', () => {
    const r = npmTest(['test:ui'], { 'ui.json': report(40, 0) });
    expect(r.code).toBe(1);
    expect(r.summary).toBe('tests: 3 passed, 1 failed, 0 skipped (failed parts: ui)');
  });
});
