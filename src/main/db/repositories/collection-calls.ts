import type { CollectionRow } from '../../../core/collections.ts';
import type { CollectionsRow } from '../../../core/console/console.ts';
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import type { Scope } from '../scope.ts';

export type CollectionCall = {
  id: number;
  businessId: string;
  invoiceQboId: string;
  outcome: string;
  promisedDate: string | null;
  followUpOn: string | null;
  note: string | null;
  calledBy: string;
  calledAt: string;
};

export type NewCall = Omit<CollectionCall, 'id' | 'businessId'>;

type Row = {
  id: number;
  business_id: string;
  invoice_qbo_id: string;
  outcome: string;
  promised_date: string | null;
  follow_up_on: string | null;
  note: string | null;
  called_by: string;
  called_at: string;
};

const toCall = (r: Row): CollectionCall => ({
  id: r.id,
  businessId: r.business_id,
  invoiceQboId: r.invoice_qbo_id,
  outcome: r.outcome,
  promisedDate: r.promised_date,
  followUpOn: r.follow_up_on,
  note: r.note,
  calledBy: r.called_by,
  calledAt: r.called_at,
});

export function recordCall(db: Db, s: Scope, c: NewCall): number {
  const info = stmt(
    db,
    `INSERT INTO collection_calls (advisor_id, business_id, invoice_qbo_id, outcome, promised_date, follow_up_on, note, called_by, called_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.advisorId,
    s.businessId,
    c.invoiceQboId,
    c.outcome,
    c.promisedDate,
    c.followUpOn,
    c.note,
    c.calledBy,
    c.calledAt,
  );
  return Number(info.lastInsertRowid);
}

export function callsForInvoice(db: Db, s: Scope, invoiceQboId: string): CollectionCall[] {
  return (
    stmt(
      db,
      `SELECT * FROM collection_calls WHERE advisor_id = ? AND business_id = ? AND invoice_qbo_id = ? ORDER BY called_at, id`,
    ).all(s.advisorId, s.businessId, invoiceQboId) as Row[]
  ).map(toCall);
}

/** The latest call per invoice, across every client of the advisor. */
export function latestCalls(db: Db, advisorId: string): CollectionCall[] {
  return (
    stmt(
      db,
      `SELECT c.* FROM collection_calls c
         JOIN (SELECT business_id, invoice_qbo_id, MAX(id) AS id FROM collection_calls WHERE advisor_id = ? GROUP BY business_id, invoice_qbo_id) last ON last.id = c.id
         ORDER BY c.called_at DESC`,
    ).all(advisorId) as Row[]
  ).map(toCall);
}

/**
 * Open invoices (positive balance) due on or before a day, across every client of the advisor or one,
 * each with the latest call logged on it (null when nobody called): the call list's rows.
 */
export function overdueInvoicesWithLastCall(
  db: Db,
  advisorId: string,
  dueOnOrBefore: string,
  businessId?: string,
): CollectionsRow[] {
  const rows = stmt(
    db,
    `SELECT i.business_id AS businessId, c.display_name AS clientName, i.qbo_id AS invoiceQboId, i.doc_number AS docNumber, i.customer_name AS customerName,
            i.due_date AS dueDate, i.balance_cents AS balanceCents, COALESCE(i.currency, c.home_currency) AS currency,
            k.outcome, k.called_at AS calledAt, k.promised_date AS promisedDate, k.follow_up_on AS followUpOn, k.note
     FROM mirror_invoices i
     JOIN clients c ON c.business_id = i.business_id
     LEFT JOIN collection_calls k ON k.id = (SELECT MAX(id) FROM collection_calls x
        WHERE x.advisor_id = i.advisor_id AND x.business_id = i.business_id AND x.invoice_qbo_id = i.qbo_id)
     WHERE i.advisor_id = @advisorId ${businessId ? 'AND i.business_id = @businessId' : ''} AND i.deleted = 0 AND i.balance_cents <> 0 AND i.balance_cents > 0 AND i.due_date <= @before`,
  ).all({ advisorId, before: dueOnOrBefore, ...(businessId ? { businessId } : {}) }) as (Omit<
    CollectionsRow,
    'lastCall'
  > & {
    outcome: string | null;
    calledAt: string;
    promisedDate: string | null;
    followUpOn: string | null;
    note: string | null;
  })[];
  return rows.map(({ outcome, calledAt, promisedDate, followUpOn, note, ...r }) => ({
    ...r,
    lastCall: outcome === null ? null : { outcome, calledAt, promisedDate, followUpOn, note },
  }));
}

/**
 * The collections screen's rows: open invoices (positive balance) due before a day, across every client
 * of the advisor or one, each with its customer's contact (mirror_customers, migration 016), the latest
 * call logged on it, how many calls were logged, and when the client's books were last synced.
 */
export function overdueInvoicesWithContacts(
  db: Db,
  advisorId: string,
  dueBefore: string,
  businessId?: string,
): CollectionRow[] {
  const rows = stmt(
    db,
    `SELECT i.business_id AS businessId, c.display_name AS clientName, i.qbo_id AS invoiceQboId, i.doc_number AS docNumber,
            i.customer_id AS customerId, COALESCE(i.customer_name, m.display_name) AS customerName,
            m.contact_name AS contactName, m.email, m.phone, m.mobile,
            i.due_date AS dueDate, i.balance_cents AS balanceCents, COALESCE(i.currency, c.home_currency) AS currency,
            k.outcome, k.called_at AS calledAt, k.promised_date AS promisedDate, k.follow_up_on AS followUpOn, k.note,
            (SELECT COUNT(*) FROM collection_calls n WHERE n.advisor_id = i.advisor_id AND n.business_id = i.business_id AND n.invoice_qbo_id = i.qbo_id) AS calls,
            (SELECT MAX(st.last_success_at) FROM sync_state st WHERE st.advisor_id = i.advisor_id AND st.business_id = i.business_id) AS syncedAt
     FROM mirror_invoices i
     JOIN clients c ON c.business_id = i.business_id
     LEFT JOIN mirror_customers m ON m.advisor_id = i.advisor_id AND m.business_id = i.business_id AND m.qbo_id = i.customer_id
     LEFT JOIN collection_calls k ON k.id = (SELECT MAX(id) FROM collection_calls x
        WHERE x.advisor_id = i.advisor_id AND x.business_id = i.business_id AND x.invoice_qbo_id = i.qbo_id)
     WHERE i.advisor_id = @advisorId ${businessId ? 'AND i.business_id = @businessId' : ''}
       AND i.deleted = 0 AND i.balance_cents > 0 AND i.due_date < @before`,
  ).all({ advisorId, before: dueBefore, ...(businessId ? { businessId } : {}) }) as {
    businessId: string;
    clientName: string;
    invoiceQboId: string;
    docNumber: string | null;
    customerId: string | null;
    customerName: string | null;
    contactName: string | null;
    email: string | null;
    phone: string | null;
    mobile: string | null;
    dueDate: string;
    balanceCents: number;
    currency: string;
    outcome: string | null;
    calledAt: string;
    promisedDate: string | null;
    followUpOn: string | null;
    note: string | null;
    calls: number;
    syncedAt: string | null;
  }[];
  return rows.map(
    ({
      contactName,
      email,
      phone,
      mobile,
      outcome,
      calledAt,
      promisedDate,
      followUpOn,
      note,
      ...r
    }) => ({
      ...r,
      contact: { name: contactName, email, phone, mobile },
      lastCall: outcome === null ? null : { outcome, calledAt, promisedDate, followUpOn, note },
    }),
  );
}
