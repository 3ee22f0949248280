// Recomputes one client's hygiene tray from the mirror: run every rule, raise what is found, resolve
// what is no longer found (the data was fixed), and note the outcome of decisions QBO has since settled.
// Reads never call it: the writers do (src/main/runtime/runtime.ts). recomputeTray runs at the end of each
// client's sync, after a decision or a logged call, and on tray:recheck; refreshTrays, which recomputes just
// the clients whose sync mark, connection, calendar day or thresholds changed since the last run, after a
// sync run and, in the app, every minute (the day rolling over, freshness running out during the day).
// When only the clock moved (the data and thresholds are as the tray last saw them), refreshTrays runs
// just the rules that read the day, so the day's first read costs what the new day changes.
import { localDay } from '../../../core/dates.ts';
import {
  defaultHygieneThresholds,
  ruleCodes,
  type HygieneThresholds,
} from '../../../core/hygiene/codes.ts';
import {
  duplicateBills,
  foreignCurrency,
  incompleteRecords,
  invoicesNeverSent,
  overdueBillsWithoutDecision,
  overdueInvoicesWithoutCall,
  paidOutsideQbo,
  paymentsUnapplied,
  paymentsUndeposited,
  purchasesWithoutPayee,
  quietBankAccounts,
  nextStaleAt,
  staleSync,
  uncategorizedLines,
  zeroAmounts,
  type Finding,
  type SyncEntityState,
} from '../../../core/hygiene/rules.ts';
import type { RuleCode } from '../../../core/hygiene/codes.ts';
import { CodedError } from '../../../core/result.ts';
import { burnWindowStart } from '../../../core/runway/runway.ts';
import type { Db } from '../../db/open.ts';
import { clientHomeCurrency } from '../../db/repositories/clients.ts';
import { decisionsSettledInQbo, recordOutcome } from '../../db/repositories/decisions.ts';
import { raiseHygieneItem, resolveMissing } from '../../db/repositories/hygiene-items.ts';
import { syncFreshness, syncFreshnessByClient } from '../../db/repositories/sync-state.ts';
import { saveTrayState, syncMark, trayStates } from '../../db/repositories/tray-state.ts';
import type { Scope } from '../../db/scope.ts';
import { writeTransaction } from '../../db/transaction.ts';
import { refreshClientSummary } from '../client-summary.ts';
import { thresholdsMark } from './thresholds.ts';
import {
  listBankAccountActivity,
  listDuplicateBillCandidates,
  listForeignCurrency,
  listIncomplete,
  listOpenBillsWithDecision,
  listOpenInvoicesWithCalls,
  listPaidOutsideCandidates,
  listPaymentSuspects,
  listPurchasesWithoutPayee,
  listUncategorized,
  listUnconvertibleCashAndSpending,
  undepositedFundsAccountIds,
} from '../../db/repositories/tray-suspects.ts';

export function homeCurrencyOf(db: Db, s: Scope): string {
  const home = clientHomeCurrency(db, s.advisorId, s.businessId);
  if (home === undefined) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  return home;
}

const syncStates = (db: Db, s: Scope): SyncEntityState[] => syncFreshness(db, s);

/**
 * The rules whose findings change with the day or the hour, the data unchanged: overdue and aged items,
 * quiet accounts, the burn window of unconvertible spending, stale sync. The others read only the mirror
 * and the thresholds.
 */
export const dayRuleCodes: readonly RuleCode[] = [
  'INVOICE_NEVER_SENT',
  'INVOICE_OVERDUE_NO_CALL',
  'BILL_OVERDUE_NO_DECISION',
  'PAYMENT_UNAPPLIED',
  'UNDEPOSITED_FUNDS',
  'BANK_ACCOUNT_QUIET',
  'FOREIGN_CURRENCY',
  'SYNC_STALE',
];

/** The findings of the rules that read the day (dayRuleCodes), from the mirror alone. */
function findDayProblems(
  db: Db,
  s: Scope,
  now: Date,
  t: HygieneThresholds,
  states: readonly SyncEntityState[],
): Finding[] {
  const today = localDay(now);
  const home = homeCurrencyOf(db, s);
  const openInvoices = listOpenInvoicesWithCalls(db, s);
  const undeposited = undepositedFundsAccountIds(db, s);
  const payments = listPaymentSuspects(db, s, undeposited);
  return [
    ...invoicesNeverSent(openInvoices, today, t),
    ...overdueInvoicesWithoutCall(openInvoices, today, t),
    ...overdueBillsWithoutDecision(listOpenBillsWithDecision(db, s), today),
    ...paymentsUnapplied(payments, today, t),
    ...paymentsUndeposited(payments, new Set(undeposited), today, t),
    ...quietBankAccounts(listBankAccountActivity(db, s), today, t),
    ...foreignCurrency(
      listForeignCurrency(db, s, home),
      listUnconvertibleCashAndSpending(db, s, home, burnWindowStart(today), today),
      home,
    ),
    ...staleSync(states, now, t),
  ];
}

