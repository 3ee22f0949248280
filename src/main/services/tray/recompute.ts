// Recomputes one client's hygiene tray from the mirror: run every rule, raise what is found, resolve
// what is no longer found (the data was fixed), and note the outcome of decisions QBO has since settled.
// The sync engine does not call it: a tray is refreshed when it is read. Every screen and command that
// shows tray-derived figures (overview, tray, console, calls, digest) first calls refreshTrays, which
// recomputes just the clients whose sync mark (so: any sync since), connection, calendar day or thresholds
// changed since the last run; recomputeTray (one client) also runs after a decision or a logged call.
import { localDay } from '../../../core/dates.ts';
import { defaultHygieneThresholds, ruleCodes, type HygieneThresholds } from '../../../core/hygiene/codes.ts';
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
  unconvertibleCashAndSpending,
  zeroAmounts,
  type Finding,
  type SyncEntityState,
} from '../../../core/hygiene/rules.ts';
import { CodedError } from '../../../core/result.ts';
import { burnWindowStart } from '../../../core/runway/runway.ts';
import type { Db } from '../../db/open.ts';
import { raiseHygieneItem, resolveMissing } from '../../db/repositories/hygiene-items.ts';
import { thresholdsMark } from './thresholds.ts';
import { stmt, type Scope } from '../gateways/statements.ts';
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
} from '../gateways/suspects.ts';

export function homeCurrencyOf(db: Db, s: Scope): string {
  const row = stmt(db, 'SELECT home_currency FROM clients WHERE advisor_id = ? AND business_id = ?').get(s.advisorId, s.businessId) as { home_currency: string } | undefined;
  if (!row) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  return row.home_currency;
}

function syncStates(db: Db, s: Scope): SyncEntityState[] {
  return stmt(
    db,
    `SELECT p.entity, p.ttl_seconds AS ttlSeconds, st.last_success_at AS lastSuccessAt FROM entity_policy p
     LEFT JOIN sync_state st ON st.advisor_id = ? AND st.business_id = ? AND st.entity = p.entity ORDER BY p.entity`,
  ).all(s.advisorId, s.businessId) as SyncEntityState[];
}

/** Every finding of every rule for one client, from the mirror alone. */
export function findProblems(db: Db, s: Scope, now: Date, t: HygieneThresholds = defaultHygieneThresholds, states: readonly SyncEntityState[] = syncStates(db, s)): Finding[] {
  const today = localDay(now);
  const home = homeCurrencyOf(db, s);
  const incomplete = listIncomplete(db, s);
  const openInvoices = listOpenInvoicesWithCalls(db, s);
  return [
    ...uncategorizedLines(listUncategorized(db, s)),
    ...purchasesWithoutPayee(listPurchasesWithoutPayee(db, s)),
    ...zeroAmounts(incomplete),
    ...incompleteRecords(incomplete),
    ...duplicateBills(listDuplicateBillCandidates(db, s), t),
    ...paidOutsideQbo(listPaidOutsideCandidates(db, s), t),
    ...invoicesNeverSent(openInvoices, today, t),
    ...overdueInvoicesWithoutCall(openInvoices, today, t),
    ...overdueBillsWithoutDecision(listOpenBillsWithDecision(db, s), today),
    ...(() => {
      const undeposited = undepositedFundsAccountIds(db, s);
      const payments = listPaymentSuspects(db, s, undeposited);
      return [...paymentsUnapplied(payments, today, t), ...paymentsUndeposited(payments, new Set(undeposited), today, t)];
    })(),
    ...quietBankAccounts(listBankAccountActivity(db, s), today, t),
    ...foreignCurrency(listForeignCurrency(db, s, home), home),
    ...unconvertibleCashAndSpending(listUnconvertibleCashAndSpending(db, s, home, burnWindowStart(today), today), home),
    ...staleSync(states, now, t),
  ];
}

/** What a tray was computed from: the client's sync progress and connection. */
export function syncMark(db: Db, s: Scope): string {
  const r = stmt(
    db,
    `SELECT (SELECT connection_state FROM clients WHERE advisor_id = @advisorId AND business_id = @businessId) AS conn,
            MAX(last_success_at) AS ok, MAX(last_error_at) AS err, COUNT(*) AS n
     FROM sync_state WHERE advisor_id = @advisorId AND business_id = @businessId`,
  ).get({ advisorId: s.advisorId, businessId: s.businessId }) as { conn: string | null; ok: string | null; err: string | null; n: number };
  return `${r.conn}|${r.ok ?? ''}|${r.err ?? ''}|${r.n}`;
}

