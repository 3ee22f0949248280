// The weekly digest at size (issue 12 §5): 200 clients mirrored through the real mapper and upsert, each
// with open bills and invoices, paid history, purchases, and a week of recorded work (decisions, calls,
// fixes). Prints the time to build every client's digest (daily forecast, the listed bills' day-level
// impacts, the week's work, the baseline) and to render its HTML, against the target of under 1 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/core/dates.ts';
import { renderDigestHtml } from '../src/core/digest/html.ts';
import type { DigestModel } from '../src/core/digest/model.ts';
import { openDataDir } from '../src/main/db/data-dir.ts';
import { recordCall } from '../src/main/db/repositories/collection-calls.ts';
import { recordDecision } from '../src/main/db/repositories/decisions.ts';
import { recordFixRow, updateFix } from '../src/main/db/repositories/outbox.ts';
import { putSyncState } from '../src/main/db/repositories/sync-state.ts';
import { refreshTrays } from '../src/main/services/tray/recompute.ts';
import { handlersAt, value } from '../test/support/handlers.ts';
import {
  account,
  addClient,
  bill,
  invoice,
  purchase,
  writeRecords,
} from '../test/support/qbo-books.ts';

const clients = 200;
const openPerClient = 25;
const paidPerClient = 60;
const purchasesPerClient = 150;
const today = '2024-06-03';
const now = new Date(2024, 5, 3, 12);
const lastWeek = new Date(2024, 4, 27, 12);

let seed = 7;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const dir = mkdtempSync(join(tmpdir(), 'rowcol-bench-digest-'));
const db = openDataDir(dir);
const line = (label: string, ms: number, target?: number) =>
  console.log(
    `   ${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms${target === undefined ? '' : `   target < ${target} ms: ${ms < target ? 'met' : 'NOT met'}`}`,
  );

let t0 = performance.now();
for (let c = 0; c < clients; c++) {
  const s = addClient(db, 'local', String(20_000 + c), `Client ${String(c).padStart(3, '0')}`);
  const vendor = () => {
    const v = int(1, 30);
    return { id: String(v), name: `Vendor ${v}` };
  };
  const bills = [];
  const invoices = [];
  let id = 1000;
  for (let i = 0; i < openPerClient; i++) {
    const txn = addDays(today, -int(0, 50));
    bills.push(
      bill({
        id: String(id++),
        vendor: vendor(),
        txnDate: txn,
        dueDate: addDays(txn, 30),
        totalCents: int(5_000, 400_000),
      }),
    );
    const itxn = addDays(today, -int(0, 120));
    invoices.push(
      invoice({
        id: String(id++),
        txnDate: itxn,
        dueDate: addDays(itxn, 30),
        totalCents: int(5_000, 500_000),
      }),
    );
  }
  for (let i = 0; i < paidPerClient; i++) {
    const txn = addDays(today, -int(60, 400));
    invoices.push(
      invoice({
        id: String(id++),
        txnDate: txn,
        dueDate: addDays(txn, 30),
        totalCents: int(5_000, 500_000),
        balanceCents: 0,
      }),
    );
  }
  const purchases = Array.from({ length: purchasesPerClient }, () =>
    purchase({
      id: String(id++),
      accountId: '35',
      payee: vendor(),
      txnDate: addDays(today, -int(1, 365)),
      totalCents: int(1_000, 80_000),
    }),
  );
  writeRecords(db, s, 'Account', [account('35', 'Checking', 'Bank', int(500_000, 20_000_000))]);
  writeRecords(db, s, 'Bill', bills);
  writeRecords(db, s, 'Invoice', invoices);
  writeRecords(db, s, 'Purchase', purchases);
  for (const entity of ['Account', 'Bill', 'Invoice', 'Purchase'])
    putSyncState(db, s, entity, { lastSuccessAt: new Date(2024, 5, 3, 11).toISOString() });
  // A week of work: two decisions, two calls, two fixes.
  for (let k = 0; k < 2; k++) {
    const at = new Date(2024, 5, 1 + k, 10).toISOString();
    recordDecision(db, s, {
      billQboId: String(1000 + 2 * k),
      action: k === 0 ? 'delay' : 'pay_now',
      plannedDate: k === 0 ? addDays(today, 20) : null,
      note: null,
      decidedBy: 'local',
      now: at,
    });
    recordCall(db, s, {
      invoiceQboId: String(1001 + 2 * k),
      outcome: 'promised',
      promisedDate: addDays(today, 7),
      followUpOn: null,
      note: null,
      calledBy: 'local',
      calledAt: at,
    });
    const fix = recordFixRow(db, s, {
      entity: 'Bill',
      qboId: String(1004 + 2 * k),
      operation: 'update',
      summary: `set due date on bill ${1004 + 2 * k}`,
      changes: { DueDate: addDays(today, 30) },
      before: {},
      baseVersion: '0',
      requestId: `bench-${c}-${k}`,
      now: at,
    });
    updateFix(db, fix, { state: k === 0 ? 'applied' : 'conflict' }, at);
  }
}
refreshTrays(db, 'local', now);
console.log(`   seeded ${clients} clients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Last week's digests, delivered: this week's compare with them.
value(await handlersAt(db, lastWeek).call('digest:build', { all: true, save: true }));

const { call } = handlersAt(db, now);
const runs: number[] = [];
let digests: DigestModel[] = [];
for (let r = 0; r < 5; r++) {
  t0 = performance.now();
  digests = value<DigestModel[]>(await call('digest:build', { all: true }));
  digests.map(renderDigestHtml);
  runs.push(performance.now() - t0);
}
line(
  `digests of all ${digests.length} clients (JSON + HTML), median`,
  runs.sort((a, b) => a - b)[2]!,
  1000,
);
// For scale: the daily forecast alone of every client (issue 12's target: under 0.5 s), which the digest
// builds on; the rest is the console, the tray, the listed bills' impacts, the week's work and the page.
const forecastRuns: number[] = [];
for (let r = 0; r < 3; r++) {
  t0 = performance.now();
  for (const d of digests) value(await call('forecast:get', { businessId: d.businessId }));
  forecastRuns.push(performance.now() - t0);
}
line(
  `daily forecast alone, all ${digests.length} clients, median`,
  forecastRuns.sort((a, b) => a - b)[1]!,
);
const withChange = digests.filter((d) => d.change !== null).length;
const listed = digests.reduce((n, d) => n + d.attention.billsToDecide.length, 0);
console.log(
  `   ${withChange} compared with last week's digest; ${listed} bills listed with their day-level impact`,
);

db.close();
rmSync(dir, { recursive: true, force: true });
