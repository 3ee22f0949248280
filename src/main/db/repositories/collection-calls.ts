import type { Db } from '../open.ts';

type Scope = { advisorId: string; businessId: string };

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
  const info = db
    .prepare(
      `INSERT INTO collection_calls (advisor_id, business_id, invoice_qbo_id, outcome, promised_date, follow_up_on, note, called_by, called_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.advisorId, s.businessId, c.invoiceQboId, c.outcome, c.promisedDate, c.followUpOn, c.note, c.calledBy, c.calledAt);
  return Number(info.lastInsertRowid);
}

export function callsForInvoice(db: Db, s: Scope, invoiceQboId: string): CollectionCall[] {
  return (
    db
      .prepare(`SELECT * FROM collection_calls WHERE advisor_id = ? AND business_id = ? AND invoice_qbo_id = ? ORDER BY called_at, id`)
      .all(s.advisorId, s.businessId, invoiceQboId) as Row[]
  ).map(toCall);
}

/** The latest call per invoice, across every client of the advisor. */
export function latestCalls(db: Db, advisorId: string): CollectionCall[] {
  return (
    db
      .prepare(
        `SELECT c.* FROM collection_calls c
         JOIN (SELECT business_id, invoice_qbo_id, MAX(id) AS id FROM collection_calls WHERE advisor_id = ? GROUP BY business_id, invoice_qbo_id) last ON last.id = c.id
         ORDER BY c.called_at DESC`,
      )
      .all(advisorId) as Row[]
  ).map(toCall);
}
