// The tray's suspects: each query asks the mirror, through a partial or covering index, for the few
// records a rule may flag ("filtering at the gateway, not in the service"; product brief). The rules in
// src/core/hygiene/rules.ts then decide.
import type {
  BankAccountRow,
  BillCandidate,
  OpenBillRow,
  OpenInvoiceRow,
  OverdueInvoiceRow,
  PaidOutsideCandidate,
  PaymentRow,
  PurchaseRow,
  RecordRow,
  UncategorizedRow,
  UnconvertibleRow,
} from '../../../core/hygiene/rules.ts';
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

/**
 * Records whose item lines use an item posting to an uncategorized account (and that no account line
 * already flagged). The items of one client that do so are few, so the join stays small.
 */
const itemLinesPostedToUncategorized = (entity: string, table: string, docNumber: string) => `
     SELECT '${entity}', r.qbo_id, ${docNumber}, MIN(i.uncategorized_account), r.total_cents
       FROM mirror_items i
       JOIN ${table} r ON r.advisor_id = i.advisor_id AND r.business_id = i.business_id AND r.deleted = 0
        AND r.item_ids IS NOT NULL AND r.uncategorized_account IS NULL AND instr(r.item_ids, ',' || i.qbo_id || ',') > 0
      WHERE i.advisor_id = @advisorId AND i.business_id = @businessId AND i.deleted = 0 AND i.uncategorized_account IS NOT NULL
      GROUP BY r.qbo_id`;

export function listUncategorized(db: Db, s: Scope): UncategorizedRow[] {
  return stmt(
    db,
    `SELECT 'Bill' AS entity, qbo_id AS qboId, doc_number AS docNumber, uncategorized_account AS account, total_cents AS totalCents
       FROM mirror_bills WHERE advisor_id = @advisorId AND business_id = @businessId AND deleted = 0 AND uncategorized_account IS NOT NULL
     UNION ALL
     SELECT 'Invoice', qbo_id, doc_number, uncategorized_account, total_cents
       FROM mirror_invoices WHERE advisor_id = @advisorId AND business_id = @businessId AND deleted = 0 AND uncategorized_account IS NOT NULL
     UNION ALL
     SELECT 'Purchase', qbo_id, NULL, uncategorized_account, total_cents
       FROM mirror_purchases WHERE advisor_id = @advisorId AND business_id = @businessId AND deleted = 0 AND uncategorized_account IS NOT NULL
     UNION ALL
     ${itemLinesPostedToUncategorized('Bill', 'mirror_bills', 'r.doc_number')}
     UNION ALL
     ${itemLinesPostedToUncategorized('Invoice', 'mirror_invoices', 'r.doc_number')}
     UNION ALL
     ${itemLinesPostedToUncategorized('Purchase', 'mirror_purchases', 'NULL')}`,
  ).all({ advisorId: s.advisorId, businessId: s.businessId }) as UncategorizedRow[];
}

export function listPurchasesWithoutPayee(db: Db, s: Scope): PurchaseRow[] {
  return stmt(
    db,
    `SELECT qbo_id AS qboId, txn_date AS txnDate, total_cents AS totalCents FROM mirror_purchases
     WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND payee_id IS NULL`,
  ).all(s.advisorId, s.businessId) as PurchaseRow[];
}

const recordColumns = (who: 'vendor' | 'customer') =>
  `qbo_id AS qboId, doc_number AS docNumber, ${who}_id AS counterpartyId, ${who}_name AS counterpartyName, txn_date AS txnDate,
   due_date AS dueDate, total_cents AS totalCents, balance_cents AS balanceCents, currency`;

/**
 * list_incomplete: bills and invoices without counterparty, amount or due date, or with a zero/negative
 * total. A voided record (QBO zeroes it) is a correct cancellation, not a problem.
 */
export function listIncomplete(db: Db, s: Scope): RecordRow[] {
  const where = (
    who: string,
  ) => `advisor_id = @advisorId AND business_id = @businessId AND deleted = 0 AND COALESCE(voided, 0) = 0
    AND (${who}_id IS NULL OR total_cents IS NULL OR total_cents <= 0 OR due_date IS NULL)`;
  return stmt(
    db,
    `SELECT 'Bill' AS entity, ${recordColumns('vendor')} FROM mirror_bills WHERE ${where('vendor')}
     UNION ALL
     SELECT 'Invoice', ${recordColumns('customer')} FROM mirror_invoices WHERE ${where('customer')}`,
  ).all({ advisorId: s.advisorId, businessId: s.businessId }) as RecordRow[];
}

