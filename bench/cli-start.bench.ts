// CLI cold start (issue 10 "A CLI that starts at once"): a new process for each run, as an advisor types
// it, timed from spawn to exit against `node -e 0` on the same machine in the same moment (target ≤ 3×).
// `rowcol clients --json` reads a data folder of 200 clients with mirrored books and computed trays.
// The peer figure is the development path (ROWCOL_DEV=1: the TypeScript sources through tsx), which is
// how every start ran before the build (tsx keeps compiled files in a cache in the temp folder, so after the
// warm-up this is its best case). Builds out/cli first, so the figures are of the sources as they are.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../src/core/dates.ts';
import { openDataDir } from '../src/main/db/data-dir.ts';
import { putSyncState } from '../src/main/db/repositories/sync-state.ts';
import { refreshTrays } from '../src/main/services/tray/recompute.ts';
import { account, addClient, bill, invoice, writeRecords } from '../test/support/qbo-books.ts';
import { benchReport } from './support/report.ts';
import { median } from './support/stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const clients = 200;
const runs = 9; // built CLI and node -e 0: median of 9, after one warm-up each
const devRuns = 5; // the tsx path is slow; 5 is enough for its median
const target = 3;
const today = '2024-06-03';
const now = new Date(`${today}T19:00:00Z`);

const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], {
  cwd: root,
  encoding: 'utf8',
});
if (build.status !== 0) {
  console.log(`   the CLI build failed, nothing measured:\n${build.stdout}${build.stderr}`);
  process.exit(1);
}

// ---- a data folder with 200 clients, as after their first sync
const dir = mkdtempSync(join(tmpdir(), 'rowcol-bench-'));
const db = openDataDir(dir);
for (let c = 0; c < clients; c++) {
  const s = addClient(db, 'local', String(20_000 + c), `Client ${String(c).padStart(3, '0')}`);
  writeRecords(db, s, 'Account', [
    account('35', 'Checking', 'Bank', 1_000_000 + c * 5_000),
    account('80', 'Office Supplies', 'Expense', 0),
  ]);
  const bills = Array.from({ length: 10 }, (_, i) => {
    const txn = addDays(today, -(i * 7 + (c % 5)));
    return bill({
      id: String(1000 + i),
      vendor: { id: String(1 + (i % 4)), name: `Vendor ${1 + (i % 4)}` },
      txnDate: txn,
      dueDate: addDays(txn, 30),
      totalCents: 10_000 + i * 1_500,
    });
  });
  const invoices = Array.from({ length: 10 }, (_, i) => {
    const txn = addDays(today, -(i * 9 + (c % 7)));
    return invoice({
      id: String(2000 + i),
      txnDate: txn,
      dueDate: addDays(txn, 30),
      totalCents: 20_000 + i * 2_500,
    });
  });
  writeRecords(db, s, 'Bill', bills);
  writeRecords(db, s, 'Invoice', invoices);
  for (const entity of [
    'Account',
    'Bill',
    'BillPayment',
    'Customer',
    'Invoice',
    'Payment',
    'Purchase',
    'Vendor',
    'CompanyInfo',
  ])
    putSyncState(db, s, entity, {
      lastSuccessAt: new Date(now.getTime() - 3_600_000).toISOString(),
    });
}
refreshTrays(db, 'local', now);
db.close();

// ---- the runs: one round runs every command once, so a busy moment of the machine hits them all alike
const env: NodeJS.ProcessEnv = { ...process.env, ROWCOL_NOW: now.toISOString() };
delete env.ROWCOL_DEV;
const devEnv = { ...env, ROWCOL_DEV: '1' };
const bin = join(root, 'bin', 'rowcol.js');
type Case = {
  label: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  runs: number;
  times: number[];
  failed?: string;
  peer?: boolean;
};
const cases: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'], env, runs, times: [] },
  { label: 'rowcol --version', args: [bin, '--version'], env, runs, times: [] },
  {
    label: `rowcol clients --json (${clients} clients)`,
    args: [bin, '--data-dir', dir, 'clients', '--json'],
    env,
    runs,
    times: [],
  },
  {
    label: 'rowcol --version, sources through tsx',
    args: [bin, '--version'],
    env: devEnv,
    runs: devRuns,
    times: [],
    peer: true,
  },
  {
    label: `rowcol clients --json, sources through tsx`,
    args: [bin, '--data-dir', dir, 'clients', '--json'],
    env: devEnv,
    runs: devRuns,
    times: [],
    peer: true,
  },
];

function once(c: Case): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, {
    cwd: root,
    env: c.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0)
    c.failed ??= `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
  else if (c.args.includes('clients') && (JSON.parse(r.stdout) as unknown[]).length !== clients)
    c.failed ??= `listed ${(JSON.parse(r.stdout) as unknown[]).length} clients, not ${clients}`;
  return ms;
}

for (const c of cases) once(c); // warm-up: the files are in the page cache for every measured run
for (let round = 0; round < runs; round++)
  for (const c of cases) if (round < c.runs) c.times.push(once(c));

const report = benchReport('cli-start');
const base = median(cases[0]!.times);
console.log(
  `   cold start, median of ${runs} runs (${devRuns} for tsx), each a new process, spawn to exit:`,
);
for (const c of cases) {
  const ms = median(c.times);
  const ratio = ms / base;
  const verdict =
    c === cases[0]
      ? ''
      : c.peer
        ? '   (peer: the development path)'
        : `   target ≤ ${target}×: ${ratio <= target ? 'met' : 'NOT met'}`;
  console.log(
    `   ${c.label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms ${`${ratio.toFixed(1)}×`.padStart(6)}${verdict}`,
  );
  if (c.failed) console.log(`     (a run failed, so this figure says little: ${c.failed})`);
  if (c !== cases[0])
    report.add({
      figure: `CLI start: ${c.label}`,
      value: ms,
      unit: 'ms',
      anchor: { name: 'node -e 0', value: base, unit: 'ms' },
      ratio,
      rounds: c.runs,
      ...(c.peer ? {} : { goal: `≤ ${target}×`, met: ratio <= target }),
      ...(c.failed ? { detail: { failed: c.failed } } : {}),
    });
}
report.close();

if (process.env.BENCH_KEEP) console.log(`   kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