/** Every finding of every rule for one client, from the mirror alone. */
export function findProblems(
  db: Db,
  s: Scope,
  now: Date,
  t: HygieneThresholds = defaultHygieneThresholds,
  states: readonly SyncEntityState[] = syncStates(db, s),
): Finding[] {
  const incomplete = listIncomplete(db, s);
  return [
    ...uncategorizedLines(listUncategorized(db, s)),
    ...purchasesWithoutPayee(listPurchasesWithoutPayee(db, s)),
    ...zeroAmounts(incomplete),
    ...incompleteRecords(incomplete),
    ...duplicateBills(listDuplicateBillCandidates(db, s), t),
    ...paidOutsideQbo(listPaidOutsideCandidates(db, s), t),
    ...findDayProblems(db, s, now, t, states),
  ];
}

/** Notes on current decisions what QBO now shows: the bill paid (and when, from its BillPayment) or deleted. */
function settleDecisions(db: Db, s: Scope): number {
  const settled = decisionsSettledInQbo(db, s);
  for (const d of settled)
    recordOutcome(db, s, d.id, d.deleted ? 'deleted' : 'paid', d.deleted ? null : d.paidOn);
  return settled.length;
}

export type RecomputeResult = { found: number; resolved: number; decisionsSettled: number };

export type RecomputeOptions = {
  /**
   * Only the clock moved since the tray was computed from `mark` (refreshTrays): the rules that read the
   * day are run again, the others' items stay as they are. Taken only while the client's sync mark is
   * still `mark` (another process may have synced it since refreshTrays looked): otherwise every rule.
   */
  sameData?: { mark: string; states: readonly SyncEntityState[] };
};

/** Recomputes one client's tray in one transaction. Cheap enough to run after every sync of the client. */
export function recomputeTray(
  db: Db,
  s: Scope,
  now: Date,
  t: HygieneThresholds = defaultHygieneThresholds,
  { sameData }: RecomputeOptions = {},
): RecomputeResult {
  return writeTransaction(db, () => {
    const at = now.toISOString();
    const mark = syncMark(db, s);
    const dayOnly = sameData !== undefined && sameData.mark === mark;
    const states = dayOnly ? sameData.states : syncStates(db, s);
    const findings = dayOnly
      ? findDayProblems(db, s, now, t, states)
      : findProblems(db, s, now, t, states);
    for (const f of findings) raiseHygieneItem(db, s, f, at);
    const resolved = resolveMissing(
      db,
      s,
      dayOnly ? dayRuleCodes : ruleCodes,
      new Set(findings.map((f) => `${f.code}|${f.recordKey}`)),
      at,
    );
    // Decisions are settled on every pass, the day-only one too: one small read of the current
    // decisions against their bills, and a payment written to the mirror without a sync (a fix's answer,
    // a pull from the firm's hub) then shows as paid at the next read.
    const decisionsSettled = settleDecisions(db, s);
    saveTrayState(db, s, {
      computedAt: at,
      computedOn: localDay(now),
      mark: `${mark}|${thresholdsMark(t)}`,
      nextCheckAt: nextStaleAt(states, now, t),
    });
    // The client list's row holds the tray counts and the forecast they weigh on: kept with the tray.
    refreshClientSummary(db, s, now);
    return { found: findings.length, resolved, decisionsSettled };
  });
}

/**
 * Recomputes the trays that may be out of date: never computed, computed on another day (the rules
 * depend on today), before the client's last sync, or with other thresholds. Returns the clients recomputed.
 */
export function refreshTrays(
  db: Db,
  advisorId: string,
  now: Date,
  businessIds?: readonly string[],
  t: HygieneThresholds = defaultHygieneThresholds,
): string[] {
  const today = localDay(now);
  const rows = trayStates(db, advisorId);
  const wanted = businessIds ? new Set(businessIds) : null;
  const tMark = thresholdsMark(t);
  const stale = rows
    .filter(
      (r) =>
        (!wanted || wanted.has(r.businessId)) &&
        (r.computedOn !== today ||
          r.mark !== `${r.current}|${tMark}` ||
          (r.nextCheckAt !== null && r.nextCheckAt <= now.toISOString())),
    )
    .map((r) => r.businessId);
  // Freshness read once for every client (not once per client); a tray whose data and thresholds are
  // those it was computed from needs only the rules that read the day (recomputeTray's sameData).
  const freshness = stale.length ? syncFreshnessByClient(db, advisorId) : new Map();
  const byId = new Map(rows.map((r) => [r.businessId, r]));
  for (const businessId of stale) {
    const r = byId.get(businessId)!;
    const sameData =
      r.mark === `${r.current}|${tMark}`
        ? { mark: r.current, states: freshness.get(businessId) ?? [] }
        : undefined;
    recomputeTray(db, { advisorId, businessId }, now, t, { sameData });
  }
  return stale;
}