/** Bills and invoices in a currency other than the client's home currency. */
export function listForeignCurrency(db: Db, s: Scope, homeCurrency: string): RecordRow[] {
  return stmt(
    db,
    `SELECT 'Bill' AS entity, ${recordColumns('vendor')} FROM mirror_bills
       WHERE advisor_id = @advisorId AND business_id = @businessId AND deleted = 0 AND currency IS NOT NULL AND currency <> @home
     UNION ALL
     SELECT 'Invoice', ${recordColumns('customer')} FROM mirror_invoices
       WHERE advisor_id = @advisorId AND business_id = @businessId AND deleted = 0 AND currency IS NOT NULL AND currency <> @home`,
  ).all({ advisorId: s.advisorId, businessId: s.businessId, home: homeCurrency }) as RecordRow[];
}

/**
 * Foreign-currency cash and spending the runway cannot convert: active Bank accounts without a
 * home-currency balance, and Purchases in the burn window [burnFrom, today) without an exchange rate.
 */
export function listUnconvertibleCashAndSpending(
  db: Db,
  s: Scope,
  homeCurrency: string,
  burnFrom: string,
  today: string,
): UnconvertibleRow[] {
  return stmt(
    db,
    `SELECT 'Account' AS entity, qbo_id AS qboId, name, NULL AS txnDate, current_balance_cents AS amountCents, currency FROM mirror_balances
       WHERE advisor_id = @advisorId AND business_id = @businessId AND account_type = 'Bank' AND active = 1 AND deleted = 0
         AND currency IS NOT NULL AND currency <> @home AND current_balance_home_cents IS NULL
     UNION ALL
     SELECT 'Purchase', qbo_id, NULL, txn_date, total_cents, currency FROM mirror_purchases
       WHERE advisor_id = @advisorId AND business_id = @businessId AND txn_date >= @burnFrom AND txn_date < @today AND deleted = 0
         AND currency IS NOT NULL AND currency <> @home AND exchange_rate IS NULL`,
  ).all({
    advisorId: s.advisorId,
    businessId: s.businessId,
    home: homeCurrency,
    burnFrom,
    today,
  }) as UnconvertibleRow[];
}

/**
 * Bills sharing vendor and total with another bill (any status): candidates for DUPLICATE_BILL. One pass
 * over the client's bills (the mirror key's client prefix) counts each vendor-and-total group; there is
 * deliberately no vendor index, whose random-order inserts halved the sync's upsert rate (migration 8).
 */
export function listDuplicateBillCandidates(db: Db, s: Scope): BillCandidate[] {
  return stmt(
    db,
    `SELECT qboId, docNumber, vendorId, vendorName, totalCents, txnDate
     FROM (SELECT qbo_id AS qboId, doc_number AS docNumber, vendor_id AS vendorId, vendor_name AS vendorName, total_cents AS totalCents, txn_date AS txnDate,
                  COUNT(*) OVER (PARTITION BY vendor_id, total_cents) AS sameVendorAndTotal
           FROM mirror_bills
           WHERE advisor_id = @advisorId AND business_id = @businessId AND deleted = 0 AND vendor_id IS NOT NULL AND total_cents > 0)
     WHERE sameVendorAndTotal > 1 AND txnDate IS NOT NULL`,
  ).all({ advisorId: s.advisorId, businessId: s.businessId }) as BillCandidate[];
}

/** Open bills × Purchases from a Bank account for exactly the bill's balance: candidates for PAID_OUTSIDE_QBO. */
export function listPaidOutsideCandidates(db: Db, s: Scope): PaidOutsideCandidate[] {
  return stmt(
    db,
    `SELECT b.qbo_id AS billId, b.doc_number AS billDocNumber, b.vendor_id AS vendorId, b.vendor_name AS vendorName, b.balance_cents AS balanceCents,
            b.due_date AS dueDate, p.qbo_id AS purchaseId, p.payee_id AS payeeId, p.txn_date AS purchaseDate
     FROM mirror_bills b
     JOIN mirror_purchases p ON p.advisor_id = b.advisor_id AND p.business_id = b.business_id AND p.total_cents = b.balance_cents AND p.deleted = 0
     JOIN mirror_balances a ON a.advisor_id = p.advisor_id AND a.business_id = p.business_id AND a.qbo_id = p.account_id AND a.account_type = 'Bank'
     WHERE b.advisor_id = @advisorId AND b.business_id = @businessId AND b.deleted = 0 AND b.balance_cents > 0`,
  ).all({ advisorId: s.advisorId, businessId: s.businessId }) as PaidOutsideCandidate[];
}

/** Open bills, each with whether a current decision exists. */
export function listOpenBillsWithDecision(db: Db, s: Scope): OpenBillRow[] {
  const rows = stmt(
    db,
    `SELECT b.qbo_id AS qboId, b.doc_number AS docNumber, b.vendor_name AS vendorName, b.due_date AS dueDate, b.balance_cents AS balanceCents,
            EXISTS (SELECT 1 FROM decisions d WHERE d.advisor_id = b.advisor_id AND d.business_id = b.business_id AND d.bill_qbo_id = b.qbo_id AND d.superseded_at IS NULL) AS hasDecision
     FROM mirror_bills b WHERE b.advisor_id = ? AND b.business_id = ? AND b.deleted = 0 AND b.balance_cents <> 0`,
  ).all(s.advisorId, s.businessId) as (Omit<OpenBillRow, 'hasDecision'> & {
    hasDecision: number;
  })[];
  return rows.map((r) => ({ ...r, hasDecision: r.hasDecision === 1 }));
}

