// The services at size (issue 12 §5, issue 14 §2): for each client count (`--clients 50,200,800`, the
// default), a data folder of that many clients mirrored through the real mapper and upsert, each with open
// bills and invoices, paid history, purchases, and a week of recorded work (decisions, calls, fixes).
// Prints, against the issue's goals: every client's digest built and rendered as HTML (daily forecast,
// the listed bills' day-level impacts, the week's work, the baseline), the client list, and the day's
// first read (the first tick of a new day: what the day change makes out of date, recomputed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/core/dates.ts';
import { renderDigestHtml } from '../src/core/digest/html.ts';
import type { DigestModel } from '../src/core/digest/model.ts';
import { openDataDir } from '../src/main/db/data-dir.ts';
import type { Db } from '../src/main/db/open.ts';
import { recordCall } from '../src/main/db/repositories/collection-calls.ts';
import { recordDecision } from '../src/main/db/repositories/decisions.ts';
import { recordFixRow, updateFix } from '../src/main/db/repositories/outbox.ts';
import { putSyncState } from '../src/main/db/repositories/sync-state.ts';
import { refreshSummaries } from '../src/main/services/client-summary.ts';
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
import { benchOptions } from './support/options.ts';
import { benchReport } from './support/report.ts';
import { median, met } from './support/stats.ts';

const opts = benchOptions(process.argv.slice(2), { clients: '50,200,800', rounds: 3 });
const report = benchReport('digest');
const openPerClient = 25;
const paidPerClient = 60;
const purchasesPerClient = 150;
const today = '2024-06-03';
const now = new Date(2024, 5, 3, 12);
const lastWeek = new Date(2024, 4, 27, 12);
const tomorrow = new Date(2024, 5, 4, 7);

let seed = 7;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

function seedClients(db: Db, clients: number): void {
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
}

const line = (label: string, ms: number, target?: number) =>
  console.log(
    `   ${label.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms${target === undefined ? '' : `   goal < ${target} ms: ${met(ms < target)}`}`,
  );

for (const clients of opts.clients) {
  const dir = mkdtempSync(join(tmpdir(), 'rowcol-bench-digest-'));
  const db = openDataDir(dir);
  let t0 = performance.now();
  seedClients(db, clients);
  console.log(`   seeded ${clients} clients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Last week's digests, delivered: this week's compare with them.
  value(await handlersAt(db, lastWeek).call('digest:build', { all: true, save: true }));

  const { call } = handlersAt(db, now);
  const runs: number[] = [];
  let digests: DigestModel[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    t0 = performance.now();
    digests = value<DigestModel[]>(await call('digest:build', { all: true }));
    digests.map(renderDigestHtml);
    runs.push(performance.now() - t0);
  }
  const digestMs = median(runs);
  const digestGoal = clients <= 200 ? 1000 : undefined;
  line(`digests of all ${digests.length} clients (JSON + HTML), median`, digestMs, digestGoal);
  report.add({
    figure: 'all digests (HTML)',
    at: `${clients} clients`,
    value: digestMs,
    unit: 'ms',
    rounds: opts.rounds,
    goal: '< 1 s at 200, linear',
    ...(digestGoal ? { met: digestMs < digestGoal } : {}),
    detail: { msPerClient: digestMs / clients, runs },
  });
  const listRuns: number[] = [];
  for (let r = 0; r < 7; r++) {
    t0 = performance.now();
    value(await call('clients:overview', {}));
    listRuns.push(performance.now() - t0);
  }
  const listMs = median(listRuns);
  line(`client list (${clients} clients), median of 7`, listMs, clients <= 200 ? 50 : 300);
  report.add({
    figure: 'client list',
    at: `${clients} clients`,
    value: listMs,
    unit: 'ms',
    rounds: 7,
    goal: '< 50 ms at 200, < 300 ms at 2,000',
    met: listMs < (clients <= 200 ? 50 : 300),
  });
  // The first tick of a new day (the app's minute tick: trays, then the list's summaries), once per
  // data folder: the second would find nothing out of date.
  t0 = performance.now();
  const trays = refreshTrays(db, 'local', tomorrow).length;
  const summaries = refreshSummaries(db, 'local', tomorrow).length;
  const firstReadMs = performance.now() - t0;
  line(
    `first read of a day (${trays} trays, ${summaries} more summaries)`,
    firstReadMs,
    clients === 200 ? 1000 : undefined,
  );
  report.add({
    figure: 'first read of a day (tray recompute)',
    at: `${clients} clients`,
    value: firstReadMs,
    unit: 'ms',
    rounds: 1,
    goal: '< 1 s at 200',
    ...(clients === 200 ? { met: firstReadMs < 1000 } : {}),
    detail: { trays, summaries },
  });
  // For scale: the daily forecast alone of every client (issue 12's target: under 0.5 s at 200).
  t0 = performance.now();
  for (const d of digests) value(await call('forecast:get', { businessId: d.businessId }));
  line(`daily forecast alone, all ${digests.length} clients`, performance.now() - t0);
  db.close();
  if (process.env.BENCH_KEEP) console.log(`   kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
report.close();
