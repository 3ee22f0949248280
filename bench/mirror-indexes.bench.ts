// Which mirror indexes the statements that read the mirror use (issue 14 §1: the mirror keeps only the
// indexes queries use; each one costs every sync's upserts). Calls every repository read of a mirror
// table (sync, tray rules, forecast, digest, collections, client list; for one client and for all) on a
// fresh database of this schema, without ANALYZE statistics as in the app, then reads EXPLAIN QUERY PLAN
// of every statement they prepared. Prints the indexes no statement used and any full scan of a mirror
// table. (Migration 017 was checked this way.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mirroredEntities } from '../src/core/mirror/entities.ts';
import { openDataDir } from '../src/main/db/data-dir.ts';
import * as calls from '../src/main/db/repositories/collection-calls.ts';
import * as money from '../src/main/db/repositories/client-money.ts';
import * as decisions from '../src/main/db/repositories/decisions.ts';
import * as digests from '../src/main/db/repositories/digests.ts';
import * as history from '../src/main/db/repositories/forecast-history.ts';
import * as mirror from '../src/main/db/repositories/mirror.ts';
import * as records from '../src/main/db/repositories/tray-records.ts';
import * as suspects from '../src/main/db/repositories/tray-suspects.ts';
import { cachedSql } from '../src/main/db/statements.ts';
import { addClient } from '../test/support/qbo-books.ts';
import { benchReport } from './support/report.ts';

const dir = mkdtempSync(join(tmpdir(), 'rowcol-bench-indexes-'));
const db = openDataDir(dir);
const s = addClient(db, 'local', '1', 'Client');
const a = 'local';
const day = '2024-06-03';
const reads: (() => unknown)[] = [];
for (const b of [undefined, s.businessId]) {
  reads.push(
    () => calls.overdueInvoicesWithLastCall(db, a, day, b),
    () => calls.overdueInvoicesWithContacts(db, a, day, b),
    () => money.moneyClients(db, a, b),
    () => money.cashByClient(db, a, b),
    () => money.spendingByClient(db, a, day, day, b),
    () => money.openDoubtItems(db, a, [], b),
    () => money.openBills(db, a, b),
    () => money.openInvoices(db, a, b),
    () => digests.weekWork(db, a, day, day, b),
  );
}
const ids = new Map(mirroredEntities.map((e) => [e, ['1']]));
reads.push(
  () => calls.latestCalls(db, a),
  () => calls.callsForInvoice(db, s, '1'),
  () => records.recordLabels(db, s, ids),
  () => records.activeVendors(db, s),
  () => records.activeCustomers(db, s),
  () => records.expenseAccounts(db, s),
  () => records.openInvoicesOf(db, s, '1'),
  () => history.paidInvoiceHistory(db, s),
  () => history.moneyHistory(db, s, day),
  () => history.customerNames(db, s),
  () => suspects.listUncategorized(db, s),
  () => suspects.listPurchasesWithoutPayee(db, s),
  () => suspects.listIncomplete(db, s),
  () => suspects.listForeignCurrency(db, s, 'USD'),
  () => suspects.listUnconvertibleCashAndSpending(db, s, 'USD', day, day),
  () => suspects.listDuplicateBillCandidates(db, s),
  () => suspects.listPaidOutsideCandidates(db, s),
  () => suspects.listOpenBillsWithDecision(db, s),
  () => suspects.listOpenInvoicesWithCalls(db, s),
  () => suspects.listPaymentSuspects(db, s, ['4']),
  () => suspects.undepositedFundsAccountIds(db, s),
  () => suspects.listBankAccountActivity(db, s),
  () => digests.digestClients(db, a),
  () => digests.lastDigest(db, s),
  () => digests.baselineBefore(db, s, day),
  () => decisions.currentDecisions(db, s),
  () => decisions.decisionHistory(db, s, '1'),
  () => decisions.decisionsSettledInQbo(db, s),
  () => mirror.billToDecide(db, s, '1'),
  () => mirror.invoiceIsLive(db, s, '1'),
);
for (const e of mirroredEntities)
  reads.push(
    () => mirror.readMirror(db, s, e),
    () => mirror.mirrorSyncedAt(db, s, e, '1'),
    () => mirror.countMirror(db, s, e),
    () => mirror.readMirrorRecord(db, s, e, '1'),
    () => mirror.markUnseenDeleted(db, s, e, day, day),
  );
for (const read of reads) read();

const used = new Set<string>();
const scans: string[] = [];
for (const sql of cachedSql(db)) {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const positional = (sql.match(/\?/g) ?? []).length;
  const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const plan = (
    named.length
      ? explain.all(Object.fromEntries(named.map((n) => [n, 'x'])))
      : explain.all(...Array<string>(positional).fill('x'))
  ) as { detail: string }[];
  for (const p of plan) {
    const index = /USING (?:COVERING )?INDEX (\w+)/.exec(p.detail)?.[1];
    if (index) used.add(index);
    if (/^SCAN mirror_/.test(p.detail) && !/USING (COVERING )?INDEX/.test(p.detail))
      scans.push(`${p.detail} ← ${sql.replace(/\s+/g, ' ').slice(0, 80)}…`);
  }
}
const indexes = (
  db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'mirror_%' AND sql IS NOT NULL ORDER BY name`,
    )
    .all() as { name: string }[]
).map((r) => r.name);
const unused = indexes.filter((i) => !used.has(i));
console.log(
  `   ${cachedSql(db).length} statements from ${reads.length} mirror reads; mirror indexes used: ${indexes.length - unused.length} of ${indexes.length}${unused.length ? `; unused: ${unused.join(', ')}` : ''}`,
);
console.log(
  scans.length
    ? `   full scans:\n     ${scans.join('\n     ')}`
    : '   no full scan of a mirror table',
);
const report = benchReport('mirror-indexes');
report.add({
  figure: 'mirror indexes no statement used',
  value: unused.length,
  unit: 'indexes',
  detail: { unused, of: indexes.length, scans },
});
report.close();
db.close();
rmSync(dir, { recursive: true, force: true });