/** Open invoices, each with whether a collection call was logged. */
export function listOpenInvoicesWithCalls(db: Db, s: Scope): OverdueInvoiceRow[] {
  const rows = stmt(
    db,
    `SELECT i.qbo_id AS qboId, i.doc_number AS docNumber, i.customer_name AS customerName, i.txn_date AS txnDate, i.due_date AS dueDate,
            i.balance_cents AS balanceCents, i.email_status AS emailStatus,
            EXISTS (SELECT 1 FROM collection_calls c WHERE c.advisor_id = i.advisor_id AND c.business_id = i.business_id AND c.invoice_qbo_id = i.qbo_id) AS hasCall
     FROM mirror_invoices i WHERE i.advisor_id = ? AND i.business_id = ? AND i.deleted = 0 AND i.balance_cents <> 0`,
  ).all(s.advisorId, s.businessId) as (OpenInvoiceRow & { hasCall: number })[];
  return rows.map((r) => ({ ...r, hasCall: r.hasCall === 1 }));
}

/** Payments with money unapplied, or sitting in one of the given (Undeposited Funds) accounts. */
export function listPaymentSuspects(
  db: Db,
  s: Scope,
  undepositedAccountIds: readonly string[],
): PaymentRow[] {
  const unapplied = stmt(
    db,
    `SELECT qbo_id AS qboId, NULL AS customerName, txn_date AS txnDate, total_cents AS totalCents, unapplied_cents AS unappliedCents,
            deposit_account_id AS depositAccountId, deposited
     FROM mirror_payments WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND unapplied_cents > 0`,
  ).all(s.advisorId, s.businessId) as (Omit<PaymentRow, 'deposited'> & {
    deposited: number | null;
  })[];
  const undeposited = undepositedAccountIds.flatMap(
    (accountId) =>
      stmt(
        db,
        `SELECT qbo_id AS qboId, NULL AS customerName, txn_date AS txnDate, total_cents AS totalCents, unapplied_cents AS unappliedCents,
                deposit_account_id AS depositAccountId, deposited
         FROM mirror_payments WHERE advisor_id = ? AND business_id = ? AND deposit_account_id = ? AND deleted = 0 AND COALESCE(deposited, 0) = 0`,
      ).all(s.advisorId, s.businessId, accountId) as (Omit<PaymentRow, 'deposited'> & {
        deposited: number | null;
      })[],
  );
  const byId = new Map(
    [...unapplied, ...undeposited].map((r) => [r.qboId, { ...r, deposited: r.deposited === 1 }]),
  );
  return [...byId.values()];
}

/** Ids of the account(s) QBO names "Undeposited Funds" (its id varies by company: "4" in the fixtures). */
export function undepositedFundsAccountIds(db: Db, s: Scope): string[] {
  return (
    stmt(
      db,
      `SELECT qbo_id FROM mirror_balances WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND lower(name) = 'undeposited funds'`,
    ).all(s.advisorId, s.businessId) as { qbo_id: string }[]
  ).map((r) => r.qbo_id);
}

/** Active Bank accounts with the date of their latest purchase, bill payment or deposited payment. */
export function listBankAccountActivity(db: Db, s: Scope): BankAccountRow[] {
  return stmt(
    db,
    `SELECT a.qbo_id AS qboId, a.name, a.current_balance_cents AS balanceCents,
       MAX(COALESCE((SELECT MAX(txn_date) FROM mirror_purchases p WHERE p.advisor_id = a.advisor_id AND p.business_id = a.business_id AND p.account_id = a.qbo_id AND p.deleted = 0), ''),
           COALESCE((SELECT MAX(txn_date) FROM mirror_bill_payments bp WHERE bp.advisor_id = a.advisor_id AND bp.business_id = a.business_id AND bp.bank_account_id = a.qbo_id AND bp.deleted = 0), ''),
           COALESCE((SELECT MAX(txn_date) FROM mirror_payments pm WHERE pm.advisor_id = a.advisor_id AND pm.business_id = a.business_id AND pm.deposit_account_id = a.qbo_id AND pm.deleted = 0), '')) AS lastActivity
     FROM mirror_balances a
     WHERE a.advisor_id = ? AND a.business_id = ? AND a.account_type = 'Bank' AND a.active = 1 AND a.deleted = 0`,
  )
    .all(s.advisorId, s.businessId)
    .map((r) => {
      const row = r as BankAccountRow;
      return { ...row, lastActivity: row.lastActivity || null };
    });
}
