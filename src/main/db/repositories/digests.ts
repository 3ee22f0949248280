// Saved digests (the baseline the next one compares with) and the digest's own reads: each client's
// "books as of" and the week's recorded work (decisions, calls, fixes), read for a whole batch at once.
import type { DecisionAction } from '../../../core/advisor-work.ts';
import type { QboEnvironment } from '../../../core/clients.ts';
import type {
  Baseline,
  WeekCall,
  WeekDecision,
  WeekFix,
  WeekWork,
} from '../../../core/digest/model.ts';
import type { FixState } from '../../../core/fixes.ts';
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import type { Scope } from '../scope.ts';

export type DigestRecord = {
  id: number;
  createdAt: string;
  cashCents: number;
  runwayWeeks: number | null;
  data: unknown;
};

type DigestRow = {
  id: number;
  created_at: string;
  cash_cents: number;
  runway_weeks: number | null;
  data: string;
};

const toRecord = (r: DigestRow): DigestRecord => ({
  id: r.id,
  createdAt: r.created_at,
  cashCents: r.cash_cents,
  runwayWeeks: r.runway_weeks,
  data: JSON.parse(r.data) as unknown,
});

/** `runwayWeeks`: whole weeks before cash goes below zero (null: never in the horizon). */
export function saveDigest(
  db: Db,
  s: Scope,
  d: { createdAt: string; cashCents: number; runwayWeeks: number | null; data: unknown },
): number {
  const info = stmt(
    db,
    `INSERT INTO digests (advisor_id, business_id, created_at, cash_cents, runway_weeks, data) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.advisorId, s.businessId, d.createdAt, d.cashCents, d.runwayWeeks, JSON.stringify(d.data));
  return Number(info.lastInsertRowid);
}

export function lastDigest(db: Db, s: Scope): DigestRecord | undefined {
  const r = stmt(
    db,
    `SELECT * FROM digests WHERE advisor_id = ? AND business_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`,
  ).get(s.advisorId, s.businessId) as DigestRow | undefined;
  return r && toRecord(r);
}

/**
 * What the next digest compares with, of the latest digest delivered strictly before an instant (ISO, as
 * created_at is written): read from its saved JSON without parsing the whole of it. `forecast` is null for
 * a digest saved before the daily forecast (its JSON has no runwayDays).
 */
export function baselineBefore(db: Db, s: Scope, before: string): Baseline | undefined {
  const r = stmt(
    db,
    `SELECT created_at AS createdAt, cash_cents AS cashCents, json_type(data, '$.runwayDays') AS runwayType,
            json_extract(data, '$.runwayDays') AS runwayDays, json_extract(data, '$.lowest.cashCents') AS lowestCents
     FROM digests WHERE advisor_id = ? AND business_id = ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1`,
  ).get(s.advisorId, s.businessId, before) as
    | {
        createdAt: string;
        cashCents: number;
        runwayType: string | null;
        runwayDays: number | null;
        lowestCents: number | null;
      }
    | undefined;
  if (!r) return undefined;
  const known = (r.runwayType === 'integer' || r.runwayType === 'null') && r.lowestCents !== null;
  return {
    createdAt: r.createdAt,
    cashCents: r.cashCents,
    forecast: known ? { runwayDays: r.runwayDays, lowestCents: r.lowestCents! } : null,
  };
}

export type DigestClient = {
  businessId: string;
  homeCurrency: string;
  environment: QboEnvironment;
  /** The latest successful sync of any entity (null: never synced), as the client list shows it. */
  syncedAt: string | null;
};

/** Every client of the advisor with what the digest prints about its books, in the client list's order. */
export function digestClients(db: Db, advisorId: string): DigestClient[] {
  return stmt(
    db,
    `SELECT c.business_id AS businessId, c.home_currency AS homeCurrency, c.environment,
            (SELECT MAX(st.last_success_at) FROM sync_state st WHERE st.advisor_id = c.advisor_id AND st.business_id = c.business_id) AS syncedAt
     FROM clients c WHERE c.advisor_id = ? ORDER BY c.display_name COLLATE NOCASE, c.business_id`,
  ).all(advisorId) as DigestClient[];
}

/**
 * The work recorded in (from, to] (ISO instants), per client, for one client or all: decisions recorded
 * (with the bill's vendor and number from the mirror), collection calls logged (with the invoice's
 * customer and number) and fixes whose state changed (sent, applied, in conflict, failed, waiting;
 * not the ones the advisor dropped). Newest first.
 */
export function weekWork(
  db: Db,
  advisorId: string,
  from: string,
  to: string,
  businessId?: string,
): Map<string, WeekWork> {
  const p = { advisorId, from, to, businessId: businessId ?? null };
  const decisions = stmt(
    db,
    `SELECT d.business_id AS businessId, d.bill_qbo_id AS billQboId, b.vendor_name AS vendorName, b.doc_number AS docNumber,
            d.action, d.planned_date AS plannedDate, d.decided_at AS decidedAt, d.superseded_at IS NOT NULL AS replaced
     FROM decisions d
     LEFT JOIN mirror_bills b ON b.advisor_id = d.advisor_id AND b.business_id = d.business_id AND b.qbo_id = d.bill_qbo_id
     WHERE d.advisor_id = @advisorId AND (@businessId IS NULL OR d.business_id = @businessId)
       AND d.decided_at > @from AND d.decided_at <= @to
     ORDER BY d.decided_at DESC, d.id DESC`,
  ).all(p) as (Omit<WeekDecision, 'replaced' | 'action'> & {
    businessId: string;
    action: DecisionAction;
    replaced: number;
  })[];
  const calls = stmt(
    db,
    `SELECT k.business_id AS businessId, k.invoice_qbo_id AS invoiceQboId, i.customer_name AS customerName, i.doc_number AS docNumber,
            k.outcome, k.promised_date AS promisedDate, k.called_at AS calledAt
     FROM collection_calls k
     LEFT JOIN mirror_invoices i ON i.advisor_id = k.advisor_id AND i.business_id = k.business_id AND i.qbo_id = k.invoice_qbo_id
     WHERE k.advisor_id = @advisorId AND (@businessId IS NULL OR k.business_id = @businessId)
       AND k.called_at > @from AND k.called_at <= @to
     ORDER BY k.called_at DESC, k.id DESC`,
  ).all(p) as (WeekCall & { businessId: string })[];
  const fixes = stmt(
    db,
    `SELECT business_id AS businessId, id, summary, state, reason, updated_at AS updatedAt FROM outbox
     WHERE advisor_id = @advisorId AND (@businessId IS NULL OR business_id = @businessId)
       AND updated_at > @from AND updated_at <= @to AND state <> 'discarded'
     ORDER BY updated_at DESC, id DESC`,
  ).all(p) as (WeekFix & { businessId: string; state: FixState })[];
  const out = new Map<string, WeekWork>();
  const of = (id: string) => {
    let w = out.get(id);
    if (!w) out.set(id, (w = { decisions: [], calls: [], fixes: [] }));
    return w;
  };
  for (const { businessId: id, replaced, ...d } of decisions)
    of(id).decisions.push({ ...d, replaced: replaced === 1 });
  for (const { businessId: id, ...c } of calls) of(id).calls.push(c);
  for (const { businessId: id, ...f } of fixes) of(id).fixes.push(f);
  return out;
}
