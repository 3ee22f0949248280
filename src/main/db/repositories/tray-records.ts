// What the tray screen shows about the records its items name, and what its fix forms offer: record
// numbers and counterparties, the active vendors, customers and expense accounts, a customer's open
// invoices. Reads only; the lists are of one client's books, small enough to send whole to a form.
import type { NamedChoice } from '../../../core/tray/tray-view.ts';
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export type RecordLabel = { docNumber: string | null; counterparty: string | null };

// One statement per entity; ids arrive as one JSON array, so the SQL text never depends on how many.
const labelSql: Record<string, string> = {
  Bill: `SELECT qbo_id AS id, doc_number AS docNumber, vendor_name AS counterparty FROM mirror_bills
         WHERE advisor_id = ? AND business_id = ? AND qbo_id IN (SELECT value FROM json_each(?))`,
  Invoice: `SELECT qbo_id AS id, doc_number AS docNumber, customer_name AS counterparty FROM mirror_invoices
         WHERE advisor_id = ? AND business_id = ? AND qbo_id IN (SELECT value FROM json_each(?))`,
  Purchase: `SELECT p.qbo_id AS id, json_extract(p.data, '$.DocNumber') AS docNumber,
           COALESCE(json_extract(p.data, '$.EntityRef.name'), v.display_name, c.display_name) AS counterparty
         FROM mirror_purchases p
         LEFT JOIN mirror_vendors v ON v.advisor_id = p.advisor_id AND v.business_id = p.business_id AND v.qbo_id = p.payee_id AND p.payee_type = 'Vendor'
         LEFT JOIN mirror_customers c ON c.advisor_id = p.advisor_id AND c.business_id = p.business_id AND c.qbo_id = p.payee_id AND p.payee_type = 'Customer'
         WHERE p.advisor_id = ? AND p.business_id = ? AND p.qbo_id IN (SELECT value FROM json_each(?))`,
  Payment: `SELECT p.qbo_id AS id, json_extract(p.data, '$.PaymentRefNum') AS docNumber,
           COALESCE(json_extract(p.data, '$.CustomerRef.name'), c.display_name) AS counterparty
         FROM mirror_payments p
         LEFT JOIN mirror_customers c ON c.advisor_id = p.advisor_id AND c.business_id = p.business_id AND c.qbo_id = p.customer_id
         WHERE p.advisor_id = ? AND p.business_id = ? AND p.qbo_id IN (SELECT value FROM json_each(?))`,
  Account: `SELECT qbo_id AS id, NULL AS docNumber, name AS counterparty FROM mirror_balances
         WHERE advisor_id = ? AND business_id = ? AND qbo_id IN (SELECT value FROM json_each(?))`,
};

/** Number and counterparty of each named record, keyed `Entity:qboId` (records not mirrored are left out). */
export function recordLabels(
  db: Db,
  s: Scope,
  idsByEntity: ReadonlyMap<string, readonly string[]>,
): Map<string, RecordLabel> {
  const out = new Map<string, RecordLabel>();
  for (const [entity, ids] of idsByEntity) {
    const sql = labelSql[entity];
    if (!sql || ids.length === 0) continue;
    const rows = stmt(db, sql).all(s.advisorId, s.businessId, JSON.stringify(ids)) as ({
      id: string;
    } & RecordLabel)[];
    for (const r of rows)
      out.set(`${entity}:${r.id}`, {
        docNumber: r.docNumber === null ? null : String(r.docNumber),
        counterparty: r.counterparty,
      });
  }
  return out;
}

export function activeVendors(db: Db, s: Scope): NamedChoice[] {
  return stmt(
    db,
    `SELECT qbo_id AS id, display_name AS name FROM mirror_vendors
     WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND active = 1 AND display_name IS NOT NULL
     ORDER BY display_name COLLATE NOCASE`,
  ).all(s.advisorId, s.businessId) as NamedChoice[];
}

export function activeCustomers(db: Db, s: Scope): NamedChoice[] {
  return stmt(
    db,
    `SELECT qbo_id AS id, display_name AS name FROM mirror_customers
     WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND active = 1 AND display_name IS NOT NULL
     ORDER BY display_name COLLATE NOCASE`,
  ).all(s.advisorId, s.businessId) as NamedChoice[];
}

/** Active accounts an expense line can post to (QBO's expense and cost-of-sales types), by full name. */
export function expenseAccounts(db: Db, s: Scope): NamedChoice[] {
  return stmt(
    db,
    `SELECT qbo_id AS id, COALESCE(json_extract(data, '$.FullyQualifiedName'), name) AS name FROM mirror_balances
     WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND active = 1 AND name IS NOT NULL
       AND account_type IN ('Expense', 'Other Expense', 'Cost of Goods Sold')
     ORDER BY 2 COLLATE NOCASE`,
  ).all(s.advisorId, s.businessId) as NamedChoice[];
}

export type OpenInvoice = {
  qboId: string;
  docNumber: string | null;
  dueDate: string | null;
  balanceCents: number;
};

/** A customer's invoices with money still owed, oldest due first. */
export function openInvoicesOf(db: Db, s: Scope, customerId: string): OpenInvoice[] {
  return stmt(
    db,
    `SELECT qbo_id AS qboId, doc_number AS docNumber, due_date AS dueDate, balance_cents AS balanceCents FROM mirror_invoices
     WHERE advisor_id = ? AND business_id = ? AND customer_id = ? AND deleted = 0 AND balance_cents > 0
     ORDER BY due_date, qbo_id`,
  ).all(s.advisorId, s.businessId, customerId) as OpenInvoice[];
}
