// What the daily forecast learns from (issue 12): each customer's paid invoices (when they were due and
// when the payment that closed them came in), and a client's dated money in and out by counterparty, for
// finding recurring payroll, rent, subscriptions and regular customers. Read from the mirror only.
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export type PaidInvoiceRow = { customerId: string; dueDate: string; paidDate: string };

/** Invoices a payment was applied to, with the payment's date: the customer's paying habit. */
export function paidInvoiceHistory(db: Db, s: Scope): PaidInvoiceRow[] {
  const due = new Map(
    (
      stmt(
        db,
        `SELECT qbo_id AS id, due_date AS dueDate, customer_id AS customerId FROM mirror_invoices
         WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND due_date IS NOT NULL AND balance_cents = 0 AND voided IS NOT 1`,
      ).all(s.advisorId, s.businessId) as {
        id: string;
        dueDate: string;
        customerId: string | null;
      }[]
    ).map((r) => [r.id, r]),
  );
  const payments = stmt(
    db,
    `SELECT data, txn_date AS paidDate FROM mirror_payments WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND txn_date IS NOT NULL`,
  ).all(s.advisorId, s.businessId) as { data: string; paidDate: string }[];
  // The last payment applied to an invoice is the one that closed it.
  const closedOn = new Map<string, string>();
  for (const p of payments) {
    let lines: unknown;
    try {
      lines = (JSON.parse(p.data) as { Line?: unknown }).Line;
    } catch {
      continue;
    }
    if (!Array.isArray(lines)) continue;
    for (const line of lines as { LinkedTxn?: { TxnId?: unknown; TxnType?: unknown }[] }[]) {
      for (const t of line.LinkedTxn ?? []) {
        if (t.TxnType !== 'Invoice' || typeof t.TxnId !== 'string') continue;
        const before = closedOn.get(t.TxnId);
        if (!before || before < p.paidDate) closedOn.set(t.TxnId, p.paidDate);
      }
    }
  }
  const rows: PaidInvoiceRow[] = [];
  for (const [id, paidDate] of closedOn) {
    const inv = due.get(id);
    if (inv?.customerId) rows.push({ customerId: inv.customerId, dueDate: inv.dueDate, paidDate });
  }
  return rows;
}

export type MoneyEvent = {
  counterpartyId: string;
  name: string;
  date: string;
  amountCents: number;
  direction: 'in' | 'out';
  /** Where it was read: day-to-day spending is the Purchases (runway.ts's burn), bills come on their own. */
  source: 'bill' | 'purchase' | 'payment';
};

/** Dated money in (customer payments) and out (bills, purchases) since `since`, by counterparty. */
export function moneyHistory(db: Db, s: Scope, since: string): MoneyEvent[] {
  return stmt(
    db,
    `SELECT b.vendor_id AS counterpartyId, COALESCE(b.vendor_name, b.vendor_id) AS name, b.txn_date AS date, b.total_cents AS amountCents, 'out' AS direction, 'bill' AS source
       FROM mirror_bills b WHERE b.advisor_id = @advisorId AND b.business_id = @businessId AND b.deleted = 0 AND b.vendor_id IS NOT NULL AND b.txn_date >= @since AND b.total_cents > 0
     UNION ALL
     SELECT p.payee_id, COALESCE(v.display_name, p.payee_id), p.txn_date, p.total_cents, 'out', 'purchase'
       FROM mirror_purchases p LEFT JOIN mirror_vendors v ON v.advisor_id = p.advisor_id AND v.business_id = p.business_id AND v.qbo_id = p.payee_id
       WHERE p.advisor_id = @advisorId AND p.business_id = @businessId AND p.deleted = 0 AND p.payee_id IS NOT NULL AND p.txn_date >= @since AND p.total_cents > 0 AND p.credit IS NOT 1
     UNION ALL
     SELECT y.customer_id, COALESCE(c.display_name, y.customer_id), y.txn_date, y.total_cents, 'in', 'payment'
       FROM mirror_payments y LEFT JOIN mirror_customers c ON c.advisor_id = y.advisor_id AND c.business_id = y.business_id AND c.qbo_id = y.customer_id
       WHERE y.advisor_id = @advisorId AND y.business_id = @businessId AND y.deleted = 0 AND y.customer_id IS NOT NULL AND y.txn_date >= @since AND y.total_cents > 0
     ORDER BY 1, 3`,
  ).all({ advisorId: s.advisorId, businessId: s.businessId, since }) as MoneyEvent[];
}

/** The client's customers' display names by id (the forecast's paying habits name who they are). */
export function customerNames(db: Db, s: Scope): Map<string, string> {
  const rows = stmt(
    db,
    `SELECT qbo_id AS id, display_name AS name FROM mirror_customers
     WHERE advisor_id = ? AND business_id = ? AND display_name IS NOT NULL`,
  ).all(s.advisorId, s.businessId) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
