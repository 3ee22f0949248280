import type { BillDecision, DecisionAction } from '../../../core/advisor-work.ts';
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import type { Scope } from '../scope.ts';

export type { DecisionAction };

export type Decision = BillDecision & { billQboId: string };

type Row = {
  id: number;
  bill_qbo_id: string;
  action: DecisionAction;
  planned_date: string | null;
  note: string | null;
  decided_by: string;
  decided_at: string;
  outcome: string | null;
  outcome_date: string | null;
};

const toDecision = (r: Row): Decision => ({
  id: r.id,
  billQboId: r.bill_qbo_id,
  action: r.action,
  plannedDate: r.planned_date,
  note: r.note,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  outcome: r.outcome,
  outcomeDate: r.outcome_date,
});

export type NewDecision = {
  billQboId: string;
  action: DecisionAction;
  plannedDate: string | null;
  note: string | null;
  decidedBy: string;
  now: string;
};

/** Records a decision; the previous one for the same bill is kept as history (superseded). */
export function recordDecision(db: Db, s: Scope, d: NewDecision): number {
  return db.transaction(() => {
    stmt(
      db,
      `UPDATE decisions SET superseded_at = ? WHERE advisor_id = ? AND business_id = ? AND bill_qbo_id = ? AND superseded_at IS NULL`,
    ).run(d.now, s.advisorId, s.businessId, d.billQboId);
    const info = stmt(
      db,
      `INSERT INTO decisions (advisor_id, business_id, bill_qbo_id, action, planned_date, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      s.advisorId,
      s.businessId,
      d.billQboId,
      d.action,
      d.plannedDate,
      d.note,
      d.decidedBy,
      d.now,
    );
    return Number(info.lastInsertRowid);
  })();
}

export function currentDecisions(db: Db, s: Scope): Decision[] {
  return (
    stmt(
      db,
      `SELECT * FROM decisions WHERE advisor_id = ? AND business_id = ? AND superseded_at IS NULL ORDER BY bill_qbo_id`,
    ).all(s.advisorId, s.businessId) as Row[]
  ).map(toDecision);
}

export function decisionHistory(db: Db, s: Scope, billQboId: string): Decision[] {
  return (
    stmt(
      db,
      `SELECT * FROM decisions WHERE advisor_id = ? AND business_id = ? AND bill_qbo_id = ? ORDER BY id`,
    ).all(s.advisorId, s.businessId, billQboId) as Row[]
  ).map(toDecision);
}

/** Notes what QBO later showed for the bill (for example: paid on a date). */
export function recordOutcome(
  db: Db,
  s: Scope,
  decisionId: number,
  outcome: string,
  outcomeDate: string | null,
): void {
  stmt(
    db,
    `UPDATE decisions SET outcome = ?, outcome_date = ? WHERE id = ? AND advisor_id = ? AND business_id = ?`,
  ).run(outcome, outcomeDate, decisionId, s.advisorId, s.businessId);
}

/** Current decisions without an outcome whose bill QBO now shows paid (with its BillPayment's date) or deleted. */
export function decisionsSettledInQbo(
  db: Db,
  s: Scope,
): { id: number; deleted: number; balance: number | null; paidOn: string | null }[] {
  return stmt(
    db,
    `SELECT d.id, b.deleted, b.balance_cents AS balance, bp.txn_date AS paidOn
     FROM decisions d
     JOIN mirror_bills b ON b.advisor_id = d.advisor_id AND b.business_id = d.business_id AND b.qbo_id = d.bill_qbo_id
     LEFT JOIN mirror_bill_payments bp ON bp.advisor_id = b.advisor_id AND bp.business_id = b.business_id AND bp.qbo_id = b.paid_by_bill_payment_id
     WHERE d.advisor_id = ? AND d.business_id = ? AND d.superseded_at IS NULL AND d.outcome IS NULL AND (b.deleted = 1 OR b.balance_cents = 0)`,
  ).all(s.advisorId, s.businessId) as {
    id: number;
    deleted: number;
    balance: number | null;
    paidOn: string | null;
  }[];
}
