// Collections (list_collections_ready): open invoices 30+ days past due across every client, as one call
// list with the latest call of each; and recording a call.
import type { CallList, CallOutcome } from '../../core/advisor-work.ts';
import { buildCallList, type CollectionsRow } from '../../core/console/console.ts';
import { addDays, isIsoDay, localDay } from '../../core/dates.ts';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import { collectionsAfterDays } from '../../core/runway/runway.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { recordCall } from '../db/repositories/collection-calls.ts';
import { stmt } from './gateways/statements.ts';
import { recomputeTray } from './tray/recompute.ts';

export function callList(db: Db, advisorId: string, now: Date, businessId?: string): CallList {
  const today = localDay(now);
  // Like every other command naming a client: an unknown one is NOT_FOUND, not an empty (and reassuring) list.
  if (businessId && !stmt(db, 'SELECT 1 FROM clients WHERE advisor_id = ? AND business_id = ?').get(advisorId, businessId)) throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
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
  ).all({ advisorId, before: addDays(today, -collectionsAfterDays), ...(businessId ? { businessId } : {}) }) as (Omit<CollectionsRow, 'lastCall'> & {
    outcome: string | null;
    calledAt: string;
    promisedDate: string | null;
    followUpOn: string | null;
    note: string | null;
  })[];
  return buildCallList(
    rows.map(({ outcome, calledAt, promisedDate, followUpOn, note, ...r }) => ({ ...r, lastCall: outcome === null ? null : { outcome, calledAt, promisedDate, followUpOn, note } })),
    today,
  );
}

export type CallRequest = { businessId: string; invoiceQboId: string; outcome: CallOutcome; promisedDate?: string | null; followUpOn?: string | null; note?: string | null };

export function logCall(db: Db, advisorId: string, req: CallRequest, now: Date, t: HygieneThresholds = defaultHygieneThresholds): { callId: number } {
  const s = { advisorId, businessId: req.businessId };
  if (!stmt(db, 'SELECT 1 FROM clients WHERE advisor_id = ? AND business_id = ?').get(advisorId, req.businessId)) throw new CodedError('NOT_FOUND', `No client ${req.businessId}.`);
  const inv = stmt(db, 'SELECT deleted FROM mirror_invoices WHERE advisor_id = ? AND business_id = ? AND qbo_id = ?').get(advisorId, req.businessId, req.invoiceQboId) as
    | { deleted: number }
    | undefined;
  if (!inv || inv.deleted) throw new CodedError('NOT_FOUND', `No invoice ${req.invoiceQboId} for client ${req.businessId}.`);
  for (const [field, value] of [['promisedDate', req.promisedDate], ['followUpOn', req.followUpOn]] as const) {
    if (value != null && !isIsoDay(value)) throw new CodedError('INVALID_INPUT', `${field} is not a date (YYYY-MM-DD): ${value}.`);
  }
  return db.transaction(() => {
    const callId = recordCall(db, s, {
      invoiceQboId: req.invoiceQboId,
      outcome: req.outcome,
      promisedDate: req.promisedDate ?? null,
      followUpOn: req.followUpOn ?? null,
      note: req.note ?? null,
      calledBy: advisorId,
      calledAt: now.toISOString(),
    });
    recomputeTray(db, s, now, t);
    return { callId };
  })();
}