/** Notes on current decisions what QBO now shows: the bill paid (and when, from its BillPayment) or deleted. */
function settleDecisions(db: Db, s: Scope): number {
  const settled = stmt(
    db,
    `SELECT d.id, b.deleted, b.balance_cents AS balance, bp.txn_date AS paidOn
     FROM decisions d
     JOIN mirror_bills b ON b.advisor_id = d.advisor_id AND b.business_id = d.business_id AND b.qbo_id = d.bill_qbo_id
     LEFT JOIN mirror_bill_payments bp ON bp.advisor_id = b.advisor_id AND bp.business_id = b.business_id AND bp.qbo_id = b.paid_by_bill_payment_id
     WHERE d.advisor_id = ? AND d.business_id = ? AND d.superseded_at IS NULL AND d.outcome IS NULL AND (b.deleted = 1 OR b.balance_cents = 0)`,
  ).all(s.advisorId, s.businessId) as { id: number; deleted: number; balance: number | null; paidOn: string | null }[];
  const update = stmt(db, `UPDATE decisions SET outcome = ?, outcome_date = ? WHERE id = ?`);
  for (const d of settled) update.run(d.deleted ? 'deleted' : 'paid', d.deleted ? null : d.paidOn, d.id);
  return settled.length;
}

export type RecomputeResult = { found: number; resolved: number; decisionsSettled: number };

/** Recomputes one client's tray in one transaction. Cheap enough to run after every sync of the client. */
export function recomputeTray(db: Db, s: Scope, now: Date, t: HygieneThresholds = defaultHygieneThresholds): RecomputeResult {
  return db.transaction(() => {
    const at = now.toISOString();
    const states = syncStates(db, s);
    const findings = findProblems(db, s, now, t, states);
    for (const f of findings) raiseHygieneItem(db, s, f, at);
    const resolved = resolveMissing(db, s, ruleCodes, new Set(findings.map((f) => `${f.code}|${f.recordKey}`)), at);
    const decisionsSettled = settleDecisions(db, s);
    stmt(
      db,
      `INSERT INTO tray_state (advisor_id, business_id, computed_at, computed_on, mark, next_check_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (advisor_id, business_id) DO UPDATE SET computed_at = excluded.computed_at, computed_on = excluded.computed_on, mark = excluded.mark,
         next_check_at = excluded.next_check_at`,
    ).run(s.advisorId, s.businessId, at, localDay(now), `${syncMark(db, s)}|${thresholdsMark(t)}`, nextStaleAt(states, now, t));
    return { found: findings.length, resolved, decisionsSettled };
  })();
}

/**
 * Recomputes the trays that may be out of date: never computed, computed on another day (the rules
 * depend on today), before the client's last sync, or with other thresholds. Returns the clients recomputed.
 */
export function refreshTrays(db: Db, advisorId: string, now: Date, businessIds?: readonly string[], t: HygieneThresholds = defaultHygieneThresholds): string[] {
  const today = localDay(now);
  const rows = stmt(
    db,
    `SELECT c.business_id AS businessId, t.computed_on AS computedOn, t.mark, t.next_check_at AS nextCheckAt,
            c.connection_state || '|' || COALESCE(MAX(s.last_success_at), '') || '|' || COALESCE(MAX(s.last_error_at), '') || '|' || COUNT(s.entity) AS current
     FROM clients c
     LEFT JOIN tray_state t ON t.advisor_id = c.advisor_id AND t.business_id = c.business_id
     LEFT JOIN sync_state s ON s.advisor_id = c.advisor_id AND s.business_id = c.business_id
     WHERE c.advisor_id = ? GROUP BY c.business_id`,
  ).all(advisorId) as { businessId: string; computedOn: string | null; mark: string | null; nextCheckAt: string | null; current: string }[];
  const wanted = businessIds ? new Set(businessIds) : null;
  const tMark = thresholdsMark(t);
  const stale = rows.filter((r) => (!wanted || wanted.has(r.businessId)) && (r.computedOn !== today || r.mark !== `${r.current}|${tMark}` || (r.nextCheckAt !== null && r.nextCheckAt <= now.toISOString()))).map((r) => r.businessId);
  for (const businessId of stale) recomputeTray(db, { advisorId, businessId }, now, t);
  return stale;
}
